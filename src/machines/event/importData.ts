import type { EventImport, TrackFields } from '../model.js';
import { defaultColor } from '../palette.js';
import { casemappingOf, type EventDayContext } from './context.js';
import { keyedByPerson } from './personKeys.js';
import type { ReadTrack } from './decisionInputs.js';
import { combine, type Effects } from './effects.js';
import { limitsOf } from '../limits.js';
import { addTracks } from './trackRoster.js';
import { own } from '../record.js';

/** Names of the tracks a schedule mentions. */
export function scheduledTracks(schedule: EventImport['schedule']): string[] {
  const names = Object.values(schedule ?? {}).flatMap((bookings) => Object.values(bookings));
  return [...new Set(names.filter((name) => name !== ''))];
}

/**
 * Each top-level key given replaces the current one; tracks the schedule names are
 * added, unless `exact` (an undo puts back the list it kept: a track deleted before it
 * stays deleted though the schedule still names it); tracks left without a colour get one.
 */
export function importEventData(
  ctx: EventDayContext,
  data: EventImport,
  { exact = false }: { exact?: boolean } = {},
): Effects {
  const context: Partial<EventDayContext> = {};
  if (data.eventid !== undefined || data.start_date !== undefined) {
    context.settings = {
      ...ctx.settings,
      ...(data.eventid !== undefined ? { eventid: data.eventid } : {}),
      ...(data.start_date !== undefined ? { startDate: data.start_date } : {}),
    };
  }
  if (data.slots !== undefined) context.slots = data.slots;
  if (data.links !== undefined) context.links = data.links;
  if (data.motd !== undefined) context.motd = data.motd;
  if (data.schedule !== undefined) {
    context.schedule = data.schedule;
    context.rooms = data.rooms ?? {};
  } else if (data.rooms !== undefined) {
    context.rooms = data.rooms;
  }

  const given = data.tracks === undefined ? null : new Set(data.tracks);
  const kept = given === null ? ctx.tracks : ctx.tracks.filter((t) => given.has(t));
  const keptSet = new Set(kept);
  const removed = ctx.tracks.filter((t) => !keptSet.has(t));
  const wanted = [
    ...(data.tracks ?? []),
    ...(exact ? [] : scheduledTracks(context.schedule ?? ctx.schedule)),
  ];
  // Every path into the state holds the track limit: what is past it is said, not loaded.
  const room = Math.max(0, limitsOf(ctx).tracks - kept.length);
  const fresh = [...new Set(wanted)].filter((t) => !keptSet.has(t));
  const leftOut = fresh.slice(room);
  const added = addTracks({ ...ctx, tracks: kept }, fresh.slice(0, room));
  const finalTracks = added.context?.tracks ?? kept;
  const said: Effects =
    leftOut.length === 0
      ? {}
      : {
          emit: [
            {
              type: 'log',
              text: `${leftOut.length} tracks left out (${leftOut.slice(0, 3).join(', ')}${leftOut.length > 3 ? ', ...' : ''}): at most ${limitsOf(ctx).tracks} tracks (the config's limits)`,
            },
          ],
        };

  const send = finalTracks.flatMap((track) => {
    const fields = trackFieldsFrom(data, track);
    return Object.keys(fields).length === 0
      ? []
      : [{ track, event: { type: 'fields.import' as const, fields } }];
  });
  const people = keyedByPerson(
    {
      ...(data.last_check_in !== undefined ? { checkins: data.last_check_in } : {}),
      ...(data.subscriptions !== undefined ? { subscriptions: data.subscriptions } : {}),
    },
    casemappingOf(ctx),
  );
  return combine(
    { stop: removed, context: { ...context, tracks: kept } },
    people,
    said,
    added,
    { send },
    data.voice === undefined ? {} : { voice: data.voice },
  );
}

/**
 * The whole event as import data: importing it brings the event back as it is (what
 * `~undo` keeps). Locations are the moved ones; scheduled rooms follow the schedule.
 */
export function exportEventData(
  ctx: EventDayContext,
  readTrack: ReadTrack,
  voiceRequired: boolean,
): EventImport {
  const fields = ctx.tracks.flatMap((name) => {
    const track = readTrack(name);
    return track ? [[name, track] as const] : [];
  });
  const pick = <T>(get: (t: TrackFields) => T | null, keep: (v: T) => boolean = () => true) =>
    Object.fromEntries(
      fields.flatMap(([name, t]) => {
        const value = get(t);
        return value === null || !keep(value) ? [] : [[name, value]];
      }),
    ) as Record<string, T>;
  return {
    eventid: ctx.settings.eventid,
    ...(ctx.settings.startDate ? { start_date: ctx.settings.startDate } : {}),
    voice: voiceRequired,
    slots: ctx.slots,
    rooms: ctx.rooms,
    schedule: ctx.schedule,
    links: ctx.links,
    motd: ctx.motd,
    tracks: ctx.tracks,
    now: pick((t) => t.now),
    next: pick(
      (t) => t.next,
      (next) => next.length > 0,
    ),
    colors: pick((t) => t.color),
    location: pick((t) => t.location),
    placed: pick((t) => t.room),
    urls: pick((t) => t.url),
    etherpads: pick((t) => t.etherpad),
    last_check_in: ctx.checkins,
    subscriptions: ctx.subscriptions,
  };
}

function trackFieldsFrom(data: EventImport, track: string): Partial<TrackFields> {
  const fields: Partial<TrackFields> = {};
  if (data.now !== undefined) fields.now = own(data.now, track) ?? null;
  if (data.next !== undefined) fields.next = own(data.next, track) ?? [];
  if (data.colors !== undefined) fields.color = own(data.colors, track) ?? defaultColor(track);
  if (data.location !== undefined) {
    fields.location = own(data.location, track) ?? null;
    fields.room = own(data.placed, track) ?? null;
  }
  if (data.urls !== undefined) fields.url = own(data.urls, track) ?? null;
  if (data.etherpads !== undefined) fields.etherpad = own(data.etherpads, track) ?? null;
  return fields;
}
