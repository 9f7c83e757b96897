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
}

export const replyTo = (requestId: string, text: string): Effects => ({
  emit: [{ type: 'reply', requestId, text }],
});

/** Combines effects in order; later context updates win. */
export function combine(...parts: Effects[]): Effects {
  const out: Required<Omit<Effects, 'voice'>> = {
    context: {},
    stop: [],
    spawn: [],
    send: [],
    emit: [],
  };
  let voice: boolean | undefined;
  for (const part of parts) {
    Object.assign(out.context, part.context);
    out.stop.push(...(part.stop ?? []));
    out.spawn.push(...(part.spawn ?? []));
    out.send.push(...(part.send ?? []));
    out.emit.push(...(part.emit ?? []));
    if (part.voice !== undefined) voice = part.voice;
  }
  return voice === undefined ? out : { ...out, voice };
}

export const changed: Effects = { emit: [{ type: 'changed' }] };
