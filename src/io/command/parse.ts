import { type CommandFamily, error, firstWord, type ParseResult } from './command.js';
import { parseAdminCommand } from './parseAdminCommand.js';
import { parseTrackCommand } from './parseTrackCommand.js';
import { isUserCommandWord, parseUserCommand } from './parseUserCommand.js';

/** IRC colour codes with their numbers, then every other control character. */
const FORMATTING =
  /\x03(\d{1,2}(,\d{1,2})?)?|\x04[0-9a-fA-F]{0,6}(,[0-9a-fA-F]{6})?|[\x00-\x1f\x7f]/g;

export function stripFormatting(text: string): string {
  return text.replace(FORMATTING, '');
}

/** What a line asks, and which family of commands it belongs to (for permissions). */
export interface ParsedLine {
  family: CommandFamily;
  result: ParseResult;
}

const ignore: ParsedLine = { family: 'user', result: { kind: 'ignore' } };

/**
 * One line of text, as said in the channel or privately to the bot, to what it asks.
 * In the channel only lines starting with `#`, `~` or `+` are for the bot.
 */
export function parseLine(raw: string, isPrivate: boolean): ParsedLine {
  const text = stripFormatting(raw).trim();
  const prefix = text.charAt(0);
  const body = text.slice(1);
  if (text === '') return ignore;

  if (prefix === '+') return { family: 'user', result: parseUserCommand(body, '+') };
  if (prefix === '#') {
    const [word] = firstWord(body);
    if (isUserCommandWord(word)) return { family: 'user', result: parseUserCommand(body, '#') };
    if (word === '') {
      return isPrivate ? { family: 'user', result: error('Usage: #TRACK COMMAND ...') } : ignore;
    }
    if (isPrivate)
      return { family: 'user', result: error('Track commands work in the channel only') };
    return { family: 'track', result: parseTrackCommand(body) };
  }
  if (prefix === '~') {
    if (firstWord(body)[0].toLowerCase() === 'help')
      return { family: 'user', result: { kind: 'help' } };
    if (isPrivate)
      return { family: 'user', result: error('Admin commands work in the channel only') };
    return { family: 'admin', result: parseAdminCommand(body) };
  }
  return isPrivate ? { family: 'user', result: parseUserCommand(text, '') } : ignore;
}
