import type { LocalTime, Slot } from './model.js';

const RANGE = /^\s*(\d{1,2})[:h.](\d{2})\s*[-\u2013]\s*(\d{1,2})[:h.](\d{2})/;
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Minutes since midnight of an `HH:MM` clock reading. */
export const minutesOf = (hhmm: string): number => {
  const [h = '0', m = '0'] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
};

/** The local start and end (minutes since midnight) a slot's label gives, if it gives them. */
export function labelTimes(slot: Slot): { start: number; end: number } | null {
  const m = RANGE.exec(slot.desc);
  if (!m) return null;
  const start = Number(m[1]) * 60 + Number(m[2]);
  const end = Number(m[3]) * 60 + Number(m[4]);
  return end > start ? { start, end } : null;
}

/** How long a slot lasts: its `duration`, else its label, else an hour. */
export function slotMinutes(slot: Slot): number {
  const label = labelTimes(slot);
  return slot.duration ?? (label ? label.end - label.start : 60);
}

/**
 * The calendar date of a day of the timetable: a day named by its date is that date; a
 * weekday name is that weekday in the week that starts on `startDate` (the event's first
 * day). Null when it cannot be known.
 */
export function dateOfDay(day: string, startDate: string | null): string | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(day)) return day;
  const weekday = WEEKDAYS.findIndex((w) => w.toLowerCase() === day.toLowerCase());
  if (weekday === -1 || startDate === null) return null;
  const start = new Date(`${startDate}T12:00:00Z`);
  if (Number.isNaN(start.getTime())) return null;
  const ahead = (weekday - start.getUTCDay() + 7) % 7;
  return new Date(start.getTime() + ahead * 86_400_000).toISOString().slice(0, 10);
}

/**
 * A slot's `realtime` is stale when it is not on the day of the timetable it belongs to:
 * not on the day's date when that is known, not on the day's weekday when only the
 * weekday is (a database carried over from an event years before).
 */
export function realtimeFits(
  slot: Slot,
  date: string | null,
  day?: string,
  today?: string | null,
): boolean {
  if (slot.realtime === undefined) return false;
  if (Number.isNaN(Date.parse(slot.realtime))) return false;
  const on = slot.realtime.slice(0, 10);
  if (date !== null) return on === date;
  const weekday = WEEKDAYS.findIndex((w) => w.toLowerCase() === day?.toLowerCase());
  if (weekday === -1 || new Date(`${on}T12:00:00Z`).getUTCDay() !== weekday) return false;
  // Only a time near today: not one from an event of another year.
  return today == null || Math.abs(Date.parse(on) - Date.parse(today)) <= STALE_AFTER_MS;
}

/** How far from today a weekday-named slot's `realtime` may be and still be believed. */
const STALE_AFTER_MS = 60 * 86_400_000;

/** When a slot happens: an instant from `realtime`, or a local date and minutes. */
export type SlotWhen =
  | { kind: 'instant'; start: string; minutes: number }
  | { kind: 'local'; date: string; start: number; end: number }
  | { kind: 'unknown' };

/**
 * The one reading of a slot's time, for the calendar feeds and the page alike. `today`
 * (the event's clock) lets a weekday-named slot's `realtime` be told stale.
 */
export function slotWhen(
  slot: Slot,
  day: string,
  startDate: string | null,
  today: string | null = null,
): SlotWhen {
  const date = dateOfDay(day, startDate);
  if (realtimeFits(slot, date, day, today)) {
    return { kind: 'instant', start: slot.realtime as string, minutes: slotMinutes(slot) };
  }
  const label = labelTimes(slot);
  if (date === null || label === null) return { kind: 'unknown' };
  const end = slot.duration !== undefined ? label.start + slot.duration : label.end;
  return { kind: 'local', date, start: label.start, end };
}

/**
 * Whether a slot has ended by `at`: by its instant or its local date and time; a slot on a
 * weekday with no known date is read as this week's when `at` falls on that weekday.
 */
export function slotIsOver(
  slot: Slot,
  day: string,
  startDate: string | null,
  at: LocalTime,
): boolean {
  const known = slotWhen(slot, day, startDate, at.date);
  if (known.kind === 'instant') {
    return Date.parse(known.start) + known.minutes * 60_000 <= Date.parse(at.iso);
  }
  const today = day.toLowerCase() === at.weekday.toLowerCase() ? at.date : null;
  const local = known.kind === 'local' ? known : today ? slotWhen(slot, today, startDate) : known;
  if (local.kind !== 'local') return false;
  return local.date < at.date || (local.date === at.date && local.end <= minutesOf(at.time));
}
