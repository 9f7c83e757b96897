import type { EventData, ScheduleMap, TrackFieldMaps } from '../eventData.js';
import type { TrackFields } from '../model.js';
import { isEmptyValue, TRACK_FIELD_NAMES, TRACK_FIELDS } from '../track/fields.js';
import { defaultColor } from '../palette.js';
import { casemappingOf, type EventDayContext } from './context.js';
import { keyedByPerson } from './personKeys.js';
import type { ReadTrack } from './decisionInputs.js';
import { combine, type Effects } from './effects.js';
import { limitsOf } from '../limits.js';
import { addTracks } from './trackRoster.js';

/** Names of the tracks a schedule mentions. */
export function scheduledTracks(schedule: ScheduleMap | undefined): string[] {
  const names = [...(schedule?.values() ?? [])].flatMap((bookings) => [...bookings.values()]);
  return [...new Set(names.filter((name) => name !== ''))];
}

/**
 * Each top-level key given replaces the current one; tracks the schedule names are
 * added, unless `exact` (an undo puts back the list it kept: a track deleted before it
 * stays deleted though the schedule still names it); tracks left without a colour get one.
 */
export function importEventData(
  ctx: EventDayContext,
  data: EventData,
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
    context.rooms = data.rooms ?? new Map();
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
): EventData {
  const fields = ctx.tracks.flatMap((name) => {
    const track = readTrack(name);
    return track ? [[name, track] as const] : [];
  });
  const trackData = Object.fromEntries(
    TRACK_FIELD_NAMES.map((name) => [
      TRACK_FIELDS[name].dataKey,
      new Map(
        fields.flatMap(([track, t]) =>
          isEmptyValue(name, t[name]) ? [] : [[track, t[name]] as const],
        ),
      ),
    ]),
  ) as TrackFieldMaps;
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
    ...trackData,
    last_check_in: ctx.checkins,
    subscriptions: ctx.subscriptions,
  };
}

/** The fields event data gives a track: each one whose key it holds (empty when the track has none there). */
function trackFieldsFrom(data: EventData, track: string): Partial<TrackFields> {
  const given = data as Record<string, ReadonlyMap<string, unknown> | undefined>;
  const fields: Record<string, unknown> = {};
  for (const name of TRACK_FIELD_NAMES) {
    const { dataKey, empty, importedWith } = TRACK_FIELDS[name] as {
      dataKey: string;
      empty: unknown;
      importedWith?: string;
    };
    if (
      given[dataKey] === undefined &&
      (importedWith === undefined || given[importedWith] === undefined)
    )
      continue;
    fields[name] = given[dataKey]?.get(track) ?? structuredClone(empty);
  }
  // A track without a colour in the data gets its own.
  if ('color' in fields && fields.color === null) fields.color = defaultColor(track);
  return fields as Partial<TrackFields>;
}
