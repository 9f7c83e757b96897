import ical from 'ical-generator';
import { calendarEvents } from './calendarEvents.js';
import type { EventState } from '../../machines/eventState.js';
import { own } from '../../machines/record.js';

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
  const { events, untimed: byTrack } = calendarEvents(state, timeZone);
  const untimed =
    track === null ? [...byTrack.values()].reduce((a, b) => a + b, 0) : (byTrack.get(track) ?? 0);
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
