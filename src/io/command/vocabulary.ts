import { BANNER_LEVELS, type BannerLevel, type TrackFields } from '../../machines/model.js';
import { normaliseTrackName } from '../../machines/trackName.js';
import { patternProblem } from '../../machines/subscriptionPattern.js';
import { isCssColor } from '../validate/cssColor.js';
import { httpUrl } from '../validate/httpUrl.js';
import {
  command,
  error,
  firstWord,
  MAX_LOCATION,
  MAX_TOPIC,
  type ParseResult,
  words,
} from './command.js';

/** What a command is given: the text after its word, and for track commands the track. */
export interface Args {
  param: string;
  track: string;
  /** `+`, `#` or '' (privately): how the sender wrote a user command, for usage lines. */
  prefix: string;
}

export interface CommandDeclaration {
  family: 'track' | 'admin' | 'user';
  /** The word, then its aliases. */
  words: readonly string[];
  /** The form to show, e.g. `#TRACK now TOPIC`. */
  usage: string;
  /** What it does, in a few words. */
  does: string;
  parse: (args: Args) => ParseResult;
}

const usage = (text: string) => error(`Usage: ${text}`);
const confirmed = (params: string[]) => params.length === 1 && params[0] === 'confirm';

function topic(type: 'track.now' | 'track.next', word: string) {
  return ({ track, param }: Args): ParseResult => {
    if (param === '') return usage(`#${track} ${word} TOPIC`);
    if (param.length > MAX_TOPIC) return error(`Topic too long (at most ${MAX_TOPIC} characters)`);
    return command({ type, track, topic: param });
  };
}

/** Sets fields no region of the track looks at, naming the line the moderator said. */
const setFields = (track: string, fields: Partial<TrackFields>, said: string) =>
  command({ type: 'track.set', track, fields, said: `#${track} ${said}` });

function link(field: 'url' | 'etherpad', reset: string) {
  return ({ track, param }: Args): ParseResult => {
    const list = words(param);
    if (list.length !== 1) return usage(`#${track} ${field} URL (or: #${track} ${field} ${reset})`);
    const value = list[0] as string;
    if (value.toLowerCase() === reset)
      return setFields(track, { [field]: null }, `${field} ${reset}`);
    const url = httpUrl(value);
    if (url === null) return error(`'${value}' is not an http(s) URL`);
    return setFields(track, { [field]: url }, `${field} ${url}`);
  };
}

function roomSlot(type: 'track.book' | 'track.unbook', word: string) {
  return ({ track, param }: Args): ParseResult =>
    param === '' ? usage(`#${track} ${word} ROOM-SLOT`) : command({ type, track, code: param });
}

function bareTrack(type: 'track.clean' | 'track.undo', word: string) {
  return ({ track, param }: Args): ParseResult =>
    param === '' ? command({ type, track }) : usage(`#${track} ${word} (it takes no parameter)`);
}

function bare(
  type: 'admin.list' | 'admin.voice.require' | 'admin.voice.allowEveryone' | 'admin.undo',
  form: string,
) {
  return ({ param }: Args): ParseResult =>
    param === '' ? command({ type }) : usage(`${form} (it takes no parameter)`);
}

function confirmable(type: 'admin.newday' | 'admin.emptydb', form: string) {
  return ({ param }: Args): ParseResult => {
    const params = words(param);
    if (params.length === 0) return command({ type });
    if (confirmed(params)) return command({ type, confirmed: true });
    return usage(`${form} (then ${form} confirm when asked)`);
  };
}

function trackList(type: 'admin.add' | 'admin.del' | 'admin.clean', word: string) {
  return ({ param }: Args): ParseResult => {
    const params = words(param);
    const confirm = type === 'admin.del' && params.at(-1) === 'confirm';
    const names = [...new Set((confirm ? params.slice(0, -1) : params).map(normaliseTrackName))];
    if (names.length === 0) return usage(`~${word} TRACK [TRACK...]`);
    return command(
      type === 'admin.del' && confirm
        ? { type, tracks: names, confirmed: true }
        : { type, tracks: names },
    );
  };
}

const MOTD_USAGE =
  '~motd list | ~motd add LEVEL MESSAGE | ~motd del N | ~motd reorder X Y [Z...] | ~motd clean';

