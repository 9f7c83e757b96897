import { parseEventData } from '../../src/io/eventData/parseEventData.js';
import type { EventImport } from '../../src/machines/model.js';

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];
const TIMES = ['09:00-10:45', '10:45-12:30', '13:30-15:15', '15:15-17:00'];

/**
 * An event the size of a real gathering, as its base file would give it: 23 rooms with
 * meeting links, 5 days of 4 slots, 44 tracks each discussing something with two topics
 * queued, every room-slot booked or bookable, two banners.
 */
export function bigEvent(): EventImport {
  const rooms = Array.from({ length: 23 }, (_, i) => `Room ${String.fromCharCode(65 + i)}`);
  const tracks = Array.from({ length: 44 }, (_, i) => `team-${i}`);
  const slots = Object.fromEntries(
    DAYS.map((day) => [day, TIMES.map((desc, i) => ({ name: `${day.slice(0, 3)}${i}`, desc }))]),
  );
  const slotNames = Object.values(slots)
    .flat()
    .map((slot) => slot.name);
  const schedule = Object.fromEntries(
    rooms.map((room, r) => [
      room,
      {
        url: `https://meet.example.org/room-${r}`,
        ...Object.fromEntries(
          slotNames.map((slot, s) => [slot, (r + s) % 3 === 0 ? '' : tracks[(r * 2 + s) % 44]]),
        ),
      },
    ]),
  );
  const parsed = parseEventData({
    eventid: 'big',
    start_date: '2026-11-23',
    tracks,
    slots,
    schedule,
    motd: [
      { level: 'info', message: 'Lunch is served in the atrium from 12:30' },
      { level: 'warning', message: 'Room K is closed this morning: see https://example.org/k' },
    ],
    now: Object.fromEntries(tracks.map((t) => [t, `${t}: planning the next release cycle`])),
    next: Object.fromEntries(
      tracks.map((t) => [t, [`${t} reviews the backlog`, `${t} meets the operators`]]),
    ),
  });
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.data;
}
