import { normaliseTrackName } from '../../machines/trackName.js';
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

const TRACK_WORDS = 'now, next, clean, color, location, url, etherpad, book, unbook';

/** `#TRACK COMMAND [PARAMETERS]`, given without its `#`. */
export function parseTrackCommand(text: string): ParseResult {
  const [rawTrack, rest] = firstWord(text);
  const track = normaliseTrackName(rawTrack);
  const [rawWord, param] = firstWord(rest);
  const word = rawWord.toLowerCase();
  const usage = (form: string) => error(`Usage: #${track} ${form}`);
  if (word === '') return error(`Usage: #${track} COMMAND ...; commands: ${TRACK_WORDS}`);

  switch (word) {
    case 'now':
    case 'next': {
      if (param === '') return usage(`${word} TOPIC`);
      if (param.length > MAX_TOPIC)
        return error(`Topic too long (at most ${MAX_TOPIC} characters)`);
      return command({ type: word === 'now' ? 'track.now' : 'track.next', track, topic: param });
    }
    case 'clean':
    case 'clear':
      if (param !== '') return usage(`${word} (it takes no parameter)`);
      return command({ type: 'track.clean', track });
    case 'color':
    case 'colour': {
      // One colour, which may itself hold spaces, as in rgb(0 80 160).
      if (isCssColor(param)) return command({ type: 'track.color', track, color: param });
      if (param === '' || words(param).length > 1) {
        return usage('color CSS_COLOR (e.g. #ff8800 or darkblue)');
      }
      return error(`'${param}' is not a CSS colour; try e.g. #ff8800 or darkblue`);
    }
    case 'location': {
      if (param === '') return usage('location TEXT');
      if (param.length > MAX_LOCATION) {
        return error(`Location too long (at most ${MAX_LOCATION} characters)`);
      }
      return command({ type: 'track.location', track, location: param });
    }
    case 'url':
    case 'etherpad': {
      const reset = word === 'url' ? 'none' : 'auto';
      const list = words(param);
      if (list.length !== 1) return usage(`${word} URL (or: #${track} ${word} ${reset})`);
      const value = list[0] as string;
      const type = word === 'url' ? 'track.url' : 'track.etherpad';
      if (value.toLowerCase() === reset) return command({ type, track, url: null });
      const url = httpUrl(value);
      if (url === null) return error(`'${value}' is not an http(s) URL`);
      return command({ type, track, url });
    }
    case 'book':
    case 'unbook': {
      if (param === '') return usage(`${word} ROOM-SLOT`);
      return command({ type: word === 'book' ? 'track.book' : 'track.unbook', track, code: param });
    }
    default:
      return error(`Unknown command '${rawWord}'. Did you mean: #${track} now ${rawWord}... ?`);
  }
}
