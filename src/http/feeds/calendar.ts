import ical from 'ical-generator';
import type { EventState } from '../../machines/eventState.js';
import { own } from '../../machines/record.js';

const DEFAULT_MINUTES = 60;

/**
 * An iCalendar feed of the slots given to tracks (scheduled or booked) whose start time
 * is known; all tracks, or one. `stamp` keeps the feed the same for the same state.
 */
export function calendarFeed(state: EventState, track: string | null, stamp: Date): string {
  const name = track
    ? `${state.eventid || 'Event'}: #${track}`
    : `${state.eventid || 'Event'} schedule`;
  const calendar = ical({
    name,
    prodId: { company: 'ptgbot', product: 'schedule', language: 'EN' },
  });
  const pads = Object.fromEntries(state.tracks.map((t) => [t.name, t.etherpadUrl]));
  for (const [day, slots] of Object.entries(state.slots)) {
    for (const slot of slots) {
      if (slot.realtime === undefined) continue;
      const start = new Date(slot.realtime);
      if (Number.isNaN(start.getTime())) continue;
      const end = new Date(start.getTime() + (slot.duration ?? DEFAULT_MINUTES) * 60_000);
      for (const [room, bookings] of Object.entries(state.schedule)) {
        const holder = own(bookings, slot.name);
        if (!holder || (track !== null && holder !== track)) continue;
        const meta = own(state.rooms, room) ?? {};
        calendar.createEvent({
          id: `${state.eventid || 'event'}-${slot.name}-${room}@ptgbot`.replace(/\s+/g, '_'),
          start,
          end,
          stamp,
          summary: `#${holder} (${day} ${slot.desc})`,
          location: room,
          description: [meta.desc, own(pads, holder) ? `Etherpad: ${own(pads, holder)}` : null]
            .filter(Boolean)
            .join('\n'),
          ...(meta.url ? { url: meta.url } : {}),
        });
      }
    }
  }
  return calendar.toString();
}
