import { dayOfSlot, lookUpRoomSlot, roomsForTrackOn } from '../schedule.js';
import { patternMatches } from '../subscriptionPattern.js';
import type { TrackEvent } from '../track/events.js';
import type { EventDayContext } from './context.js';
import { changed, combine, type Effects, replyTo } from './effects.js';
import type { EventEmitted, TrackCommand } from './events.js';

/** The handling of `#TRACK COMMAND ...` lines. */
export function handleTrackCommand(ctx: EventDayContext, cmd: TrackCommand): Effects {
  if (!ctx.tracks.includes(cmd.track))
    return replyTo(cmd.requestId, `Unknown track '${cmd.track}'`);
  const toTrack = (event: TrackEvent): Effects =>
    combine({ send: [{ track: cmd.track, event }] }, changed);

  switch (cmd.type) {
    case 'track.now': {
      const rooms = roomsForTrackOn(ctx.slots, ctx.schedule, cmd.track, cmd.at);
      return combine(
        toTrack({ type: 'topic.now', topic: cmd.topic, room: rooms[0] ?? null }),
        notScheduledWarning(ctx, cmd, rooms),
        notifySubscribers(ctx, cmd, `#${cmd.track} now ${cmd.topic}`),
      );
    }
    case 'track.next': {
      const rooms = roomsForTrackOn(ctx.slots, ctx.schedule, cmd.track, cmd.at);
      return combine(
        toTrack({ type: 'topic.next', topic: cmd.topic }),
        notScheduledWarning(ctx, cmd, rooms),
        notifySubscribers(ctx, cmd, `#${cmd.track} next ${cmd.topic}`),
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

function notScheduledWarning(ctx: EventDayContext, cmd: TrackCommand, rooms: string[]): Effects {
  // An event without a timetable schedules nobody: warning every line would be noise.
  if (rooms.length > 0 || Object.keys(ctx.slots).length === 0) return {};
  return replyTo(
    cmd.requestId,
    `Warning: '${cmd.track}' is not scheduled today (${cmd.at.weekday}); the topic was set anyway`,
  );
}

function notifySubscribers(ctx: EventDayContext, cmd: TrackCommand, line: string): Effects {
  const sender = cmd.nick.toLowerCase();
  const emit: EventEmitted[] = [];
  for (const [nick, sub] of Object.entries(ctx.subscriptions)) {
    if (nick !== sender && patternMatches(sub.pattern, line)) {
      emit.push({ type: 'notify', requestId: cmd.requestId, nick: sub.nick, text: line });
    }
  }
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
  const holder = ctx.schedule[room]?.[slot];
  if (holder === cmd.track) {
    return replyTo(cmd.requestId, `${room}-${slot} is already booked for ${cmd.track}`);
  }
  if (holder !== '') {
    return replyTo(cmd.requestId, `${room}-${slot} is not bookable: it is taken by ${holder}`);
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
  if (ctx.schedule[room]?.[slot] !== cmd.track) {
    return replyTo(cmd.requestId, `${room}-${slot} is not booked by ${cmd.track}`);
  }
  return combine(
    { context: { schedule: withBooking(ctx, room, slot, '') } },
    replyTo(cmd.requestId, `Freed ${room} (${slotLabel(ctx, slot)}); it is bookable again`),
    changed,
  );
}

function withBooking(ctx: EventDayContext, room: string, slot: string, track: string) {
  return { ...ctx.schedule, [room]: { ...ctx.schedule[room], [slot]: track } };
}
