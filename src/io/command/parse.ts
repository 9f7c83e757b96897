import { normaliseTrackName } from '../../machines/trackName.js';
import { closest } from '../text/closest.js';
import { type CommandFamily, error, firstWord, type ParseResult } from './command.js';
import { lookUp, wordsOf } from './vocabulary.js';

/** IRC colour codes with their numbers, then every other control character. */
const FORMATTING =
  /\x03(\d{1,2}(,\d{1,2})?)?|\x04[0-9a-fA-F]{0,6}(,[0-9a-fA-F]{6})?|[\x00-\x1f\x7f]/g;

export function stripFormatting(text: string): string {
  return text.replace(FORMATTING, '');
}

/** What a line asks, and which family of commands it belongs to (the chart's guards differ). */
export interface ParsedLine {
  family: CommandFamily;
  result: ParseResult;
}

const ignore: ParsedLine = { family: 'user', result: { kind: 'ignore' } };

/** What the parser needs to know of the event: which tracks exist. */
export interface ParseContext {
  isTrack: (name: string) => boolean;
  tracks: () => readonly string[];
}

const listOf = (family: CommandFamily, prefix: string) =>
  wordsOf(family)
    .filter((w, i, all) => all.indexOf(w) === i)
    .map((w) => `${prefix}${w}`)
    .join(', ');

/**
 * One line, as said in the channel or privately to the bot, to what it asks.
 * In the channel a line is for the bot when it starts with `~`, `+`, or `#` followed by a
 * known track or a command word, or with the bot's nick; anything else is chat, and gets
 * no answer.
 */
export function parseLine(
  raw: string,
  isPrivate: boolean,
  event: ParseContext,
  /** Said to the bot by its nick in the channel (`ptgbot: help`): plain words are for it. */
  addressed = false,
): ParsedLine {
  const text = stripFormatting(raw).trim();
  if (text === '') return ignore;
  const prefix = text.charAt(0);
  const body = text.slice(1);

  if (prefix === '+') return user(body, '+', isPrivate);
  if (prefix === '#') {
    const [first, rest] = firstWord(body);
    if (lookUp('user', first)) return user(body, '#', isPrivate);
    if (first === '') {
      return isPrivate ? { family: 'user', result: error('Usage: #TRACK COMMAND ...') } : ignore;
    }
    return trackLine(first, rest, event);
  }
  if (prefix === '~') {
    const [word, param] = firstWord(body);
    if (word.toLowerCase() === 'help') return { family: 'user', result: { kind: 'help' } };
    const found = lookUp('admin', word);
    if (!found) {
      // `~5 minutes late`, `~/bin is on my path`: chat. Only a near miss earns a hint; said
      // privately, it was for the bot (the chart says where admin commands work).
      const near = closest(word, wordsOf('admin'));
      if (!near && isPrivate)
        return { family: 'admin', result: error(`Unknown admin command '~${word}'`) };
      if (!near) return ignore;
      return {
        family: 'admin',
        result: error(
          `Unknown admin command '~${word}'; did you mean ~${near}? Admin commands: ${listOf('admin', '~')}`,
        ),
      };
    }
    return { family: 'admin', result: found.parse({ param, track: '', prefix: '~' }) };
  }
  return isPrivate || addressed ? user(text, '', true) : ignore;
}

function user(body: string, prefix: string, isPrivate: boolean): ParsedLine {
  const [word, param] = firstWord(body);
  const found = lookUp('user', word);
  if (found) return { family: 'user', result: found.parse({ param, track: '', prefix }) };
  // In the channel, `+word` that is no command is taken for chat (`+1`, `++`).
  if (!isPrivate && closest(word, wordsOf('user')) === null) return ignore;
  const near = closest(word, wordsOf('user'));
  const hint = near ? `did you mean ${prefix}${near}? ` : '';
  return {
    family: 'user',
    result: error(`Unknown command '${word}'; ${hint}Try: ${listOf('user', prefix)}`),
  };
}

/**
 * `#TRACK WORD ...`. The colon or comma that nick completion adds after `#swift` is
 * allowed. A known track with a near miss of a command word gets a hint in the channel,
 * with any other word a hint to the sender alone (it may be chat); an unknown track gets
 * one only when the word is a command word, since `#1 thing to remember` is chat.
 */
function trackLine(first: string, rest: string, event: ParseContext): ParsedLine {
  const track = normaliseTrackName(first.replace(/[:,]+$/, ''));
  const [word, param] = firstWord(rest);
  const found = lookUp('track', word);
  const known = event.isTrack(track);
  if (!known) {
    if (!found) return ignore;
    const near = closest(track, event.tracks());
    const hint = near ? `; did you mean #${near}?` : '; the schedule page lists them';
    return { family: 'track', result: error(`Unknown track '${track}'${hint}`) };
  }
  if (word === '') {
    return {
      family: 'track',
      result: error(`Usage: #${track} COMMAND ...; commands: ${listOf('track', '')}`),
    };
  }
  if (!found) {
    const near = closest(word, wordsOf('track'));
    if (near) {
      return {
        family: 'track',
        result: error(
          `Unknown command '${word}' for #${track}; did you mean #${track} ${near}? Commands: ${listOf('track', '')}`,
        ),
      };
    }
    // `#nova is great`: chat, or a moderator who forgot `now`. Only the sender hears.
    return {
      family: 'track',
      result: {
        kind: 'hint',
        text: `If that was for the bot: to set what #${track} discusses, say #${track} now ${rest}; commands: ${listOf('track', '')}`,
      },
    };
  }
  return { family: 'track', result: found.parse({ param, track, prefix: '#' }) };
}
