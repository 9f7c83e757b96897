import { limitsOf } from '../limits.js';
import type { CheckIn, LocalTime } from '../model.js';
import { withMapEntry, withoutMapEntry } from '../record.js';
import { normaliseTrackName } from '../trackName.js';
import { type EventDayContext, nickKey } from './context.js';
import { changed, combine, type Effects, replyTo } from './effects.js';
import type { PresenceEvent, UserCommand } from './events.js';
import { hasTrack } from './trackRoster.js';

/** The handling of attendee commands: check-in, seen, subscriptions. */
export function handleUserCommand(ctx: EventDayContext, cmd: UserCommand): Effects {
  const reply = (text: string) => replyTo(cmd.requestId, text);
  const me = nickKey(ctx, cmd.nick);
  switch (cmd.type) {
    case 'user.in': {
      const location = resolveLocation(ctx, cmd.location);
      if (!location.ok) return reply(location.problem);
      const checkin: CheckIn = {
        nick: cmd.nick,
        location: location.text,
        in: cmd.at.iso,
        out: null,
      };
      return combine(
        { context: { checkins: withCheckIn(ctx, me, checkin) } },
        reply(`OK, checked in at ${location.text}`),
        changed,
      );
    }
    case 'user.out': {
      const current = ctx.checkins.get(me);
      if (!current || current.out !== null) return reply('You are not checked in anywhere');
      return combine(
        {
          context: {
            checkins: withMapEntry(ctx.checkins, me, { ...current, out: cmd.at.iso }),
          },
        },
        reply(`OK, checked out of ${current.location}`),
        changed,
      );
    }
    case 'user.seen': {
      const found = ctx.checkins.get(nickKey(ctx, cmd.who));
      if (!found) return reply(`${cmd.who} never checked in`);
      return found.out === null
        ? reply(`${found.nick} checked in at ${found.location} ${when(found.in, cmd.at)}`)
        : reply(`${found.nick} checked out of ${found.location} ${when(found.out, cmd.at)}`);
    }
    case 'user.subscribe': {
      const max = limitsOf(ctx).subscriptions;
      if (!ctx.subscriptions.has(me) && ctx.subscriptions.size >= max)
        return reply(`Sorry, the bot already has ${max} subscribers, its limit`);
      return combine(
        {
          context: {
            subscriptions: withMapEntry(ctx.subscriptions, me, {
              nick: cmd.nick,
              pattern: cmd.pattern,
            }),
          },
        },
        reply(`OK, you will be told privately of every now/next line matching '${cmd.pattern}'`),
        changed,
      );
    }
    case 'user.subscription': {
      const sub = ctx.subscriptions.get(me);
      return reply(
        sub
          ? `You are subscribed to '${sub.pattern}'`
          : 'You have no subscription; to get one: subscribe REGEX',
      );
    }
    case 'user.unsubscribe': {
      if (!ctx.subscriptions.has(me)) return reply('You have no subscription');
      return combine(
        { context: { subscriptions: withoutMapEntry(ctx.subscriptions, me) } },
        reply('OK, subscription cancelled'),
        changed,
      );
    }
  }
}

/**
 * Someone left the channel or changed nick: a subscription follows its nick, and ends
 * when its nick leaves, so that nobody absent is ever sent notifications.
 */
export function handlePresence(ctx: EventDayContext, event: PresenceEvent): Effects {
  const from = nickKey(ctx, event.nick);
  const sub = ctx.subscriptions.get(from);
  if (!sub) return {};
  const rest = withoutMapEntry(ctx.subscriptions, from);
  if (event.type === 'presence.left') return combine({ context: { subscriptions: rest } }, changed);
  return combine(
    {
      context: {
        subscriptions: withMapEntry(rest, nickKey(ctx, event.to), { ...sub, nick: event.to }),
      },
    },
    changed,
  );
}

/** Check-ins with this one added; past the limit the oldest checked-out ones go first. */
function withCheckIn(
  ctx: EventDayContext,
  me: string,
  checkin: CheckIn,
): ReadonlyMap<string, CheckIn> {
  const all = withMapEntry(ctx.checkins, me, checkin);
  const excess = all.size - limitsOf(ctx).checkins;
  if (excess <= 0) return all;
  const oldestFirst = [...all]
    .filter(([key]) => key !== me)
    .sort(([, x], [, y]) => {
      if ((x.out === null) !== (y.out === null)) return x.out === null ? 1 : -1;
      return (x.out ?? x.in) < (y.out ?? y.in) ? -1 : 1;
    });
  for (const [key] of oldestFirst.slice(0, excess)) all.delete(key);
  return all;
}

type Resolved = { ok: true; text: string } | { ok: false; problem: string };

/** A known track (with or without `#`) becomes `#track`; an unknown `#name` is refused. */
function resolveLocation(ctx: EventDayContext, raw: string): Resolved {
  const text = raw.trim();
  const asTrack = normaliseTrackName(text);
  if (hasTrack(ctx, asTrack)) return { ok: true, text: `#${asTrack}` };
  if (text.startsWith('#')) return { ok: false, problem: `Unknown track '${asTrack}'` };
  return { ok: true, text };
}

/** `at 10:32 today`, or `at 10:32 on 2026-11-23`, read from ISO local times. */
function when(iso: string, now: LocalTime): string {
  const date = iso.slice(0, 10);
  const time = iso.slice(11, 16);
  return date === now.date ? `at ${time} today` : `at ${time} on ${date}`;
}
