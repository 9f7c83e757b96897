import type { EventState } from '../../machines/eventState.js';
import type { Banner, CheckIn, Slots } from '../../machines/model.js';
import { own } from '../../machines/record.js';
import { isEmptyValue, TRACK_FIELD_NAMES, TRACK_FIELDS } from '../../machines/track/fields.js';

/** The page-facing JSON, with the field names pages and scripts of the original bot read. */
export interface PtgJson {
  eventid: string;
  voice: 0 | 1;
  tracks: string[];
  slots: Slots;
  now: Record<string, string>;
  next: Record<string, string[]>;
  colors: Record<string, string>;
  location: Record<string, string>;
  urls: Record<string, string>;
  etherpads: Record<string, string>;
  /** Room -> its metadata keys and slot code -> track (or '' when bookable). */
  schedule: Record<string, Record<string, string>>;
  motd: Banner[];
  links: Record<string, string>;
  last_check_in: Record<string, CheckIn>;
  /** Nick -> pattern, as the original bot keeps them. */
  subscriptions: Record<string, string>;
  timestamp: string;
}

/** Each published track field's map, under its data key: track -> value, empty ones left out. */
function trackMaps(state: EventState): Record<string, Record<string, unknown>> {
  const maps: Record<string, Record<string, unknown>> = {};
  for (const name of TRACK_FIELD_NAMES) {
    const { dataKey, published } = TRACK_FIELDS[name];
    if (published === false) continue;
    const map: Record<string, unknown> = {};
    for (const track of state.tracks) {
      const value = published === 'where' ? track.where : track[name];
      if (value !== null && !isEmptyValue(name, value)) map[track.name] = value;
    }
    maps[dataKey] = map;
  }
  return maps;
}

export function toPtgJson(state: EventState, timestamp: string): PtgJson {
  // The original's key order: its maps (now, next, colors, location, urls, etherpads)
  // follow the fields' declaration, and a field added later comes after them.
  const maps = trackMaps(state) as Pick<
    PtgJson,
    'now' | 'next' | 'colors' | 'location' | 'urls' | 'etherpads'
  >;
  const schedule: PtgJson['schedule'] = Object.fromEntries(
    Object.entries(state.schedule).map(([room, bookings]) => [
      room,
      Object.fromEntries([
        ...Object.entries(own(state.rooms, room) ?? {}).filter(([, v]) => v !== undefined),
        ...Object.entries(bookings),
      ]),
    ]),
  );
  return {
    eventid: state.eventid,
    voice: state.voice === 'voiced' ? 1 : 0,
    tracks: state.tracks.map((t) => t.name),
    slots: state.slots,
    ...maps,
    schedule,
    motd: state.motd,
    links: state.links,
    last_check_in: state.checkins,
    subscriptions: Object.fromEntries(
      Object.values(state.subscriptions).map((sub) => [sub.nick, sub.pattern]),
    ),
    timestamp,
  };
}
