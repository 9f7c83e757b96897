import { limitsOf } from '../limits.js';
import { withMapEntry } from '../record.js';
import { dayOfSlot, lookUpRoomSlot, roomsForTrackOn } from '../schedule.js';
import { slotIsOver } from '../slotTimes.js';
import { matchingPatterns } from '../subscriptionPattern.js';
import type {
  BookingChange,
  ChangeAuthor,
  TrackContext,
  TrackEvent,
  TrackUndo,
} from '../track/events.js';
import type { TrackFields } from '../model.js';
import { fieldsOf } from '../track/fields.js';
import { casemappingOf, type EventDayContext, nickKey } from './context.js';
import { isKeptApart, sameNick } from '../nick.js';
import type { ReadTrack, Rules } from './decisionInputs.js';
import { changed, combine, type Effects, replyTo } from './effects.js';
import { hasTrack } from './trackRoster.js';
import type { EventEmitted, TrackCommand } from './events.js';

/** The handling of `#TRACK COMMAND ...` lines. */
export function handleTrackCommand(
  ctx: EventDayContext,
  cmd: TrackCommand,
  readTrack: ReadTrack,
  rules: Rules,
): Effects {
  if (!hasTrack(ctx, cmd.track)) return replyTo(cmd.requestId, `Unknown track '${cmd.track}'`);
  const toTrack = (event: TrackEvent): Effects =>
    combine({ send: [{ track: cmd.track, event }] }, changed);
  const fields = readTrack(cmd.track);
  const by = changeBy(cmd.nick, said(cmd), fields);

  switch (cmd.type) {
    case 'track.now': {
      const rooms = roomsForTrackOn(ctx.slots, ctx.schedule, cmd.track, cmd.at);
      const where = fields?.location ?? rooms[0] ?? null;
      return combine(
        toTrack({ type: 'topic.now', topic: cmd.topic, room: rooms[0] ?? null, by }),
        unscheduledWarning(ctx, cmd, rooms, rules),
        notifySubscribers(ctx, cmd, 'now', cmd.topic, where),
      );
    }
    case 'track.next': {
      const max = limitsOf(ctx).nextPerTrack;
      if ((fields?.next.length ?? 0) >= max) {
        return replyTo(
          cmd.requestId,
          `#${cmd.track} already has ${max} next topics; say #${cmd.track} now TOPIC or #${cmd.track} clean first`,
        );
      }
      const rooms = roomsForTrackOn(ctx.slots, ctx.schedule, cmd.track, cmd.at);
      const where = fields?.location ?? fields?.room ?? rooms[0] ?? null;
      return combine(
        toTrack({ type: 'topic.next', topic: cmd.topic, by }),
        unscheduledWarning(ctx, cmd, rooms, rules),
        notifySubscribers(ctx, cmd, 'next', cmd.topic, where),
      );
    }
    case 'track.clean':
      return toTrack({ type: 'topics.clean', by });
    case 'track.set':
      return toTrack({ type: 'fields.set', fields: cmd.fields, by });
    case 'track.location':
      return toTrack({ type: 'location.set', location: cmd.location, by });
    case 'track.book':
      return book(ctx, cmd, by);
    case 'track.unbook':
      return unbook(ctx, cmd, by);
    case 'track.undo':
      return undo(ctx, cmd, fields?.undo ?? null, toTrack);
  }
}

/** The line a moderator said, as `#TRACK undo` names it back. */
function said(cmd: TrackCommand): string {
  const line = (rest: string) => `#${cmd.track} ${rest}`;
  switch (cmd.type) {
    case 'track.now':
      return line(`now ${cmd.topic}`);
    case 'track.next':
      return line(`next ${cmd.topic}`);
    case 'track.set':
      return cmd.said;
    case 'track.location':
      return line(`location ${cmd.location}`);
    case 'track.book':
      return line(`book ${cmd.code}`);
    case 'track.unbook':
      return line(`unbook ${cmd.code}`);
    default:
      return line(cmd.type.slice('track.'.length));
  }
}

/**
 * `#TRACK undo`: the track's last change goes back, whoever made it (one level). Anyone
 * who may moderate the track may take it back; the reply says what came back.
 */
function undo(
  ctx: EventDayContext,
  cmd: TrackCommand,
  last: TrackUndo | null,
  toTrack: (event: TrackEvent) => Effects,
): Effects {
  if (last === null) {
    return replyTo(
      cmd.requestId,
      `Nothing to undo on #${cmd.track}: it has not changed since the day began or the event data was loaded`,
    );
  }
  const whose = sameNick(last.nick, cmd.nick, casemappingOf(ctx)) ? 'your' : `${last.nick}'s`;
  if (last.booking) {
    const { room, slot, holder } = last.booking;
    const madeIt = holder === '' ? cmd.track : '';
    if (ctx.schedule.get(room)?.get(slot) !== madeIt) {
      return replyTo(
        cmd.requestId,
        `Cannot take back ${whose} "${last.said}": ${room}-${slot} has changed since`,
      );
    }
    return combine(
      toTrack({ type: 'change.undo' }),
      { context: { schedule: withBooking(ctx, room, slot, holder) } },
      replyTo(
        cmd.requestId,
        `Took back ${whose} "${last.said}": ${room} (${slotLabel(ctx, slot)}) is ${holder === '' ? 'free again' : `booked for ${holder} again`}`,
      ),
    );
  }
  const now = last.before.now === null ? 'no topic now' : `now: ${last.before.now}`;
  return combine(
    toTrack({ type: 'change.undo' }),
    replyTo(cmd.requestId, `Took back ${whose} "${last.said}"; #${cmd.track} has ${now}`),
  );
}

