import { slotInstants } from '../../io/clock/slotInstants.js';
import type { EventState } from '../../machines/eventState.js';
import { own } from '../../machines/record.js';

export interface CalendarEvent {
  uid: string;
  start: Date;
  end: Date;
  track: string;
  room: string;
  day: string;
  label: string;
}

/**
 * Every scheduled or booked room-slot, timed by the one reading of slot times: `realtime`
 * where it fits its day, else the label on the day's date (a date-named day, or a weekday
 * in the week of `start_date`). Slots whose date cannot be known are counted, not guessed.
 */
export function calendarEvents(
  state: EventState,
  timeZone: string,
): { events: CalendarEvent[]; untimed: Map<string, number> } {
  const events: CalendarEvent[] = [];
  /** Sessions that cannot be dated, by track. */
  const untimed = new Map<string, number>();
  for (const [day, slots] of Object.entries(state.slots)) {
    for (const slot of slots) {
      const holders = Object.entries(state.schedule).flatMap(([room, bookings]) => {
        const track = own(bookings, slot.name);
        return track ? [{ room, track }] : [];
      });
      if (holders.length === 0) continue;
      const span = slotInstants(slot, day, state.startDate, timeZone, state.clock?.date ?? null);
      if (span === null) {
        for (const { track } of holders) untimed.set(track, (untimed.get(track) ?? 0) + 1);
        continue;
      }
      const { start, end } = span;
      for (const { room, track } of holders) {
        const uid = `${state.eventid || 'event'}-${day}-${slot.name}-${room}@ptgbot`.replace(
          /[^\w.@-]+/g,
          '_',
        );
        events.push({ uid, start, end, track, room, day, label: slot.desc });
      }
    }
  }
  return { events, untimed };
}
