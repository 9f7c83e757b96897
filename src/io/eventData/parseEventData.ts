import {
  TRACK_FIELD_NAMES,
  TRACK_FIELDS,
  type TrackFieldName,
} from '../../machines/track/fields.js';
import type {
  Banner,
  CheckIn,
  EventImport,
  Room,
  Schedule,
  Slot,
  Slots,
  Subscription,
} from '../../machines/model.js';
import { BANNER_LEVELS } from '../../machines/model.js';
import { DEFAULT_LIMITS, type Limits } from '../../machines/limits.js';
import { patternProblem } from '../../machines/subscriptionPattern.js';
import { normaliseTrackName, trackNameProblem } from '../../machines/trackName.js';
import { isCssColor } from '../validate/cssColor.js';
import { httpUrl } from '../validate/httpUrl.js';
import { type Skipped, Skips } from './skips.js';
import { readTimestamp, readRealtime } from './timestamps.js';

export type ParsedEventData =
  | { ok: true; data: EventImport; ignoredKeys: string[]; skipped: Skipped[] }
  | { ok: false; problem: string };

/** The keys of a room entry in the later schedule shape that describe the room, not a slot. */
export const ROOM_META_KEYS = ['desc', 'cap_icon', 'cap_desc', 'url'] as const;

/** The track fields event data carries (the others are the bot's own). */
const PUBLISHED_FIELDS = TRACK_FIELD_NAMES.filter((name) => TRACK_FIELDS[name].published !== false);

/** Every key event data may hold, in any shape the original bot or ours has written. */
export const EVENT_KEYS = new Set([
  'eventid',
  'start_date',
  'voice',
  'links',
  'motd',
  'tracks',
  'slots',
  ...PUBLISHED_FIELDS.map((name) => TRACK_FIELDS[name].dataKey),
  'last_check_in',
  'subscriptions',
  'schedule',
  'scheduled',
  'extrarooms',
  'timestamp',
]);

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown, max: number): value is string =>
  typeof value === 'string' && value.length <= max;

/**
 * Reads event data of every shape in the wild: the original bot's config (`scheduled`,
 * `extrarooms`), its database as it wrote it over the years (old single `motd`, `null`
 * subscriptions, `YYYY-MM-DD HH:MM:SS` times, realtime without seconds), and the later
 * base file. A value that cannot be used is skipped and reported by its key path; the
 * rest loads. Only data with nothing usable in it is refused.
 */
