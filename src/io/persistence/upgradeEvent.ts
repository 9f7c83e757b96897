import type { EventDayEvent } from '../../machines/event/events.js';

type Old = { type: string; track?: string; color?: string; url?: string | null };

/**
 * A journal line written by an earlier version, as the machines take it now: the colour
 * and link commands became one `track.set`. Anything else is as it was.
 */
export function upgradeEvent(event: unknown): EventDayEvent {
  const old = event as Old;
  const line = (words: string) => `#${old.track ?? ''} ${words}`;
  switch (old.type) {
    case 'track.color':
      return {
        ...old,
        type: 'track.set',
        fields: { color: old.color },
        said: line(`color ${old.color}`),
      } as EventDayEvent;
    case 'track.url':
      return {
        ...old,
        type: 'track.set',
        fields: { url: old.url ?? null },
        said: line(`url ${old.url ?? 'none'}`),
      } as EventDayEvent;
    case 'track.etherpad':
      return {
        ...old,
        type: 'track.set',
        fields: { etherpad: old.url ?? null },
        said: line(`etherpad ${old.url ?? 'auto'}`),
      } as EventDayEvent;
    default:
      return event as EventDayEvent;
  }
}
