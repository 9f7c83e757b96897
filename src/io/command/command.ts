import type { EventCommand, Request } from '../../machines/event/events.js';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A command as parsed from text: an event for the event-day actor, less who/when. */
export type Command = DistributiveOmit<EventCommand, keyof Request>;

export type CommandFamily = 'track' | 'admin' | 'user';

export type ParseResult =
  /** Not meant for the bot: say nothing. */
  | { kind: 'ignore' }
  /** Meant for the bot but wrong: reply with the text. */
  | { kind: 'error'; text: string }
  /** Maybe meant for the bot, maybe chat: tell the sender privately, never the channel. */
  | { kind: 'hint'; text: string }
  | { kind: 'help' }
  /** `~fetchdb URL`: the data must be fetched before the command exists. */
  | { kind: 'fetchdb'; url: string; confirmed: boolean }
  | { kind: 'command'; command: Command };

export const error = (text: string): ParseResult => ({ kind: 'error', text });
export const command = (value: Command): ParseResult => ({ kind: 'command', command: value });

/** Splits off the first word; the rest keeps its inner spacing, trimmed. */
export function firstWord(text: string): [string, string] {
  const trimmed = text.trim();
  const space = trimmed.search(/\s/);
  return space === -1 ? [trimmed, ''] : [trimmed.slice(0, space), trimmed.slice(space).trim()];
}

export const words = (text: string): string[] => text.split(/\s+/).filter((w) => w !== '');

export const MAX_TOPIC = 400;
export const MAX_LOCATION = 200;