function parseMotd({ param }: Args): ParseResult {
  const [rawWord, rest] = firstWord(param);
  const params = words(rest);
  const number = (text: string) => (/^\d{1,4}$/.test(text) ? Number(text) : null);
  switch (rawWord.toLowerCase()) {
    case 'list':
      return command({ type: 'admin.motd.list' });
    case 'add': {
      const [rawLevel, message] = firstWord(rest);
      const level = rawLevel.toLowerCase();
      if (!(BANNER_LEVELS as readonly string[]).includes(level) || message === '') {
        return usage(`~motd add LEVEL MESSAGE, LEVEL one of ${BANNER_LEVELS.join(', ')}`);
      }
      if (message.length > 500) return error('Banner too long (at most 500 characters)');
      return command({ type: 'admin.motd.add', level: level as BannerLevel, message });
    }
    case 'del': {
      const index = params.length === 1 ? number(params[0] as string) : null;
      if (index === null) return usage('~motd del N (N counts from 1; ~motd list shows them)');
      return command({ type: 'admin.motd.del', index });
    }
    case 'reorder': {
      const order = params.map(number);
      if (order.length === 0 || order.some((n) => n === null)) {
        return usage('~motd reorder X Y [Z...] (banner numbers, from 1)');
      }
      return command({ type: 'admin.motd.reorder', order: order as number[] });
    }
    case 'clean':
    case 'clear':
      if (params.length > 0) return usage(`~motd ${rawWord.toLowerCase()}`);
      return command({ type: 'admin.motd.clean' });
    default:
      return usage(MOTD_USAGE);
  }
}

/**
 * Every command the bot understands, declared once: the parser, `help`, the hints for
 * mistyped words, the README's table and the fuzz tests all read this list.
 */
export const VOCABULARY: readonly CommandDeclaration[] = [
  {
    family: 'track',
    words: ['now'],
    usage: '#TRACK now TOPIC',
    does: 'what the track discusses now',
    parse: topic('track.now', 'now'),
  },
  {
    family: 'track',
    words: ['next'],
    usage: '#TRACK next TOPIC',
    does: 'queue what comes next',
    parse: topic('track.next', 'next'),
  },
  {
    family: 'track',
    words: ['clean', 'clear'],
    usage: '#TRACK clean',
    does: 'clear now and next',
    parse: bareTrack('track.clean', 'clean'),
  },
  {
    family: 'track',
    words: ['color', 'colour'],
    usage: '#TRACK color CSS_COLOR',
    does: 'the colour of its badge',
    parse: ({ track, param }) => {
      // One colour, which may itself hold spaces, as in rgb(0 80 160).
      if (isCssColor(param)) return setFields(track, { color: param }, `color ${param}`);
      if (param === '' || words(param).length > 1)
        return usage(`#${track} color CSS_COLOR (e.g. #ff8800 or darkblue)`);
      return error(`'${param}' is not a CSS colour; try e.g. #ff8800 or darkblue`);
    },
  },
  {
    family: 'track',
    words: ['location'],
    usage: '#TRACK location TEXT',
    does: 'where it meets, when not in its scheduled room',
    parse: ({ track, param }) => {
      if (param === '') return usage(`#${track} location TEXT`);
      if (param.length > MAX_LOCATION)
        return error(`Location too long (at most ${MAX_LOCATION} characters)`);
      return command({ type: 'track.location', track, location: param });
    },
  },
  {
    family: 'track',
    words: ['url'],
    usage: '#TRACK url URL|none',
    does: 'its meeting link',
    parse: link('url', 'none'),
  },
  {
    family: 'track',
    words: ['etherpad'],
    usage: '#TRACK etherpad URL|auto',
    does: 'its pad',
    parse: link('etherpad', 'auto'),
  },
  {
    family: 'track',
    words: ['book'],
    usage: '#TRACK book ROOM-SLOT',
    does: 'book a free room slot',
    parse: roomSlot('track.book', 'book'),
  },
  {
    family: 'track',
    words: ['unbook'],
    usage: '#TRACK unbook ROOM-SLOT',
    does: 'give a booked slot back',
    parse: roomSlot('track.unbook', 'unbook'),
  },
  {
    family: 'track',
    words: ['undo'],
    usage: '#TRACK undo',
    does: 'take back your last change to the track',
    parse: bareTrack('track.undo', 'undo'),
  },
  {
    family: 'admin',
    words: ['list'],
    usage: '~list',
    does: 'list the tracks',
    parse: bare('admin.list', '~list'),
  },
  {
    family: 'admin',
    words: ['add'],
    usage: '~add TRACK...',
    does: 'add tracks',
    parse: trackList('admin.add', 'add'),
  },
  {
    family: 'admin',
    words: ['del'],
    usage: '~del TRACK...',
    does: 'remove tracks (asks to confirm when one has a topic)',
    parse: trackList('admin.del', 'del'),
  },
  {
    family: 'admin',
    words: ['clean', 'clear'],
    usage: '~clean TRACK...',
    does: "clear tracks' topics",
    parse: trackList('admin.clean', 'clean'),
  },
  {
    family: 'admin',
    words: ['newday'],
    usage: '~newday',
    does: 'start a new day (asks to confirm during a session)',
    parse: confirmable('admin.newday', '~newday'),
  },
  {
    family: 'admin',
    words: ['emptydb', 'wipe'],
    usage: '~emptydb',
    does: 'empty the event (asks to confirm)',
    parse: confirmable('admin.emptydb', '~emptydb'),
  },
  {
    family: 'admin',
    words: ['fetchdb'],
    usage: '~fetchdb URL',
    does: 'load event data (asks to confirm over a live event)',
    parse: ({ param }) => {
      const params = words(param);
      const confirm = params.length === 2 && params[1] === 'confirm';
      if (params.length !== 1 && !confirm) return usage('~fetchdb URL');
      const url = httpUrl(params[0] as string);
      if (url === null) return error(`'${params[0]}' is not an http(s) URL`);
      return { kind: 'fetchdb', url, confirmed: confirm };
    },
  },
  {
    family: 'admin',
    words: ['motd'],
    usage: '~motd list|add LEVEL MSG|del N|reorder X Y...|clean',
    does: 'the banners',
    parse: parseMotd,
  },
  {
    family: 'admin',
    words: ['undo'],
    usage: '~undo',
    does: 'take back the last admin change',
    parse: bare('admin.undo', '~undo'),
  },
  {
    family: 'admin',
    words: ['requirevoice'],
    usage: '~requirevoice',
    does: 'only voiced users and ops may moderate',
    parse: bare('admin.voice.require', '~requirevoice'),
  },
  {
    family: 'admin',
    words: ['alloweveryone'],
    usage: '~alloweveryone',
    does: 'anyone may moderate',
    parse: bare('admin.voice.allowEveryone', '~alloweveryone'),
  },
  {
    family: 'user',
    words: ['in'],
    usage: '+in LOCATION',
    does: 'check in at a track or a place',
    parse: ({ param, prefix }) => {
      if (param === '') return usage(`${prefix}in LOCATION (a track or free text)`);
      if (param.length > MAX_LOCATION)
        return error(`Location too long (at most ${MAX_LOCATION} characters)`);
      return command({ type: 'user.in', location: param });
    },
  },
  {
    family: 'user',
    words: ['out'],
    usage: '+out',
    does: 'check out',
    parse: () => command({ type: 'user.out' }),
  },
  {
    family: 'user',
    words: ['seen'],
    usage: '+seen NICK',
    does: 'where someone last checked in',
    parse: ({ param, prefix }) => {
      const list = words(param);
      return list.length === 1
        ? command({ type: 'user.seen', who: list[0] as string })
        : usage(`${prefix}seen NICK`);
    },
  },
  {
    family: 'user',
    words: ['subscribe'],
    usage: '+subscribe REGEX',
    does: 'be told privately of matching topics',
    parse: ({ param }) => {
      if (param === '') return command({ type: 'user.subscription' });
      const problem = patternProblem(param);
      return problem ? error(problem) : command({ type: 'user.subscribe', pattern: param });
    },
  },
  {
    family: 'user',
    words: ['unsubscribe'],
    usage: '+unsubscribe',
    does: 'stop being told',
    parse: () => command({ type: 'user.unsubscribe' }),
  },
  {
    family: 'user',
    words: ['help'],
    usage: '+help',
    does: 'where the help is',
    parse: () => ({ kind: 'help' }),
  },
];