export function parseEventData(json: unknown, limits: Limits = DEFAULT_LIMITS): ParsedEventData {
  if (!isObject(json)) return { ok: false, problem: '(top level): expected a JSON object' };
  const skips = new Skips();
  const data: EventImport = {};
  const field = (key: string) => (Object.hasOwn(json, key) ? json[key] : undefined);
  const has = (key: string) => Object.hasOwn(json, key);

  if (has('eventid')) {
    const id = field('eventid');
    if (isText(id, 100)) data.eventid = id;
    else skips.add('eventid', 'must be text of at most 100 characters');
  }
  if (has('start_date')) {
    const date = field('start_date');
    if (
      typeof date === 'string' &&
      /^\d{4}-\d{2}-\d{2}$/.test(date) &&
      !Number.isNaN(Date.parse(date))
    )
      data.start_date = date;
    else skips.add('start_date', 'must be a date, YYYY-MM-DD');
  }
  if (has('voice')) {
    const voice = field('voice');
    if (voice === true || voice === false || voice === 0 || voice === 1)
      data.voice = voice === true || voice === 1;
    else skips.add('voice', 'must be 0 or 1');
  }
  if (has('links')) data.links = readLinks(field('links'), skips);
  if (has('motd')) data.motd = readMotd(field('motd'), skips, limits.banners);
  if (has('slots')) data.slots = readSlots(field('slots'), skips);
  if (has('tracks')) data.tracks = readTracks(field('tracks'), skips, limits.tracks);

  const textMax = (max: number) => (v: unknown) => (isText(v, max) ? v : null);
  const perTrack = <T>(key: string, read: (v: unknown) => T | null, why: string) => {
    if (has(key))
      (data as Record<string, unknown>)[key] = readTrackRecord(key, field(key), read, why, skips);
  };
  let nextCut = 0;
  /** How event data's track maps are read, where a field needs more than its schema. */
  const readers: Partial<Record<TrackFieldName, [(v: unknown) => unknown, string]>> = {
    now: [textMax(500), 'must be text of at most 500 characters'],
    next: [
      (v) => {
        if (!Array.isArray(v) || !v.every((t) => isText(t, 500))) return null;
        nextCut += Math.max(0, v.length - limits.nextPerTrack);
        return (v as string[]).slice(0, limits.nextPerTrack);
      },
      'must be a list of topics',
    ],
    color: [(v) => (typeof v === 'string' && isCssColor(v) ? v : null), 'must be a CSS colour'],
    location: [textMax(300), 'must be text of at most 300 characters'],
    url: [(v) => (typeof v === 'string' ? httpUrl(v) : null), 'must be an http(s) URL'],
    etherpad: [(v) => (typeof v === 'string' ? httpUrl(v) : null), 'must be an http(s) URL'],
  };
  for (const name of PUBLISHED_FIELDS) {
    const { dataKey, schema } = TRACK_FIELDS[name];
    const [read, why] = readers[name] ?? [
      (v: unknown) => (v !== null && schema.safeParse(v).success ? v : null),
      'is not a value this field takes',
    ];
    perTrack(dataKey, read, why);
  }
  if (nextCut > 0)
    skips.overLimit('next', pastLimit(nextCut, limits.nextPerTrack, 'next topics per track'));
  if (has('last_check_in'))
    data.last_check_in = readCheckIns(field('last_check_in'), skips, limits.checkins);
  if (has('subscriptions'))
    data.subscriptions = readSubscriptions(field('subscriptions'), skips, limits.subscriptions);

  if (has('scheduled') || has('extrarooms')) {
    data.schedule = originalSchedule(field('scheduled'), field('extrarooms'), skips);
    data.rooms = Object.fromEntries(Object.keys(data.schedule).map((room) => [room, {}]));
  } else if (has('schedule')) {
    const split = laterSchedule(field('schedule'), skips);
    data.schedule = split.schedule;
    data.rooms = split.rooms;
  }
  if (data.schedule) dropUnknownSlots(data.schedule, data.slots, skips);

  const ignoredKeys = Object.keys(json).filter((key) => !EVENT_KEYS.has(key));
  const isEmpty = (v: unknown) =>
    (Array.isArray(v) && v.length === 0) || (isObject(v) && Object.keys(v).length === 0);
  // Empty values are data (`"motd": []` clears the banners), unless all that was given failed.
  const usable =
    Object.values(data).some((v) => !isEmpty(v)) ||
    (Object.keys(data).length > 0 && skips.list.length === 0);
  if (!usable) {
    const why = skips.list[0] ? `; ${skips.describe()}` : '';
    return { ok: false, problem: `no event data in it${why}` };
  }
  return { ok: true, data, ignoredKeys, skipped: skips.list };
}

function readLinks(value: unknown, skips: Skips): Record<string, string> {
  if (!isObject(value)) return skips.whole('links', 'must be an object of name: URL', {});
  const entries: [string, string][] = [];
  for (const [name, url] of Object.entries(value)) {
    const href = typeof url === 'string' && name.length <= 200 ? httpUrl(url) : null;
    if (href === null) skips.add(`links.${name}`, 'must be an http(s) URL');
    else entries.push([name, url as string]);
  }
  return Object.fromEntries(entries);
}

/** What a skip says of values past a limit, and where to raise it. */
const pastLimit = (cut: number, limit: number, what: string) =>
  `${cut} left out: at most ${limit} ${what} (the config's limits)`;

function readMotd(value: unknown, skips: Skips, max: number): Banner[] {
  // Older versions kept one banner as a dict; an empty message meant none.
  const list = isObject(value) ? (value.message ? [value] : []) : value;
  if (!Array.isArray(list)) return skips.whole('motd', 'must be a list of banners', []);
  if (list.length > max) skips.overLimit('motd', pastLimit(list.length - max, max, 'banners'));
  const banners: Banner[] = [];
  list.slice(0, max).forEach((banner, i) => {
    const level = isObject(banner) ? banner.level : undefined;
    const message = isObject(banner) ? banner.message : undefined;
    if ((BANNER_LEVELS as readonly unknown[]).includes(level) && isText(message, 500) && message) {
      banners.push({ level: level as Banner['level'], message });
    } else {
      skips.add(`motd[${i}]`, `needs a level (${BANNER_LEVELS.join(', ')}) and a message`);
    }
  });
  return banners;
}

