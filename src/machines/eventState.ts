import type { SnapshotFrom } from 'xstate';
import { trackActorId } from './event/context.js';
import { type ScheduleMap, toRecord } from './eventData.js';
import { roomsForTrackOn } from './schedule.js';
import type { EventDayMachine } from './event/eventDayMachine.js';
import type {
  Banner,
  CheckIn,
  LocalTime,
  Room,
  Schedule,
  Slots,
  Subscription,
  TrackFields,
} from './model.js';
import { inkOn } from './ink.js';
import { fieldsOf } from './track/fields.js';
import type { trackMachine } from './track/trackMachine.js';

export interface TrackState extends TrackFields {
  name: string;
  discussing: boolean;
  /** The pad to show: the track's own, or the generated one. */
  etherpadUrl: string;
  /** Where to show the track: the manual location, else the scheduled room. */
  where: string | null;
  /** The colour its name is written in on its badge: readable on `color`. */
  ink: string;
}

/** The whole event as one typed, JSON-shaped value: what the page and the API show. */
export interface EventState {
  eventid: string;
  voice: 'everyone' | 'voiced';
  slots: Slots;
  rooms: Record<string, Room>;
  schedule: Schedule;
  links: Record<string, string>;
  motd: Banner[];
  tracks: TrackState[];
  checkins: Record<string, CheckIn>;
  /** Folded nick -> subscription: the original bot published them in its ptg.json too. */
  subscriptions: Record<string, Subscription>;
  subscriberCount: number;
  clock: LocalTime | null;
  currentSlot: string | null;
  /** When the state last changed, on the event's clock. */
  lastChange: LocalTime | null;
  /** The event's first day, when known: dates weekday-named days. */
  startDate: string | null;
}

type TrackSnapshot = SnapshotFrom<typeof trackMachine>;

export function generatedEtherpad(padBase: string, eventid: string, track: string): string {
  return `${padBase.replace(/\/+$/, '')}/${eventid ? `${eventid}-` : ''}${track}`;
}

/**
 * Each track's view, kept for as long as its snapshot is the same object: xstate makes a
 * new snapshot only when the track changes, so reading the event costs a lookup per track
 * that did not change, and unchanged tracks stay the same objects (cheap to diff).
 */
const trackViews = new WeakMap<
  object,
  { etherpadBase: string; scheduled: string | null; view: TrackState }
>();

/**
 * Where a track is: where its moderator moved it, until the day ends; else the room it was
 * placed in when its topic was set; else, while it discusses a topic that came without a
 * placement (imported data, the original's database), the room the timetable gives it
 * today (the current slot's first).
 */
function readTrack(
  name: string,
  track: TrackSnapshot,
  etherpadBase: string,
  scheduled: string | null,
): TrackState {
  const known = trackViews.get(track);
  if (known?.etherpadBase === etherpadBase && known.scheduled === scheduled) return known.view;
  const { context } = track;
  const view: TrackState = {
    name,
    ...fieldsOf(context),
    discussing: context.now !== null,
    ink: inkOn(context.color),
    etherpadUrl: context.etherpad ?? `${etherpadBase}${name}`,
    where: track.hasTag('moved')
      ? context.location
      : (context.room ?? (context.now !== null ? scheduled : null) ?? context.location),
  };
  trackViews.set(track, { etherpadBase, scheduled, view });
  return view;
}

/**
 * A map of the machines as the JSON-shaped record the page and ptg.json read, made once
 * per map: the machines make a new map for each change, so an unchanged one is not copied.
 */
const records = new WeakMap<ReadonlyMap<string, unknown>, Record<string, unknown>>();
function asRecord<T>(map: ReadonlyMap<string, T>): Record<string, T> {
  let record = records.get(map);
  if (!record) records.set(map, (record = toRecord(map)));
  return record as Record<string, T>;
}

function scheduleRecord(schedule: ScheduleMap): Schedule {
  let record = records.get(schedule);
  if (!record) {
    record = Object.fromEntries([...schedule].map(([room, b]) => [room, asRecord(b)]));
    records.set(schedule, record);
  }
  return record as Schedule;
}

export function readEventState(snapshot: SnapshotFrom<EventDayMachine>): EventState {
  const ctx = snapshot.context;
  const etherpadBase = generatedEtherpad(ctx.settings.padBase, ctx.settings.eventid, '');
  const tracks = ctx.tracks.flatMap((name): TrackState[] => {
    const child = snapshot.children[trackActorId(name)];
    if (!child) return [];
    const scheduled = ctx.clock
      ? (roomsForTrackOn(ctx.slots, ctx.schedule, name, ctx.clock)[0] ?? null)
      : null;
    return [readTrack(name, child.getSnapshot() as TrackSnapshot, etherpadBase, scheduled)];
  });
  return {
    eventid: ctx.settings.eventid,
    voice: snapshot.hasTag('voice required') ? 'voiced' : 'everyone',
    slots: asRecord(ctx.slots),
    rooms: asRecord(ctx.rooms),
    schedule: scheduleRecord(ctx.schedule),
    links: asRecord(ctx.links),
    motd: ctx.motd,
    tracks,
    checkins: asRecord(ctx.checkins),
    subscriptions: asRecord(ctx.subscriptions),
    subscriberCount: ctx.subscriptions.size,
    clock: ctx.clock,
    currentSlot: ctx.currentSlot,
    lastChange: ctx.lastChange ?? null,
    startDate: ctx.settings.startDate,
  };
}
