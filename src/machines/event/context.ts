import type { Limits } from '../limits.js';
import { type Casemapping, DEFAULT_CASEMAPPING, foldNick } from '../nick.js';
import type { EventData, ScheduleMap, SlotMap } from '../eventData.js';
import type { Banner, CheckIn, LocalTime, Room, Subscription } from '../model.js';

export interface EventDayInput {
  eventid?: string;
  /** Base of generated etherpad links: `<padBase>/<eventid>-<track>`. */
  padBase?: string;
  /** Local `HH:MM` at which a new day starts by itself, or null for never. */
  newdayAt?: string | null;
  limits?: Partial<Limits>;
  /** The event's first day (`YYYY-MM-DD`): dates the weekday-named days of the timetable. */
  startDate?: string | null;
  /** Only users logged in to services are heard. */
  identifiedOnly?: boolean;
}

/** What the event is and how it runs: set at start and by imports, seldom changed. */
export interface EventSettings {
  eventid: string;
  /** Base of generated etherpad links: `<padBase>/<eventid>-<track>`. */
  padBase: string;
  /** Local `HH:MM` at which a new day starts by itself, or null for never. */
  newdayAt: string | null;
  /** The event's first day, when known: dates the weekday-named days of the timetable. */
  startDate: string | null;
  /** Limits set by the config; the defaults fill the rest. */
  limits: Partial<Limits>;
  /** How the IRC server compares nicks (absent in snapshots from before: rfc1459). */
  casemapping?: Casemapping;
  /** Only users logged in to services are heard (the config's `identified_only`). */
  identifiedOnly?: boolean;
}

/**
 * The event day's context. Its keys are few on purpose: xstate copies the context at every
 * `assign`, and V8 copies an object of 20 keys or more as a slow dictionary (20 times the
 * cost, and garbage). Settings that seldom change live in one key.
 */
export interface EventDayContext {
  settings: EventSettings;
  /** The local date on which the last new day started (by itself or by `~newday`). */
  lastNewday: string | null;
  slots: SlotMap;
  rooms: ReadonlyMap<string, Room>;
  schedule: ScheduleMap;
  links: ReadonlyMap<string, string>;
  motd: Banner[];
  /** Track names, in track order (`byTrackName`); each has a child actor `track:<name>`. */
  tracks: string[];
  /** Folded nick (`nickKey`) -> last check-in. */
  checkins: ReadonlyMap<string, CheckIn>;
  /** Folded nick (`nickKey`) -> subscription. */
  subscriptions: ReadonlyMap<string, Subscription>;
  /** The last time the clock (or a command) told. */
  clock: LocalTime | null;
  currentSlot: string | null;
  /** When the state the outside sees last changed (absent in snapshots from before). */
  lastChange?: LocalTime | null;
  /** Track -> the date it was last told it has no session that day (told once a day). */
  warnedUnscheduled?: ReadonlyMap<string, string>;
  /** The last admin change, and the event as it was before it: what `~undo` restores. */
  undo?: { what: string; before: EventData } | null;
  /** A destructive command waiting for its `confirm` from the same op (compared by `sameNick`). */
  pendingConfirmation?: { key: string; nick: string; expires: string } | null;
}

export const DEFAULT_PAD_BASE = 'https://etherpad.opendev.org/p';

export function emptyEventData(): Pick<
  EventDayContext,
  'slots' | 'rooms' | 'schedule' | 'links' | 'motd' | 'tracks' | 'checkins' | 'subscriptions'
> {
  return {
    slots: new Map(),
    rooms: new Map(),
    schedule: new Map(),
    links: new Map(),
    motd: [],
    tracks: [],
    checkins: new Map(),
    subscriptions: new Map(),
  };
}

export function initialContext(input: EventDayInput): EventDayContext {
  return {
    settings: {
      eventid: input.eventid ?? '',
      padBase: input.padBase ?? DEFAULT_PAD_BASE,
      newdayAt: input.newdayAt ?? null,
      startDate: input.startDate ?? null,
      limits: input.limits ?? {},
      identifiedOnly: input.identifiedOnly ?? false,
    },
    lastNewday: null,
    ...emptyEventData(),
    clock: null,
    currentSlot: null,
    lastChange: null,
    warnedUnscheduled: new Map(),
    undo: null,
    pendingConfirmation: null,
  };
}

export const trackActorId = (track: string) => `track:${track}`;

export const casemappingOf = (ctx: EventDayContext): Casemapping =>
  ctx.settings.casemapping ?? DEFAULT_CASEMAPPING;

/** The key of a person's check-in and subscription: their nick folded the server's way. */
export const nickKey = (ctx: EventDayContext, nick: string): string =>
  foldNick(nick, casemappingOf(ctx));
