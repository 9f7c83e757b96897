import type { ScheduleMap, SlotMap } from './eventData.js';
import type { LocalTime, Slot } from './model.js';
import { labelTimes, minutesOf, realtimeFits, slotMinutes } from './slotTimes.js';

/** The key of `slots` that stands for the given local day: its weekday name or its date. */
export function dayKeyFor(days: Iterable<string>, at: LocalTime): string | null {
  for (const day of days) {
    const key = day.toLowerCase();
    if (key === at.weekday.toLowerCase() || key === at.date) return day;
  }
  return null;
}

export function slotsOn(slots: SlotMap, at: LocalTime): Slot[] {
  const day = dayKeyFor(slots.keys(), at);
  return day === null ? [] : (slots.get(day) ?? []);
}

/**
 * The slots that place tracks in rooms on the day of `at`: that day's, or on a day that is
 * not an event day (before, after, a day off), the first event day's, as the original did.
 */
export function placementSlots(slots: SlotMap, at: LocalTime): Slot[] {
  const day = dayKeyFor(slots.keys(), at);
  if (day !== null) return slots.get(day) ?? [];
  return slots.values().next().value ?? [];
}

const localMinutes = (at: LocalTime): number => minutesOf(at.time);

/**
 * Whether `at` falls inside one of today's slots: by its absolute start when that is on
 * today's date (a `realtime` from another day or year is stale and ignored), else by its label.
 */
export function slotContains(slot: Slot, at: LocalTime): boolean {
  if (realtimeFits(slot, at.date)) {
    const start = Date.parse(slot.realtime as string);
    const now = Date.parse(at.iso);
    return now >= start && now < start + slotMinutes(slot) * 60_000;
  }
  const label = labelTimes(slot);
  if (!label) return false;
  const now = localMinutes(at);
  return now >= label.start && now < label.end;
}

/**
 * The timetable is immutable data (a change replaces it) and the clock reading is one
 * value per second, so what is computed from both is kept for the pair.
 */
function memo<T>(compute: (slots: SlotMap, at: LocalTime) => T) {
  const cache = new WeakMap<SlotMap, { at: LocalTime; value: T }>();
  return (slots: SlotMap, at: LocalTime): T => {
    const hit = cache.get(slots);
    if (hit?.at === at) return hit.value;
    const value = compute(slots, at);
    cache.set(slots, { at, value });
    return value;
  };
}

/** The code name of the slot happening at `at`, if any. */
export const currentSlotAt = memo(
  (slots, at): string | null =>
    slotsOn(slots, at).find((slot) => slotContains(slot, at))?.name ?? null,
);

/** Track -> its rooms on one day, the room of the current slot first: built once per change. */
type RoomIndex = Map<string, string[]>;
const roomIndexes = new WeakMap<ScheduleMap, { slots: SlotMap; at: LocalTime; index: RoomIndex }>();

function roomIndex(slots: SlotMap, schedule: ScheduleMap, at: LocalTime): RoomIndex {
  const hit = roomIndexes.get(schedule);
  if (hit?.slots === slots && hit.at === at) return hit.index;
  const today = placementSlots(slots, at);
  const current = currentSlotAt(slots, at);
  const ordered = current ? [current, ...today.map((s) => s.name)] : today.map((s) => s.name);
  const index: RoomIndex = new Map();
  for (const slot of ordered) {
    for (const [room, bookings] of schedule) {
      const track = bookings.get(slot);
      if (!track) continue;
      const rooms = index.get(track) ?? [];
      if (!rooms.includes(room)) rooms.push(room);
      index.set(track, rooms);
    }
  }
  roomIndexes.set(schedule, { slots, at, index });
  return index;
}

/** Rooms the track is scheduled in on the day of `at`, the room of the current slot first. */
export function roomsForTrackOn(
  slots: SlotMap,
  schedule: ScheduleMap,
  track: string,
  at: LocalTime,
): string[] {
  return roomIndex(slots, schedule, at).get(track) ?? [];
}

export function dayOfSlot(slots: SlotMap, slotName: string): { day: string; slot: Slot } | null {
  for (const [day, daySlots] of slots) {
    const slot = daySlots.find((s) => s.name === slotName);
    if (slot) return { day, slot };
  }
  return null;
}

export type RoomSlotLookup =
  { ok: true; room: string; slot: string } | { ok: false; problem: string };

const fold = (text: string) => text.trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * Finds `ROOM-SLOT` in the schedule. Room names may contain spaces and dashes, so the
 * slot is what follows the last dash; both are matched without regard to case.
 */
export function lookUpRoomSlot(schedule: ScheduleMap, code: string): RoomSlotLookup {
  const dash = code.lastIndexOf('-');
  if (dash <= 0 || dash === code.length - 1) {
    return { ok: false, problem: `'${code}' is not of the form ROOM-SLOT` };
  }
  const roomText = fold(code.slice(0, dash));
  const slotText = fold(code.slice(dash + 1));
  const room = [...schedule.keys()].find((name) => fold(name) === roomText);
  if (room === undefined)
    return { ok: false, problem: `Unknown room '${code.slice(0, dash).trim()}'` };
  const slot = [...(schedule.get(room)?.keys() ?? [])].find((name) => fold(name) === slotText);
  if (slot === undefined) {
    return { ok: false, problem: `Room '${room}' has no slot '${code.slice(dash + 1).trim()}'` };
  }
  return { ok: true, room, slot };
}

/** Where a moment falls in the event's timetable. */
export type DayPhase = 'noEvent' | 'beforeSessions' | 'inSlot' | 'betweenSlots' | 'afterSessions';

/** The phase of the day at `at`: the day region of the event-day statechart follows it. */
export const dayPhase = memo(phaseOf);

function phaseOf(slots: SlotMap, at: LocalTime): DayPhase {
  const today = slotsOn(slots, at);
  if (dayKeyFor(slots.keys(), at) === null) return 'noEvent';
  if (today.some((slot) => slotContains(slot, at))) return 'inSlot';
  const now = localMinutes(at);
  const ranges = today.flatMap((slot) => {
    const label = labelTimes(slot);
    return label ? [[label.start, label.end]] : [];
  });
  if (ranges.length === 0) return 'betweenSlots';
  if (ranges.every(([start]) => now < (start as number))) return 'beforeSessions';
  if (ranges.every(([, end]) => now >= (end as number))) return 'afterSessions';
  return 'betweenSlots';
}
