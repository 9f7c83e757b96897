import type { TrackFieldData } from './track/fields.js';

/** The event's data as files, ptg.json and the page spell it (the machines hold Maps: eventData.ts). */
export type { TrackFields } from './track/fields.js';

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

/**
 * Event data as imported: every key optional; each one given replaces the current one.
 * The track maps (`now`, `colors`...) come from the track fields' declaration.
 */
export interface EventImport extends TrackFieldData {
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
  last_check_in?: Record<string, CheckIn>;
  subscriptions?: Record<string, Subscription>;
}
