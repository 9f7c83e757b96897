/** The event's data, as the machines hold it. JSON-shaped: records, arrays, strings. */

export interface Slot {
  /** Code name used in the schedule and in `book ROOM-SLOT`, e.g. `MonA1`. */
  name: string;
  /** Label shown to people, e.g. `09:00-10:45`. */
  desc: string;
  /** Absolute start time (ISO 8601), when known. */
  realtime?: string;
  /** Length in minutes, when known. */
  duration?: number;
}

/** Day name (`Monday`, or an ISO date) -> its ordered slots. */
export type Slots = Record<string, Slot[]>;

export interface Room {
  desc?: string;
  cap_icon?: string;
  cap_desc?: string;
  url?: string;
}

/** Room -> slot code -> track name, or `''` for a free, bookable slot. */
export type Schedule = Record<string, Record<string, string>>;

export const BANNER_LEVELS = ['info', 'success', 'warning', 'danger'] as const;
export type BannerLevel = (typeof BANNER_LEVELS)[number];

export interface Banner {
  level: BannerLevel;
  message: string;
}

export interface CheckIn {
  nick: string;
  location: string;
  /** ISO time of the check-in. */
  in: string;
  /** ISO time of the check-out, or null while checked in. */
  out: string | null;
}

export interface Subscription {
  nick: string;
  pattern: string;
}

/** The event-local time, computed by whoever owns the clock. */
export interface LocalTime {
  /** Full ISO timestamp with offset, e.g. `2026-11-24T10:32:00+01:00`. */
  iso: string;
  /** `2026-11-24` */
  date: string;
  /** English weekday name, e.g. `Tuesday`. */
  weekday: string;
  /** `HH:MM`, 24 hours. */
  time: string;
}

/** What a track shows: its live fields. */
export interface TrackFields {
  now: string | null;
  next: string[];
  color: string | null;
  /** A location set by a moderator; wins over the scheduled room. */
  location: string | null;
  /** The room the track was scheduled in when its current topic was set. */
  room: string | null;
  url: string | null;
  etherpad: string | null;
}

/** Event data as imported: every key optional; each one given replaces the current one. */
export interface EventImport {
  eventid?: string;
  /** The event's first day, `YYYY-MM-DD`. */
  start_date?: string;
  slots?: Slots;
  rooms?: Record<string, Room>;
  schedule?: Schedule;
  links?: Record<string, string>;
  motd?: Banner[];
  tracks?: string[];
  voice?: boolean;
  now?: Record<string, string>;
  next?: Record<string, string[]>;
  colors?: Record<string, string>;
  location?: Record<string, string>;
  urls?: Record<string, string>;
  etherpads?: Record<string, string>;
  last_check_in?: Record<string, CheckIn>;
  subscriptions?: Record<string, Subscription>;
  /** Track -> the room its topic placed it in (kept by `~undo`; no file holds it). */
  placed?: Record<string, string>;
}
