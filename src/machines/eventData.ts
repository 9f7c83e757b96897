import type { Banner, CheckIn, EventImport, Room, Slot, Subscription } from './model.js';
import {
  TRACK_FIELD_NAMES,
  TRACK_FIELDS,
  type TrackFieldName,
  type TrackFields,
} from './track/fields.js';

type MapOf<T> = ReadonlyMap<string, T>;
/** Day (a weekday name or a date) -> its ordered slots. */
export type SlotMap = MapOf<Slot[]>;
/** Room -> slot code -> track name, or `''` for a free, bookable slot. */
export type ScheduleMap = MapOf<MapOf<string>>;

type Declared = typeof TRACK_FIELDS;
/** The track fields' maps: data key -> track -> value. */
export type TrackFieldMaps = {
  [K in TrackFieldName as Declared[K]['dataKey']]?: MapOf<NonNullable<TrackFields[K]>>;
};

/**
 * Event data as the machines take it: every key that people type (rooms, days, slots,
 * link names, nicks, tracks) is a Map key, so no name can meet `Object.prototype`, and the
 * snapshot and journal codec (superjson) carries it as it is. `EventImport` is the same
 * data as files and ptg.json spell it.
 */
export interface EventData extends TrackFieldMaps {
  eventid?: string;
  start_date?: string;
  voice?: boolean;
  tracks?: string[];
  motd?: Banner[];
  slots?: SlotMap;
  rooms?: MapOf<Room>;
  schedule?: ScheduleMap;
  links?: MapOf<string>;
  last_check_in?: MapOf<CheckIn>;
  subscriptions?: MapOf<Subscription>;
  placed?: MapOf<string>;
}

/** The keys whose values are keyed by what people type (the schedule is two levels). */
const MAP_KEYS = new Set<string>([
  'slots',
  'rooms',
  'links',
  'last_check_in',
  'subscriptions',
  ...TRACK_FIELD_NAMES.map((name) => TRACK_FIELDS[name].dataKey),
]);

const toMap = (record: object): Map<string, unknown> => new Map(Object.entries(record));
/** A Map as a plain record: Object.fromEntries defines own keys, `__proto__` included. */
export const toRecord = <T>(map: ReadonlyMap<string, T>): Record<string, T> =>
  Object.fromEntries(map);

/** File-shaped event data as the machines take it; keys not in either shape are dropped. */
export function toEventData(data: EventImport): EventData {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (key === 'schedule') {
      out.schedule = new Map(
        Object.entries(value as Record<string, Record<string, string>>).map(([room, b]) => [
          room,
          toMap(b),
        ]),
      );
    } else if (MAP_KEYS.has(key)) {
      out[key] = toMap(value as object);
    } else {
      out[key] = value;
    }
  }
  return out as EventData;
}

/** Event data as files and ptg.json spell it. */
export function toEventImport(data: EventData): EventImport {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (key === 'schedule') {
      out.schedule = Object.fromEntries(
        [...(value as ScheduleMap)].map(([room, b]) => [room, toRecord(b)]),
      );
    } else if (value instanceof Map) {
      out[key] = toRecord(value);
    } else {
      out[key] = value;
    }
  }
  return out as EventImport;
}
