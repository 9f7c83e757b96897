import { BANNER_LEVELS, type BannerLevel } from '../../machines/model.js';
import { normaliseTrackName, trackNameProblem } from '../../machines/trackName.js';
import { httpUrl } from '../validate/httpUrl.js';
import { command, error, firstWord, type ParseResult, words } from './command.js';

const ADMIN_WORDS =
  '~list, ~add, ~del, ~clean, ~newday, ~emptydb, ~fetchdb, ~motd, ~requirevoice, ~alloweveryone';

/** `~COMMAND [PARAMETERS]`, given without its `~`. */
export function parseAdminCommand(text: string): ParseResult {
  const [rawWord, param] = firstWord(text);
  const word = rawWord.toLowerCase();
  const params = words(param);
  const bare = (type: Parameters<typeof command>[0]['type'], form: string): ParseResult =>
    params.length === 0
      ? command({ type } as Parameters<typeof command>[0])
      : error(`Usage: ${form}`);

  switch (word) {
    case 'list':
      return bare('admin.list', '~list');
    case 'newday':
      return bare('admin.newday', '~newday');
    case 'emptydb':
    case 'wipe':
      return bare('admin.emptydb', `~${word}`);
    case 'requirevoice':
      return bare('admin.voice.require', '~requirevoice');
    case 'alloweveryone':
      return bare('admin.voice.allowEveryone', '~alloweveryone');
    case 'add':
    case 'del':
    case 'clean':
    case 'clear': {
      if (params.length === 0) return error(`Usage: ~${word} TRACK [TRACK...]`);
      const tracks = [...new Set(params.map(normaliseTrackName))];
      if (word === 'add') {
        const problem = tracks.map(trackNameProblem).find((p) => p !== null);
        if (problem) return error(problem);
      }
      const type = word === 'add' ? 'admin.add' : word === 'del' ? 'admin.del' : 'admin.clean';
      return command({ type, tracks });
    }
    case 'fetchdb': {
      if (params.length !== 1) return error('Usage: ~fetchdb URL');
      const url = httpUrl(params[0] as string);
      if (url === null) return error(`'${params[0]}' is not an http(s) URL`);
      return { kind: 'fetchdb', url };
    }
    case 'motd':
      return parseMotd(param);
    default:
      return error(`Unknown admin command '~${rawWord}'. Admin commands: ${ADMIN_WORDS}`);
  }
}

const MOTD_USAGE =
  'Usage: ~motd add LEVEL MESSAGE | ~motd del N | ~motd reorder X Y [Z...] | ~motd clean';

function parseMotd(text: string): ParseResult {
  const [rawWord, rest] = firstWord(text);
  const params = words(rest);
  switch (rawWord.toLowerCase()) {
    case 'add': {
      const [rawLevel, message] = firstWord(rest);
      const level = rawLevel.toLowerCase();
      if (!(BANNER_LEVELS as readonly string[]).includes(level) || message === '') {
        return error(`Usage: ~motd add LEVEL MESSAGE, LEVEL one of ${BANNER_LEVELS.join(', ')}`);
      }
      if (message.length > 500) return error('Banner too long (at most 500 characters)');
      return command({ type: 'admin.motd.add', level: level as BannerLevel, message });
    }
    case 'del': {
      const index = params.length === 1 ? bannerNumber(params[0] as string) : null;
      if (index === null) return error('Usage: ~motd del N (N counts from 1)');
      return command({ type: 'admin.motd.del', index });
    }
    case 'reorder': {
      const order = params.map(bannerNumber);
      if (order.length === 0 || order.some((n) => n === null)) {
        return error('Usage: ~motd reorder X Y [Z...] (banner numbers, from 1)');
      }
      return command({ type: 'admin.motd.reorder', order: order as number[] });
    }
    case 'clean':
    case 'clear':
      if (params.length > 0) return error(`Usage: ~motd ${rawWord.toLowerCase()}`);
      return command({ type: 'admin.motd.clean' });
    default:
      return error(MOTD_USAGE);
  }
}

function bannerNumber(text: string): number | null {
  return /^\d{1,4}$/.test(text) ? Number(text) : null;
}
