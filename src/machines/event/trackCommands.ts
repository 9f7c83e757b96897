import { limitsOf } from '../limits.js';
import { hasKeys, own, withEntry } from '../record.js';
import { dayOfSlot, lookUpRoomSlot, roomsForTrackOn } from '../schedule.js';
import { slotIsOver } from '../slotTimes.js';
import { matchingPatterns } from '../subscriptionPattern.js';
import type { TrackEvent } from '../track/events.js';
import { type EventDayContext, nickKey } from './context.js';
import { isKeptApart } from '../nick.js';
import type { ReadTrack, Rules } from './decisionInputs.js';
import { changed, combine, type Effects, replyTo } from './effects.js';
import { hasTrack } from './trackRoster.js';
import type { EventEmitted, TrackCommand } from './events.js';

/** Reads a track's own fields (its child actor's context). */
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

  switch (cmd.type) {
    case 'track.now': {
      const rooms = roomsForTrackOn(ctx.slots, ctx.schedule, cmd.track, cmd.at);
      const where = fields?.location ?? rooms[0] ?? null;
      return combine(
        toTrack({ type: 'topic.now', topic: cmd.topic, room: rooms[0] ?? null }),
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
        toTrack({ type: 'topic.next', topic: cmd.topic }),
        unscheduledWarning(ctx, cmd, rooms, rules),
        notifySubscribers(ctx, cmd, 'next', cmd.topic, where),
      );
    }
    case 'track.clean':
      return toTrack({ type: 'topics.clean' });
    case 'track.color':
      return toTrack({ type: 'color.set', color: cmd.color });
    case 'track.location':
      return toTrack({ type: 'location.set', location: cmd.location });
    case 'track.url':
      return toTrack({ type: 'url.set', url: cmd.url });
    case 'track.etherpad':
      return toTrack({ type: 'etherpad.set', url: cmd.url });
    case 'track.book':
      return book(ctx, cmd);
    case 'track.unbook':
      return unbook(ctx, cmd);
  }
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
  const warned = ctx.warnedUnscheduled ?? {};
  if (own(warned, cmd.track) === cmd.at.date) return {};
  return combine(
    { context: { warnedUnscheduled: withEntry(warned, cmd.track, cmd.at.date) } },
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
  if (!hasKeys(ctx.subscriptions)) return {};
  const line = `#${cmd.track} ${adverb} ${topic}`;
  const sender = nickKey(ctx, cmd.nick);
  // One kept apart (its nick became another's under this server's casemapping) is not told.
  const subscribers = Object.entries(ctx.subscriptions).filter(
    ([key]) => key !== sender && !isKeptApart(key),
  );
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

function book(ctx: EventDayContext, cmd: TrackCommand & { type: 'track.book' }): Effects {
  const found = lookUpRoomSlot(ctx.schedule, cmd.code);
  if (!found.ok) return replyTo(cmd.requestId, found.problem);
  const { room, slot } = found;
  const holder = own(own(ctx.schedule, room), slot);
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
    replyTo(cmd.requestId, `Booked ${room} (${slotLabel(ctx, slot)}) for ${cmd.track}`),
    changed,
  );
}

function unbook(ctx: EventDayContext, cmd: TrackCommand & { type: 'track.unbook' }): Effects {
  const found = lookUpRoomSlot(ctx.schedule, cmd.code);
  if (!found.ok) return replyTo(cmd.requestId, found.problem);
  const { room, slot } = found;
  if (own(own(ctx.schedule, room), slot) !== cmd.track) {
    return replyTo(cmd.requestId, `${room}-${slot} is not booked by ${cmd.track}`);
  }
  return combine(
    { context: { schedule: withBooking(ctx, room, slot, '') } },
    replyTo(cmd.requestId, `Freed ${room} (${slotLabel(ctx, slot)}); it is bookable again`),
    changed,
  );
}

function withBooking(ctx: EventDayContext, room: string, slot: string, track: string) {
  return withEntry(ctx.schedule, room, withEntry(own(ctx.schedule, room) ?? {}, slot, track));
}
