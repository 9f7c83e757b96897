import { formatterIn } from '../../io/clock/formatters.js';
import { slotInstants } from '../../io/clock/slotInstants.js';
import type { Slot } from '../../machines/model.js';

/** The event's time zone and the viewer's, when a page is shown to someone elsewhere. */
export interface Zones {
  event: string;
  viewer: string;
}

const SHORT: Intl.DateTimeFormatOptions = { weekday: 'short', hour: '2-digit', minute: '2-digit' };
const clockIn = (timeZone: string) => formatterIn('short', timeZone, SHORT);

/** `Mon 09:00` */
const reading = (instant: Date, timeZone: string): { day: string; time: string } => {
  const parts = Object.fromEntries(
    clockIn(timeZone)
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  return { day: parts.weekday ?? '', time: `${parts.hour}:${parts.minute}` };
};

/**
 * A slot's start and end on the viewer's clock, e.g. `16:00-17:45` (with the weekday when
 * it is another day there), or null when it reads the same as the event's clock or the
 * slot cannot be timed.
 */
export function viewerSlotTime(
  slot: Slot,
  day: string,
  startDate: string | null,
  zones: Zones,
): string | null {
  const span = slotInstants(slot, day, startDate, zones.event);
  if (span === null) return null;
  const { start, end } = span;
  const there = reading(start, zones.event);
  const here = reading(start, zones.viewer);
  if (here.time === there.time && here.day === there.day) return null;
  const finish = reading(end, zones.viewer);
  const startText = here.day === there.day ? here.time : `${here.day} ${here.time}`;
  const endText = finish.day === here.day ? finish.time : `${finish.day} ${finish.time}`;
  return `${startText}-${endText}`;
}
