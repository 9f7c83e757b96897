import type { Slot } from '../../machines/model.js';
import { slotWhen } from '../../machines/slotTimes.js';
import { instantOf } from './localTime.js';

/**
 * When a slot of a day starts and ends, as instants: from its `realtime` where that fits,
 * else from its label on the day's date in the event's time zone; null when unknown.
 */
export function slotInstants(
  slot: Slot,
  day: string,
  startDate: string | null,
  timeZone: string,
  today: string | null = null,
): { start: Date; end: Date } | null {
  const when = slotWhen(slot, day, startDate, today);
  if (when.kind === 'unknown') return null;
  if (when.kind === 'instant') {
    const start = new Date(when.start);
    return { start, end: new Date(start.getTime() + when.minutes * 60_000) };
  }
  return {
    start: instantOf(when.date, when.start, timeZone),
    end: instantOf(when.date, when.end, timeZone),
  };
}
