import type { EventState } from '../../machines/eventState.js';
import type { Banner, CheckIn, Slots } from '../../machines/model.js';
import { own } from '../../machines/record.js';

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

export function toPtgJson(state: EventState, timestamp: string): PtgJson {
  const now: Record<string, string> = {};
  const next: Record<string, string[]> = {};
  const colors: Record<string, string> = {};
  const location: Record<string, string> = {};
  const urls: Record<string, string> = {};
  const etherpads: Record<string, string> = {};
  for (const track of state.tracks) {
    if (track.now !== null) now[track.name] = track.now;
    if (track.next.length > 0) next[track.name] = track.next;
    if (track.color !== null) colors[track.name] = track.color;
    if (track.where !== null) location[track.name] = track.where;
    if (track.url !== null) urls[track.name] = track.url;
    if (track.etherpad !== null) etherpads[track.name] = track.etherpad;
  }
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
    now,
    next,
    colors,
    location,
    urls,
    etherpads,
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
