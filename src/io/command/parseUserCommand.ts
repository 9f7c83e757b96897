import { patternProblem } from '../../machines/subscriptionPattern.js';
import { USER_COMMAND_WORDS } from '../../machines/trackName.js';
import { command, error, firstWord, MAX_LOCATION, type ParseResult, words } from './command.js';

export const isUserCommandWord = (word: string): boolean =>
  (USER_COMMAND_WORDS as readonly string[]).includes(word.toLowerCase());

/** `in`, `out`, `seen`, `subscribe`, `unsubscribe`, `help`, given without any prefix. */
export function parseUserCommand(text: string, prefix: string): ParseResult {
  const [rawWord, param] = firstWord(text);
  const word = rawWord.toLowerCase();
  switch (word) {
    case 'help':
      return { kind: 'help' };
    case 'in':
      if (param === '') return error(`Usage: ${prefix}in LOCATION (a track or free text)`);
      if (param.length > MAX_LOCATION) {
        return error(`Location too long (at most ${MAX_LOCATION} characters)`);
      }
      return command({ type: 'user.in', location: param });
    case 'out':
      return command({ type: 'user.out' });
    case 'seen': {
      const list = words(param);
      if (list.length !== 1) return error(`Usage: ${prefix}seen NICK`);
      return command({ type: 'user.seen', who: list[0] as string });
    }
    case 'subscribe': {
      if (param === '') return command({ type: 'user.subscription' });
      const problem = patternProblem(param);
      if (problem) return error(problem);
      return command({ type: 'user.subscribe', pattern: param });
    }
    case 'unsubscribe':
      return command({ type: 'user.unsubscribe' });
    default:
      return error(
        `Unknown command '${rawWord}'. Try: ${prefix}in, ${prefix}out, ${prefix}seen, ${prefix}subscribe, ${prefix}unsubscribe`,
      );
  }
}
