import { limitsOf } from '../limits.js';
import type { CheckIn, LocalTime } from '../model.js';
import { type Dict, own, withEntry, withoutEntry } from '../record.js';
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
      const current = own(ctx.checkins, me);
      if (!current || current.out !== null) return reply('You are not checked in anywhere');
      return combine(
        {
          context: {
            checkins: withEntry<CheckIn>(ctx.checkins, me, { ...current, out: cmd.at.iso }),
          },
        },
        reply(`OK, checked out of ${current.location}`),
        changed,
      );
    }
    case 'user.seen': {
      const found = own(ctx.checkins, nickKey(ctx, cmd.who));
      if (!found) return reply(`${cmd.who} never checked in`);
      return found.out === null
        ? reply(`${found.nick} checked in at ${found.location} ${when(found.in, cmd.at)}`)
        : reply(`${found.nick} checked out of ${found.location} ${when(found.out, cmd.at)}`);
    }
    case 'user.subscribe': {
      const max = limitsOf(ctx).subscriptions;
      if (own(ctx.subscriptions, me) === undefined && Object.keys(ctx.subscriptions).length >= max)
        return reply(`Sorry, the bot already has ${max} subscribers, its limit`);
      return combine(
        {
          context: {
            subscriptions: withEntry(ctx.subscriptions, me, {
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
      const sub = own(ctx.subscriptions, me);
      return reply(
        sub
          ? `You are subscribed to '${sub.pattern}'`
          : 'You have no subscription; to get one: subscribe REGEX',
      );
    }
    case 'user.unsubscribe': {
      if (!own(ctx.subscriptions, me)) return reply('You have no subscription');
      return combine(
        { context: { subscriptions: withoutEntry(ctx.subscriptions, me) } },
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
  const sub = own(ctx.subscriptions, from);
  if (!sub) return {};
  const rest = withoutEntry(ctx.subscriptions, from);
  if (event.type === 'presence.left') return combine({ context: { subscriptions: rest } }, changed);
  return combine(
    {
      context: {
        subscriptions: withEntry(rest, nickKey(ctx, event.to), { ...sub, nick: event.to }),
      },
    },
    changed,
  );
}

/** Check-ins with this one added; past the limit the oldest checked-out ones go first. */
function withCheckIn(ctx: EventDayContext, me: string, checkin: CheckIn): Dict<CheckIn> {
  const all = withEntry(ctx.checkins, me, checkin);
  const keys = Object.keys(all);
  const excess = keys.length - limitsOf(ctx).checkins;
  if (excess <= 0) return all;
  const oldestFirst = keys
    .filter((key) => key !== me)
    .sort((a, b) => {
      const [x, y] = [all[a] as CheckIn, all[b] as CheckIn];
      if ((x.out === null) !== (y.out === null)) return x.out === null ? 1 : -1;
      return (x.out ?? x.in) < (y.out ?? y.in) ? -1 : 1;
    });
  const dropped = new Set(oldestFirst.slice(0, excess));
  return Object.fromEntries(Object.entries(all).filter(([key]) => !dropped.has(key)));
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
