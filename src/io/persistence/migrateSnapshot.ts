import { DEFAULT_PAD_BASE } from '../../machines/event/context.js';
import { toEventData } from '../../machines/eventData.js';
import type { EventImport } from '../../machines/model.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Version 1 snapshots hold flat machines: the event day `open`/`voiceRequired`, each track
 * `idle`/`discussing`. Version 2 machines are parallel: the event day's `voice` and `day`
 * regions, each track's `discussion` and `placement`. The day region settles at the next
 * clock tick; a track with a location was moved by its moderator.
 */
function migrateV1(envelope: Json): Json {
  const snapshot = envelope.snapshot;
  if (!isObject(snapshot)) return { ...envelope, version: 2 };
  const children = isObject(snapshot.children) ? snapshot.children : {};
  const migratedChildren = Object.fromEntries(
    Object.entries(children).map(([id, child]) => {
      if (!isObject(child) || !isObject(child.snapshot)) return [id, child];
      const context = isObject(child.snapshot.context) ? child.snapshot.context : {};
      const value = {
        discussion: child.snapshot.value === 'discussing' ? 'discussing' : 'idle',
        placement: typeof context.location === 'string' ? 'moved' : 'scheduled',
      };
      return [id, { ...child, snapshot: { ...child.snapshot, value } }];
    }),
  );
  return {
    ...envelope,
    version: 2,
    snapshot: {
      ...snapshot,
      value: {
        voice: snapshot.value === 'voiceRequired' ? 'voiceRequired' : 'open',
        day: 'noEvent',
      },
      children: migratedChildren,
    },
  };
}

const SETTINGS = ['eventid', 'padBase', 'newdayAt', 'startDate', 'limits'] as const;

/**
 * Version 2 snapshots keep the event's settings as keys of the event day's context;
 * version 3 keeps them under `settings` (fewer keys make xstate's context copies cheap).
 */
function migrateV2(envelope: Json): Json {
  const snapshot = envelope.snapshot;
  if (!isObject(snapshot) || !isObject(snapshot.context)) return { ...envelope, version: 3 };
  const { context } = snapshot;
  const rest = Object.fromEntries(
    Object.entries(context).filter(([key]) => !(SETTINGS as readonly string[]).includes(key)),
  );
  const settings = {
    eventid: typeof context.eventid === 'string' ? context.eventid : '',
    padBase: typeof context.padBase === 'string' ? context.padBase : DEFAULT_PAD_BASE,
    newdayAt: typeof context.newdayAt === 'string' ? context.newdayAt : null,
    startDate: typeof context.startDate === 'string' ? context.startDate : null,
    limits: isObject(context.limits) ? context.limits : {},
  };
  return {
    ...envelope,
    version: 3,
    snapshot: { ...snapshot, context: { ...rest, settings } },
  };
}

/** Each track's state value without its `discussion` region (version 4 has none). */
function withoutDiscussion(children: unknown): unknown {
  if (!isObject(children)) return children;
  return Object.fromEntries(
    Object.entries(children).map(([id, child]) => {
      if (!isObject(child) || !isObject(child.snapshot) || !isObject(child.snapshot.value)) {
        return [id, child];
      }
      const { discussion: _gone, ...value } = child.snapshot.value;
      return [id, { ...child, snapshot: { ...child.snapshot, value } }];
    }),
  );
}

/**
 * Version 3 snapshots keep what people type as plain objects' keys; version 4 keeps it in
 * Maps: the timetable, rooms, links, check-ins, subscriptions, the day's warnings, and the
 * event data `~undo` keeps. A track in version 4 has no `discussion` region: whether it
 * discusses something is whether it has a current topic.
 */
function migrateV3(envelope: Json): Json {
  const snapshot = envelope.snapshot;
  if (!isObject(snapshot) || !isObject(snapshot.context)) return { ...envelope, version: 4 };
  const context = { ...snapshot.context };
  for (const key of ['slots', 'rooms', 'links', 'checkins', 'subscriptions', 'warnedUnscheduled']) {
    if (isObject(context[key])) context[key] = new Map(Object.entries(context[key]));
  }
  if (isObject(context.schedule)) {
    context.schedule = new Map(
      Object.entries(context.schedule).map(([room, bookings]) => [
        room,
        new Map(Object.entries(isObject(bookings) ? bookings : {})),
      ]),
    );
  }
  const undo = context.undo;
  if (isObject(undo) && isObject(undo.before)) {
    context.undo = { ...undo, before: toEventData(undo.before as EventImport) };
  }
  return {
    ...envelope,
    version: 4,
    snapshot: { ...snapshot, context, children: withoutDiscussion(snapshot.children) },
  };
}

/** Each earlier version's migration to the next, by the version it reads. */
const MIGRATIONS = new Map<unknown, (envelope: Json) => Json>([
  [1, migrateV1],
  [2, migrateV2],
  [3, migrateV3],
]);

/** A snapshot file's envelope brought up to the current version, one step at a time. */
export function migrated(raw: unknown): unknown {
  let envelope = raw;
  for (;;) {
    const step = isObject(envelope) ? MIGRATIONS.get(envelope.version) : undefined;
    if (!step) return envelope;
    envelope = step(envelope as Json);
  }
}
