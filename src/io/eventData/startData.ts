import type { EventState } from '../../machines/eventState.js';
import type { EventImport, Schedule } from '../../machines/model.js';
import { own } from '../../machines/record.js';

/** Keys that describe the timetable an organiser means to run (the config's to say). */
const TIMETABLE_KEYS = ['slots', 'schedule', 'rooms', 'start_date', 'eventid'] as const;

export interface StartData {
  data: EventImport;
  /** What came from where, and what was set aside, for the log. */
  notes: string[];
}

/**
 * The first start of an event switching bots: the config (or its event_file) describes
 * the timetable the organisers mean to run; the original's database holds the live state
 * (topics, locations, banners, check-ins, subscriptions) and the bookings made during the
 * event. A booking is kept where the config's timetable has that room-slot free; one on a
 * room or slot the config does not have, or on one it gives a track, is set aside.
 */
export function takeOverData(config: EventImport | undefined, database: EventImport): StartData {
  if (!config || !TIMETABLE_KEYS.some((key) => config[key] !== undefined)) {
    return { data: database, notes: ['the timetable and the live state: the database'] };
  }
  const data: EventImport = { ...database };
  for (const key of TIMETABLE_KEYS) {
    if (config[key] !== undefined) (data as Record<string, unknown>)[key] = config[key];
    else if (key === 'schedule' || key === 'rooms') delete data[key];
  }
  const notes = [
    `the timetable (${TIMETABLE_KEYS.filter((k) => config[k] !== undefined).join(', ')}): the config`,
    'the live state (topics, locations, banners, check-ins, subscriptions): the database',
  ];
  if (config.schedule && database.schedule) {
    const { schedule, kept, setAside } = withBookings(config.schedule, database.schedule);
    data.schedule = schedule;
    if (kept.length > 0) notes.push(`bookings kept from the database: ${kept.join(', ')}`);
    if (setAside.length > 0)
      notes.push(
        `set aside (the config's timetable has no free room-slot for them): ${setAside.join(', ')}`,
      );
  }
  return { data, notes };
}

function withBookings(
  timetable: Schedule,
  database: Schedule,
): { schedule: Schedule; kept: string[]; setAside: string[] } {
  const kept: string[] = [];
  const setAside: string[] = [];
  const schedule = Object.fromEntries(
    Object.entries(timetable).map(([room, slots]) => [room, { ...slots }]),
  );
  for (const [room, slots] of Object.entries(database)) {
    for (const [slot, track] of Object.entries(slots)) {
      const planned = own(own(timetable, room), slot);
      if (track === '' || planned === track) continue;
      const booking = `${room}-${slot} (${track})`;
      if (planned === '') {
        (schedule[room] as Record<string, string>)[slot] = track;
        kept.push(booking);
      } else {
        setAside.push(booking);
      }
    }
  }
  return { schedule, kept, setAside };
}

/** One line's figures for every start, whatever it started from. */
export function startSummary(state: EventState): Record<string, number> {
  return {
    tracks: state.tracks.length,
    topics: state.tracks.filter((t) => t.now !== null).length,
    rooms: Object.keys(state.schedule).length,
    slots: Object.values(state.slots).reduce((n, day) => n + day.length, 0),
    bookings: Object.values(state.schedule).reduce(
      (n, room) => n + Object.values(room).filter((track) => track !== '').length,
      0,
    ),
    checkins: Object.keys(state.checkins).length,
    subscriptions: state.subscriberCount,
    banners: state.motd.length,
  };
}
