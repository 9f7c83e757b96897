import ical from 'ical-generator';
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
): { events: CalendarEvent[]; untimed: number } {
  const events: CalendarEvent[] = [];
  let untimed = 0;
  for (const [day, slots] of Object.entries(state.slots)) {
    for (const slot of slots) {
      const holders = Object.entries(state.schedule).flatMap(([room, bookings]) => {
        const track = own(bookings, slot.name);
        return track ? [{ room, track }] : [];
      });
      if (holders.length === 0) continue;
      const span = slotInstants(slot, day, state.startDate, timeZone);
      if (span === null) {
        untimed += holders.length;
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

/**
 * An iCalendar feed of the event, or of one track. Location: the room; the track's own
 * meeting link (`#TRACK url`), else the room's, as the event's URL. `stamp` keeps the feed
 * the same for the same state.
 */
export function calendarFeed(
  state: EventState,
  track: string | null,
  stamp: Date,
  timeZone: string,
): string {
  const name = track
    ? `${state.eventid || 'Event'}: #${track}`
    : `${state.eventid || 'Event'} schedule`;
  const { events, untimed } = calendarEvents(state, timeZone);
  const calendar = ical({
    name,
    prodId: { company: 'ptgbot', product: 'schedule', language: 'EN' },
    ...(untimed > 0
      ? {
          description: `${untimed} sessions are not in this calendar: their dates are unknown (set start_date to the event's first day)`,
        }
      : {}),
  });
  const tracks = new Map(state.tracks.map((t) => [t.name, t]));
  for (const event of events) {
    if (track !== null && event.track !== track) continue;
    const info = tracks.get(event.track);
    const meeting = info?.url ?? own(state.rooms, event.room)?.url ?? null;
    const meta = own(state.rooms, event.room);
    calendar.createEvent({
      id: event.uid,
      start: event.start,
      end: event.end,
      stamp,
      summary: `#${event.track} (${event.day} ${event.label})`,
      location: event.room,
      description: [
        meta?.desc,
        meeting ? `Meeting: ${meeting}` : null,
        info ? `Etherpad: ${info.etherpadUrl}` : null,
      ]
        .filter(Boolean)
        .join('\n'),
      ...(meeting ? { url: meeting } : {}),
    });
  }
  return calendar.toString();
}
