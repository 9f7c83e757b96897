import type { EventDayEvent } from '../../machines/event/events.js';
import { toEventData } from '../../machines/eventData.js';
import type { EventImport } from '../../machines/model.js';

const hasMaps = (data: object) => Object.values(data).some((v) => v instanceof Map);

type Old = { type: string; track?: string; color?: string; url?: string | null };

/**
 * A journal line written by an earlier version, as the machines take it now: the colour
 * and link commands became one `track.set`; imported data, plain objects before, is Maps.
 * Anything else is as it was.
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
    case 'admin.import': {
      // Before version 4 the data came as plain objects.
      const data = (event as { data?: unknown }).data;
      const plain = typeof data === 'object' && data !== null && !hasMaps(data);
      return (
        plain ? { ...(event as object), data: toEventData(data as EventImport) } : event
      ) as EventDayEvent;
    }
    default:
      return event as EventDayEvent;
  }
}