/**
 * On an event day, a track with no session that day is told so, once that day: the topic
 * is set anyway. Days that are not event days, and events without a timetable, say nothing.
 */
function unscheduledWarning(
  ctx: EventDayContext,
  cmd: TrackCommand,
  rooms: string[],
  rules: Rules,
): Effects {
  if (rooms.length > 0 || !rules.isEventDay) return {};
  const warned = ctx.warnedUnscheduled ?? new Map<string, string>();
  if (warned.get(cmd.track) === cmd.at.date) return {};
  return combine(
    { context: { warnedUnscheduled: withMapEntry(warned, cmd.track, cmd.at.date) } },
    replyTo(
      cmd.requestId,
      `Note: #${cmd.track} has no session scheduled today (${cmd.at.weekday}); the topic was set anyway`,
    ),
  );
}

/** Tells each subscriber whose pattern matches `#track now|next topic`, as the original did. */
function notifySubscribers(
  ctx: EventDayContext,
  cmd: TrackCommand,
  adverb: 'now' | 'next',
  topic: string,
  where: string | null,
): Effects {
  if (ctx.subscriptions.size === 0) return {};
  const line = `#${cmd.track} ${adverb} ${topic}`;
  const sender = nickKey(ctx, cmd.nick);
  // One kept apart (its nick became another's under this server's casemapping) is not told.
  const subscribers = [...ctx.subscriptions].filter(([key]) => key !== sender && !isKeptApart(key));
  if (subscribers.length === 0) return {};
  const matched = matchingPatterns(
    subscribers.map(([, sub]) => sub.pattern),
    line,
  );
  const text = `${adverb} in #${cmd.track}${where ? ` (${where})` : ''}: ${topic}`;
  const emit: EventEmitted[] = subscribers
    .filter(([, sub]) => matched.has(sub.pattern))
    .map(([, sub]) => ({ type: 'notify', requestId: cmd.requestId, nick: sub.nick, text }));
  return { emit };
}

function slotLabel(ctx: EventDayContext, slot: string): string {
  const found = dayOfSlot(ctx.slots, slot);
  return found ? `${found.day} ${found.slot.desc}` : slot;
}

function book(
  ctx: EventDayContext,
  cmd: TrackCommand & { type: 'track.book' },
  by: Change | undefined,
): Effects {
  const found = lookUpRoomSlot(ctx.schedule, cmd.code);
  if (!found.ok) return replyTo(cmd.requestId, found.problem);
  const { room, slot } = found;
  const holder = ctx.schedule.get(room)?.get(slot);
  if (holder === cmd.track) {
    return replyTo(cmd.requestId, `${room}-${slot} is already booked for ${cmd.track}`);
  }
  if (holder !== '') {
    return replyTo(cmd.requestId, `${room}-${slot} is not bookable: it is taken by ${holder}`);
  }
  const when = dayOfSlot(ctx.slots, slot);
  if (when && slotIsOver(when.slot, when.day, ctx.settings.startDate, cmd.at)) {
    return replyTo(
      cmd.requestId,
      `${room}-${slot} (${slotLabel(ctx, slot)}) is over: book a slot still to come`,
    );
  }
  return combine(
    { context: { schedule: withBooking(ctx, room, slot, cmd.track) } },
    bookingChanged(cmd, by, { room, slot, holder: '' }),
    replyTo(cmd.requestId, `Booked ${room} (${slotLabel(ctx, slot)}) for ${cmd.track}`),
    changed,
  );
}

function unbook(
  ctx: EventDayContext,
  cmd: TrackCommand & { type: 'track.unbook' },
  by: Change | undefined,
): Effects {
  const found = lookUpRoomSlot(ctx.schedule, cmd.code);
  if (!found.ok) return replyTo(cmd.requestId, found.problem);
  const { room, slot } = found;
  if (ctx.schedule.get(room)?.get(slot) !== cmd.track) {
    return replyTo(cmd.requestId, `${room}-${slot} is not booked by ${cmd.track}`);
  }
  return combine(
    { context: { schedule: withBooking(ctx, room, slot, '') } },
    bookingChanged(cmd, by, { room, slot, holder: cmd.track }),
    replyTo(cmd.requestId, `Freed ${room} (${slotLabel(ctx, slot)}); it is bookable again`),
    changed,
  );
}

type Change = ChangeAuthor & { before: TrackFields };

/** Who asks for a change to the track, what they said, and the track's fields before it. */
export function changeBy(
  nick: string,
  words: string,
  fields: TrackContext | undefined,
): Change | undefined {
  return fields ? { nick, said: words, before: fieldsOf(fields) } : undefined;
}

/** The track keeps the booking it made or gave back, for `#TRACK undo`. */
function bookingChanged(
  cmd: TrackCommand,
  by: Change | undefined,
  booking: BookingChange,
): Effects {
  return by
    ? { send: [{ track: cmd.track, event: { type: 'booking.changed', by, booking } }] }
    : {};
}

function withBooking(ctx: EventDayContext, room: string, slot: string, track: string) {
  return withMapEntry(
    ctx.schedule,
    room,
    withMapEntry(ctx.schedule.get(room) ?? new Map<string, string>(), slot, track),
  );
}
