import { formatterIn } from './formatters.js';
import type { LocalTime } from '../../machines/model.js';

const WALL_CLOCK: Intl.DateTimeFormatOptions = {
  weekday: 'long',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
};
const formatterFor = (timeZone: string) => formatterIn('wall', timeZone, WALL_CLOCK);

/** Throws a RangeError for a time zone the runtime does not know. */
export function assertTimeZone(timeZone: string): void {
  formatterFor(timeZone);
}

const pad = (n: number) => String(Math.abs(n)).padStart(2, '0');

/** The last reading: every command within one second reads the same value, made once. */
let last: { second: number; timeZone: string; time: LocalTime } | null = null;

/** The event-local wall-clock reading of an instant, in the given IANA time zone. */
export function localTimeIn(instant: Date, timeZone: string): LocalTime {
  const second = Math.floor(instant.getTime() / 1000);
  if (last?.second === second && last.timeZone === timeZone) return last.time;
  const time = readClock(instant, timeZone);
  last = { second, timeZone, time };
  return time;
}

/** What a wall clock in the time zone shows at an instant, and its offset from UTC. */
function wallClock(instant: number, timeZone: string) {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(new Date(instant))
      .map((part) => [part.type, part.value]),
  );
  const wall = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return { parts, offsetMinutes: Math.round((wall - Math.floor(instant / 1000) * 1000) / 60_000) };
}

function readClock(instant: Date, timeZone: string): LocalTime {
  const { parts, offsetMinutes } = wallClock(instant.getTime(), timeZone);
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  const time = `${parts.hour}:${parts.minute}`;
  const sign = offsetMinutes < 0 ? '-' : '+';
  const offset = `${sign}${pad(Math.trunc(offsetMinutes / 60))}:${pad(offsetMinutes % 60)}`;
  return {
    iso: `${date}T${time}:${parts.second}${offset}`,
    date,
    weekday: parts.weekday ?? '',
    time,
  };
}

/** The offset of a time zone from UTC at an instant, in minutes (e.g. 60 for +01:00). */
const offsetAt = (instant: number, timeZone: string): number =>
  wallClock(instant, timeZone).offsetMinutes;

/** The instant at which a wall clock in the time zone reads `date` and `minutes` past midnight. */
export function instantOf(date: string, minutes: number, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d) + minutes * 60_000;
  // Twice: the offset at the first guess may differ from the offset at the answer (DST).
  let instant = wall - offsetAt(wall, timeZone) * 60_000;
  instant = wall - offsetAt(instant, timeZone) * 60_000;
  return new Date(instant);
}
