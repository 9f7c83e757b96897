import type { TrackEvent } from '../track/events.js';
import type { EventDayContext } from './context.js';
import type { EventEmitted } from './events.js';

/**
 * What a command decides, as data: the event-day machine carries it out in one
 * place. Order: stop children, spawn children, update context, message children, emit.
 */
export interface Effects {
  context?: Partial<EventDayContext>;
  stop?: string[];
  spawn?: { name: string; color: string }[];
  send?: { track: string; event: TrackEvent }[];
  emit?: EventEmitted[];
  /** Whether track commands need voice from now on (the `voice` region follows). */
  voice?: boolean;
  /** A destructive command to confirm (the `administration` region waits for it). */
  ask?: { key: string; nick: string; expires: string };
}

export const replyTo = (requestId: string, text: string): Effects => ({
  emit: [{ type: 'reply', requestId, text }],
});

/** Combines effects in order; later context updates win. Lists are made only when needed. */
export function combine(...parts: Effects[]): Effects {
  const out: Effects = {};
  for (const part of parts) {
    if (part.context)
      out.context = out.context ? { ...out.context, ...part.context } : part.context;
    if (part.stop) out.stop = out.stop ? [...out.stop, ...part.stop] : part.stop;
    if (part.spawn) out.spawn = out.spawn ? [...out.spawn, ...part.spawn] : part.spawn;
    if (part.send) out.send = out.send ? [...out.send, ...part.send] : part.send;
    if (part.emit) out.emit = out.emit ? [...out.emit, ...part.emit] : part.emit;
    if (part.voice !== undefined) out.voice = part.voice;
    if (part.ask) out.ask = part.ask;
  }
  return out;
}

export const changed: Effects = { emit: [{ type: 'changed' }] };