export const commandsOf = (family: CommandDeclaration['family']) =>
  VOCABULARY.filter((c) => c.family === family);

/** Each family's words, aliases included, to their declarations: made once. */
const BY_WORD = new Map<CommandDeclaration['family'], Map<string, CommandDeclaration>>();
for (const declaration of VOCABULARY) {
  let words = BY_WORD.get(declaration.family);
  if (!words) BY_WORD.set(declaration.family, (words = new Map()));
  for (const word of declaration.words) if (!words.has(word)) words.set(word, declaration);
}

/** The declaration a word names in a family, aliases included. */
export function lookUp(
  family: CommandDeclaration['family'],
  word: string,
): CommandDeclaration | undefined {
  return BY_WORD.get(family)?.get(word.toLowerCase());
}

/** Every word and alias of a family, for hints and the fuzz tests. */
export const wordsOf = (family: CommandDeclaration['family']): string[] =>
  commandsOf(family).flatMap((c) => c.words);

/** The short help the bot gives, from the declarations. */
export function helpLine(helpUrl: string): string {
  const show = (family: CommandDeclaration['family']) =>
    commandsOf(family)
      .filter((c) => c.words[0] !== 'help')
      .map((c) => c.usage)
      .join(', ');
  return `Moderators: ${show('track')}. Attendees: ${show('user')}. Ops: ~list, ~add, ~del, ~motd, ~undo... Help: ${helpUrl}`;
}

/** The README's table of commands, from the declarations (a test keeps the README equal). */
export function commandTable(): string {
  const who = { track: 'moderators', admin: 'ops', user: 'anyone' } as const;
  const rows = VOCABULARY.map((c) => {
    const aliases = c.words.length > 1 ? ` (also ${c.words.slice(1).join(', ')})` : '';
    return `| ${who[c.family]} | \`${c.usage.replace(/\|/g, '\\|')}\`${aliases} | ${c.does} |`;
  });
  return ['| who | says | for |', '| --- | --- | --- |', ...rows].join('\n');
}