function readSlots(value: unknown, skips: Skips): Slots {
  if (!isObject(value)) return skips.whole('slots', 'must be an object of day: slots', {});
  const seen = new Set<string>();
  const days: [string, Slot[]][] = [];
  for (const [day, list] of Object.entries(value)) {
    if (!Array.isArray(list) || day.length > 40) {
      skips.add(`slots.${day}`, 'must be a list of slots');
      continue;
    }
    const slots: Slot[] = [];
    list.forEach((raw, i) => {
      const path = `slots.${day}[${i}]`;
      const name = isObject(raw) ? raw.name : undefined;
      const desc = isObject(raw) ? raw.desc : undefined;
      if (!isText(name, 40) || !/^\S+$/.test(name) || !isText(desc, 100)) {
        skips.add(path, 'needs a name (no spaces) and a desc');
        return;
      }
      if (seen.has(name)) {
        skips.add(path, `slot '${name}' is already on another day`);
        return;
      }
      seen.add(name);
      const slot: Slot = { name, desc };
      const raws = raw as Json;
      if (raws.realtime !== undefined) {
        const realtime = readRealtime(raws.realtime);
        if (realtime === null) skips.add(`${path}.realtime`, 'must be an ISO date and time');
        else slot.realtime = realtime;
      }
      if (raws.duration !== undefined) {
        const d = raws.duration;
        if (Number.isInteger(d) && (d as number) > 0 && (d as number) <= 24 * 60)
          slot.duration = d as number;
        else skips.add(`${path}.duration`, 'must be minutes, 1 to 1440');
      }
      slots.push(slot);
    });
    days.push([day, slots]);
  }
  return Object.fromEntries(days);
}

function trackNameIn(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const name = normaliseTrackName(raw);
  return trackNameProblem(name) === null ? name : null;
}

function readTracks(value: unknown, skips: Skips, max: number): string[] {
  if (!Array.isArray(value)) return skips.whole('tracks', 'must be a list of track names', []);
  const names = new Set<string>();
  let cut = 0;
  value.forEach((raw, i) => {
    const name = trackNameIn(raw);
    if (name === null) skips.add(`tracks[${i}]`, `${shortText(raw)} is not a track name`);
    else if (names.size < max) names.add(name);
    else if (!names.has(name)) cut++;
  });
  if (cut > 0) skips.overLimit('tracks', pastLimit(cut, max, 'tracks'));
  return [...names];
}

/** A value as a skip names it: short, and never walked deeply (it may nest 100,000 times). */
function shortText(raw: unknown): string {
  if (typeof raw === 'string') return `'${raw.slice(0, 40)}'`;
  if (Array.isArray(raw)) return 'a list';
  return raw === null ? 'null' : typeof raw === 'object' ? 'an object' : String(raw);
}

function readTrackRecord<T>(
  key: string,
  value: unknown,
  read: (v: unknown) => T | null,
  why: string,
  skips: Skips,
): Record<string, T> {
  if (!isObject(value)) return skips.whole(key, 'must be an object of track: value', {});
  const entries: [string, T][] = [];
  for (const [rawTrack, raw] of Object.entries(value)) {
    const track = trackNameIn(rawTrack);
    const v = read(raw);
    if (track === null) skips.add(`${key}.${rawTrack}`, 'not a track name');
    else if (v === null) skips.add(`${key}.${rawTrack}`, why);
    else entries.push([track, v]);
  }
  return Object.fromEntries(entries);
}

/** The check-ins: past the limit, the last ones in the file (the latest written) are kept. */
function readCheckIns(value: unknown, skips: Skips, max: number): Record<string, CheckIn> {
  if (!isObject(value))
    return skips.whole('last_check_in', 'must be an object of nick: check-in', {});
  const all = Object.keys(value);
  if (all.length > max)
    skips.overLimit('last_check_in', pastLimit(all.length - max, max, 'check-ins'));
  const entries: [string, CheckIn][] = [];
  for (const key of all.slice(-max)) {
    const raw = value[key];
    const path = `last_check_in.${key}`;
    if (!isObject(raw) || key.length > 64) {
      skips.add(path, 'must be a check-in');
      continue;
    }
    const nick = raw.nick === undefined || raw.nick === null ? key : raw.nick;
    const location = raw.location;
    const checkedIn = readTimestamp(raw.in);
    const out =
      raw.out === null || raw.out === undefined || raw.out === 0 ? null : readTimestamp(raw.out);
    if (!isText(nick, 64) || !isText(location, 300) || checkedIn === null) {
      skips.add(path, 'needs a nick, a location and an in time');
    } else if (out === null && raw.out !== null && raw.out !== undefined && raw.out !== 0) {
      skips.add(`${path}.out`, 'must be a time or null');
    } else {
      entries.push([key, { nick, location, in: checkedIn, out }]);
    }
  }
  return Object.fromEntries(entries);
}

