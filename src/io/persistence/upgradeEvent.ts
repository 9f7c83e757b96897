import type { EventDayEvent } from '../../machines/event/events.js';

type Old = { type: string; track?: string; color?: string; url?: string | null };

/**
 * A journal line written by an earlier version, as the machines take it now: the colour
 * and link commands became one `track.set`. Anything else is as it was.
 */
export function upgradeEvent(event: unknown): EventDayEvent {
  const { color, url, ...rest } = event as Old;
  const set = (fields: Record<string, unknown>, words: string) =>
    ({
      ...rest,
      type: 'track.set',
      fields,
      said: `#${rest.track ?? ''} ${words}`,
    }) as EventDayEvent;
  switch (rest.type) {
    case 'track.color':
      return set({ color }, `color ${color}`);
    case 'track.url':
      return set({ url: url ?? null }, `url ${url ?? 'none'}`);
    case 'track.etherpad':
      return set({ etherpad: url ?? null }, `etherpad ${url ?? 'auto'}`);
    default:
      return event as EventDayEvent;
  }
}
