import type { EventImport, LocalTime, Slot } from '../../machines/model.js';

const TRACKS = ['nova', 'swift', 'cinder', 'ironic', 'docs', 'api-sig', 'infra', 'security'];
const ROOMS = {
  'Aurora Hall': {
    desc: 'Main hall, 60 seats',
    cap_icon: 'facetime-video',
    cap_desc: 'Video projection',
  },
  'Birch Room': { desc: 'Table for 20' },
  'Cedar Room': { desc: 'Table for 12', url: 'https://meet.example.org/demo-cedar' },
  'Dune Lounge': { desc: 'Open space, bookable' },
};

const pad = (n: number) => String(n).padStart(2, '0');
const hhmm = (minutes: number) => `${pad(Math.floor(minutes / 60) % 24)}:${pad(minutes % 60)}`;

/**
 * A small event whose day is today, with slots around the current hour, so that the
 * page shows current and coming sessions the moment the demo starts.
 */
export function demoEvent(today: LocalTime, tomorrowWeekday: string): EventImport {
  const [hour = 9] = today.time.split(':').map(Number);
  const firstStart = Math.max(0, Math.min(hour - 1, 19)) * 60;
  const offset = today.iso.slice(19);
  const slotsFor = (prefix: string, date: string | null): Slot[] =>
    [0, 1, 2, 3].map((i) => {
      const start = firstStart + i * 75;
      const slot: Slot = { name: `${prefix}${i + 1}`, desc: `${hhmm(start)}-${hhmm(start + 60)}` };
      if (date !== null && start + 60 < 24 * 60) {
        slot.realtime = `${date}T${hhmm(start)}:00${offset}`;
        slot.duration = 60;
      }
      return slot;
    });
  const todayCode = today.weekday.slice(0, 3);
  const tomorrowCode = tomorrowWeekday.slice(0, 3);
  const todaySlots = slotsFor(todayCode, today.date);
  const tomorrowSlots = slotsFor(tomorrowCode, null);
  const plan: Record<string, string[]> = {
    'Aurora Hall': ['nova', 'nova', 'cinder', 'cinder', 'nova', 'nova', 'swift', 'swift'],
    'Birch Room': ['swift', 'swift', 'ironic', 'ironic', 'docs', 'docs', 'infra', 'infra'],
    'Cedar Room': ['api-sig', 'docs', 'security', 'security', 'ironic', 'ironic', '', ''],
    'Dune Lounge': ['', '', '', '', '', '', '', ''],
  };
  const codes = [...todaySlots, ...tomorrowSlots].map((s) => s.name);
  const schedule = Object.fromEntries(
    Object.entries(plan).map(([room, tracks]) => [
      room,
      Object.fromEntries(codes.map((code, i) => [code, tracks[i] ?? ''])),
    ]),
  );
  return {
    eventid: 'demo',
    // Today is its first day: the calendar feeds date tomorrow's sessions too.
    start_date: today.date,
    slots: { [today.weekday]: todaySlots, [tomorrowWeekday]: tomorrowSlots },
    rooms: ROOMS,
    schedule,
    tracks: TRACKS,
    links: {
      'Venue map': 'https://example.org/venue-map.pdf',
    },
    motd: [
      {
        level: 'info',
        message:
          'This is a demo event: type commands in the console, e.g. #swift now ring balancing',
      },
    ],
    now: { nova: 'live migration with #cinder volumes', swift: 'ring balancing' },
    location: { nova: 'Aurora Hall', swift: 'Birch Room' },
    next: {
      nova: ['unified limits', 'review backlog at https://review.example.org/'],
      swift: ['erasure coding'],
    },
  };
}