function readSubscriptions(
  value: unknown,
  skips: Skips,
  max: number,
): Record<string, Subscription> {
  if (!isObject(value))
    return skips.whole('subscriptions', 'must be an object of nick: pattern', {});
  const entries: [string, Subscription][] = [];
  // Counted as read, valid or not: past the limit, no pattern is compiled at all.
  let read = 0;
  for (const [key, raw] of Object.entries(value)) {
    // The original stores a cancelled subscription as null.
    if (raw === null || read++ >= max) continue;
    const sub = typeof raw === 'string' ? { nick: key, pattern: raw } : raw;
    const path = `subscriptions.${key}`;
    if (!isObject(sub) || !isText(sub.nick, 64) || typeof sub.pattern !== 'string') {
      skips.add(path, 'must be a pattern');
      continue;
    }
    const problem = patternProblem(sub.pattern);
    if (problem) skips.add(path, problem);
    else entries.push([key, { nick: sub.nick, pattern: sub.pattern }]);
  }
  if (read > max) skips.overLimit('subscriptions', pastLimit(read - max, max, 'subscriptions'));
  return Object.fromEntries(entries);
}

function originalSchedule(scheduled: unknown, extrarooms: unknown, skips: Skips): Schedule {
  const rooms = new Map<string, Map<string, string>>();
  const room = (name: string) => rooms.get(name) ?? rooms.set(name, new Map()).get(name)!;
  if (scheduled !== undefined && !isObject(scheduled)) skips.add('scheduled', 'must be an object');
  for (const [name, bookings] of Object.entries(isObject(scheduled) ? scheduled : {})) {
    if (!isObject(bookings)) {
      skips.add(`scheduled.${name}`, 'must be an object of slot: track');
      continue;
    }
    for (const [slot, raw] of Object.entries(bookings)) {
      const track = trackNameIn(raw);
      if (track === null) skips.add(`scheduled.${name}.${slot}`, 'not a track name');
      else room(name).set(slot, track);
    }
  }
  if (extrarooms !== undefined && !isObject(extrarooms))
    skips.add('extrarooms', 'must be an object');
  for (const [name, free] of Object.entries(isObject(extrarooms) ? extrarooms : {})) {
    if (!Array.isArray(free)) {
      skips.add(`extrarooms.${name}`, 'must be a list of slots');
      continue;
    }
    const bookings = room(name);
    for (const slot of free)
      if (typeof slot === 'string' && !bookings.has(slot)) bookings.set(slot, '');
  }
  return Object.fromEntries([...rooms].map(([name, b]) => [name, Object.fromEntries(b)]));
}

function laterSchedule(
  value: unknown,
  skips: Skips,
): { schedule: Schedule; rooms: Record<string, Room> } {
  if (!isObject(value))
    return skips.whole('schedule', 'must be an object of room: slots', { schedule: {}, rooms: {} });
  const schedule: [string, Record<string, string>][] = [];
  const rooms: [string, Room][] = [];
  for (const [name, entries] of Object.entries(value)) {
    if (!isObject(entries) || name.length > 100) {
      skips.add(`schedule.${name}`, 'must be an object of slot: track');
      continue;
    }
    const meta: [string, string][] = [];
    const bookings: [string, string][] = [];
    for (const [key, raw] of Object.entries(entries)) {
      const path = `schedule.${name}.${key}`;
      if ((ROOM_META_KEYS as readonly string[]).includes(key)) {
        if (!isText(raw, 300) || (key === 'url' && httpUrl(raw) === null))
          skips.add(path, 'not usable');
        else meta.push([key, raw]);
      } else if (raw === '') {
        bookings.push([key, '']);
      } else {
        const track = trackNameIn(raw);
        if (track === null) skips.add(path, `${shortText(raw)} is not a track name`);
        else bookings.push([key, track]);
      }
    }
    schedule.push([name, Object.fromEntries(bookings)]);
    rooms.push([name, Object.fromEntries(meta) as Room]);
  }
  return { schedule: Object.fromEntries(schedule), rooms: Object.fromEntries(rooms) };
}

/** A booking of a slot no day has cannot be shown or booked: skipped, by key path. */
function dropUnknownSlots(schedule: Schedule, slots: Slots | undefined, skips: Skips): void {
  if (!slots) return;
  const known = new Set(Object.values(slots).flatMap((day) => day.map((s) => s.name)));
  for (const [room, bookings] of Object.entries(schedule)) {
    for (const slot of Object.keys(bookings)) {
      if (!known.has(slot)) {
        skips.add(`schedule.${room}.${slot}`, 'no slot of that name in slots');
        delete bookings[slot];
      }
    }
  }
}
