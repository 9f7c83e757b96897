import type { CheckIn, LocalTime } from '../model.js';
import { normaliseTrackName } from '../trackName.js';
import type { EventDayContext } from './context.js';
import { changed, combine, type Effects, replyTo } from './effects.js';
import type { UserCommand } from './events.js';

/** The handling of attendee commands: check-in, seen, subscriptions. */
export function handleUserCommand(ctx: EventDayContext, cmd: UserCommand): Effects {
  const reply = (text: string) => replyTo(cmd.requestId, text);
  const me = cmd.nick.toLowerCase();
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
        { context: { checkins: { ...ctx.checkins, [me]: checkin } } },
        reply(`OK, checked in at ${location.text}`),
        changed,
      );
    }
    case 'user.out': {
      const current = ctx.checkins[me];
      if (!current || current.out !== null) return reply('You are not checked in anywhere');
      return combine(
        { context: { checkins: { ...ctx.checkins, [me]: { ...current, out: cmd.at.iso } } } },
        reply(`OK, checked out of ${current.location}`),
        changed,
      );
    }
    case 'user.seen': {
      const found = ctx.checkins[cmd.who.toLowerCase()];
      if (!found) return reply(`${cmd.who} never checked in`);
      return found.out === null
        ? reply(`${found.nick} checked in at ${found.location} ${when(found.in, cmd.at)}`)
        : reply(`${found.nick} checked out of ${found.location} ${when(found.out, cmd.at)}`);
    }
    case 'user.subscribe':
      return combine(
        {
          context: {
            subscriptions: { ...ctx.subscriptions, [me]: { nick: cmd.nick, pattern: cmd.pattern } },
          },
        },
        reply(`OK, you will be told privately of every now/next line matching '${cmd.pattern}'`),
        changed,
      );
    case 'user.subscription': {
      const sub = ctx.subscriptions[me];
      return reply(
        sub
          ? `You are subscribed to '${sub.pattern}'`
          : 'You have no subscription; to get one: subscribe REGEX',
      );
    }
    case 'user.unsubscribe': {
      if (!ctx.subscriptions[me]) return reply('You have no subscription');
      const { [me]: _cancelled, ...rest } = ctx.subscriptions;
      return combine(
        { context: { subscriptions: rest } },
        reply('OK, subscription cancelled'),
        changed,
      );
    }
  }
}

type Resolved = { ok: true; text: string } | { ok: false; problem: string };

/** A known track (with or without `#`) becomes `#track`; an unknown `#name` is refused. */
function resolveLocation(ctx: EventDayContext, raw: string): Resolved {
  const text = raw.trim();
  const asTrack = normaliseTrackName(text);
  if (ctx.tracks.includes(asTrack)) return { ok: true, text: `#${asTrack}` };
  if (text.startsWith('#')) return { ok: false, problem: `Unknown track '${asTrack}'` };
  return { ok: true, text };
}

/** `at 10:32 today`, or `at 10:32 on 2026-11-23`, read from ISO local times. */
function when(iso: string, now: LocalTime): string {
  const date = iso.slice(0, 10);
  const time = iso.slice(11, 16);
  return date === now.date ? `at ${time} today` : `at ${time} on ${date}`;
}
