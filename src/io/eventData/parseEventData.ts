import type { z } from 'zod';
import type { CheckIn, EventImport, Room, Schedule, Subscription } from '../../machines/model.js';
import { allSlotNames } from '../../machines/schedule.js';
import { patternProblem } from '../../machines/subscriptionPattern.js';
import { normaliseTrackName } from '../../machines/trackName.js';
import { KNOWN_KEYS, laterShape, originalShape, ROOM_META_KEYS } from './schema.js';

export type ParsedEventData =
  { ok: true; data: EventImport; ignoredKeys: string[] } | { ok: false; problem: string };

function describeIssues(error: z.ZodError): string {
  const issues = error.issues.slice(0, 3).map((issue) => {
    const path = issue.path.map(String).join('.');
    return `${path || '(top level)'}: ${issue.message}`;
  });
  const more = error.issues.length > 3 ? ` (and ${error.issues.length - 3} more)` : '';
  return issues.join('; ') + more;
}

const fail = (problem: string): ParsedEventData => ({ ok: false, problem });

/**
 * Reads event data of either shape in the wild: the original bot's config (`scheduled`,
 * `extrarooms`) or the later base file (`schedule` with room metadata and `''` for
 * bookable). Nothing is partly accepted: any problem rejects the whole.
 */
export function parseEventData(json: unknown): ParsedEventData {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return fail('(top level): expected a JSON object');
  }
  const ignoredKeys = Object.keys(json).filter((key) => !KNOWN_KEYS.has(key));
  const isOriginal = 'scheduled' in json || 'extrarooms' in json;
  const parsed = isOriginal ? originalShape.safeParse(json) : laterShape.safeParse(json);
  if (!parsed.success) return fail(describeIssues(parsed.error));
  const input = parsed.data;

  const data: EventImport = {};
  if (input.eventid !== undefined) data.eventid = input.eventid;
  if (input.voice !== undefined) data.voice = input.voice === true || input.voice === 1;
  if (input.links !== undefined) data.links = input.links;
  if (input.motd !== undefined) data.motd = input.motd;
  if (input.tracks !== undefined) data.tracks = [...new Set(input.tracks)];
  if (input.slots !== undefined) data.slots = input.slots;
  if (input.now !== undefined) data.now = input.now;
  if (input.next !== undefined) data.next = input.next;
  if (input.colors !== undefined) data.colors = input.colors;
  if (input.location !== undefined) data.location = input.location;
  if (input.urls !== undefined) data.urls = input.urls;
  if (input.etherpads !== undefined) data.etherpads = input.etherpads;
  if (input.last_check_in !== undefined) data.last_check_in = checkIns(input.last_check_in);
  if (input.subscriptions !== undefined) {
    const subs = subscriptions(input.subscriptions);
    if (typeof subs === 'string') return fail(subs);
    data.subscriptions = subs;
  }

  if ('scheduled' in input) {
    data.schedule = originalSchedule(input.scheduled, input.extrarooms ?? {});
    data.rooms = Object.fromEntries(Object.keys(data.schedule).map((room) => [room, {}]));
  } else if ('schedule' in input && input.schedule !== undefined) {
    const split = laterSchedule(input.schedule);
    data.schedule = split.schedule;
    data.rooms = split.rooms;
  }

  if (data.schedule && data.slots) {
    const known = new Set(allSlotNames(data.slots));
    for (const [room, bookings] of Object.entries(data.schedule)) {
      const unknown = Object.keys(bookings).find((slot) => !known.has(slot));
      if (unknown !== undefined) {
        return fail(`schedule.${room}.${unknown}: no slot of that name in slots`);
      }
    }
  }
  return { ok: true, data, ignoredKeys };
}

function originalSchedule(
  scheduled: Record<string, Record<string, string>>,
  extrarooms: Record<string, string[]>,
): Schedule {
  const schedule: Schedule = {};
  for (const [room, bookings] of Object.entries(scheduled)) schedule[room] = { ...bookings };
  for (const [room, free] of Object.entries(extrarooms)) {
    const bookings = schedule[room] ?? {};
    for (const slot of free) bookings[slot] = bookings[slot] ?? '';
    schedule[room] = bookings;
  }
  return schedule;
}

function laterSchedule(input: Record<string, Record<string, string>>): {
  schedule: Schedule;
  rooms: Record<string, Room>;
} {
  const schedule: Schedule = {};
  const rooms: Record<string, Room> = {};
  for (const [room, entries] of Object.entries(input)) {
    const meta: Room = {};
    const bookings: Record<string, string> = {};
    for (const [key, value] of Object.entries(entries)) {
      if ((ROOM_META_KEYS as readonly string[]).includes(key)) {
        meta[key as keyof Room] = value;
      } else {
        bookings[key] = value === '' ? '' : normaliseTrackName(value);
      }
    }
    schedule[room] = bookings;
    rooms[room] = meta;
  }
  return { schedule, rooms };
}

function checkIns(input: Record<string, { nick?: string | undefined } & Omit<CheckIn, 'nick'>>) {
  return Object.fromEntries(
    Object.entries(input).map(([key, value]) => [
      key.toLowerCase(),
      { nick: value.nick ?? key, location: value.location, in: value.in, out: value.out },
    ]),
  );
}

function subscriptions(
  input: Record<string, string | Subscription>,
): Record<string, Subscription> | string {
  const out: Record<string, Subscription> = {};
  for (const [key, value] of Object.entries(input)) {
    const sub = typeof value === 'string' ? { nick: key, pattern: value } : value;
    const problem = patternProblem(sub.pattern);
    if (problem) return `subscriptions.${key}: ${problem}`;
    out[key.toLowerCase()] = sub;
  }
  return out;
}
