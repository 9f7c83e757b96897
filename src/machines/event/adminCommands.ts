import type { EventImport } from '../model.js';
import { limitsOf } from '../limits.js';
import { trackNameProblem } from '../trackName.js';
import { type EventDayContext, emptyEventData } from './context.js';
import { changed, combine, type Effects, replyTo } from './effects.js';
import type { AdminCommand } from './events.js';
import { importEventData } from './importData.js';
import { addTracks } from './trackRoster.js';

/** The handling of `~COMMAND ...` lines (ops only; the caller checked that). */
export function handleAdminCommand(ctx: EventDayContext, cmd: AdminCommand): Effects {
  const reply = (text: string) => replyTo(cmd.requestId, text);
  switch (cmd.type) {
    case 'admin.list':
      return reply(ctx.tracks.length === 0 ? 'No tracks yet' : `Tracks: ${ctx.tracks.join(', ')}`);
    case 'admin.add': {
      const problem = cmd.tracks.map(trackNameProblem).find((p) => p !== null);
      if (problem) return reply(problem);
      const max = limitsOf(ctx).tracks;
      const fresh = new Set(cmd.tracks.filter((t) => !ctx.tracks.includes(t)));
      if (ctx.tracks.length + fresh.size > max)
        return reply(`Sorry, at most ${max} tracks; there are ${ctx.tracks.length}`);
      return combine(addTracks(ctx, cmd.tracks), changed);
    }
    case 'admin.del': {
      const unknown = unknownTracks(ctx, cmd.tracks);
      if (unknown) return reply(unknown);
      return combine(
        {
          stop: cmd.tracks,
          context: { tracks: ctx.tracks.filter((t) => !cmd.tracks.includes(t)) },
        },
        changed,
      );
    }
    case 'admin.clean': {
      const unknown = unknownTracks(ctx, cmd.tracks);
      if (unknown) return reply(unknown);
      return combine(
        { send: cmd.tracks.map((track) => ({ track, event: { type: 'topics.clean' } as const })) },
        changed,
      );
    }
    case 'admin.newday':
      return startNewDay(ctx, cmd.at.date);
    case 'admin.emptydb':
      return combine(
        { stop: ctx.tracks, context: { ...emptyEventData(), currentSlot: null } },
        changed,
      );
    case 'admin.import':
      return combine(
        importEventData(ctx, cmd.data),
        reply(
          `Loaded event data from ${cmd.source}: ${summary(cmd.data)}${cmd.skipped ? `; skipped ${cmd.skipped}` : ''}`,
        ),
        changed,
      );
    case 'admin.motd.add':
      if (ctx.motd.length >= limitsOf(ctx).banners)
        return reply(`Sorry, at most ${limitsOf(ctx).banners} banners: remove one first`);
      return combine(
        { context: { motd: [...ctx.motd, { level: cmd.level, message: cmd.message }] } },
        changed,
      );
    case 'admin.motd.del': {
      const problem = bannerIndexProblem(ctx, [cmd.index]);
      if (problem) return reply(problem);
      return combine(
        { context: { motd: ctx.motd.filter((_, i) => i !== cmd.index - 1) } },
        changed,
      );
    }
    case 'admin.motd.reorder': {
      const problem = bannerIndexProblem(ctx, cmd.order);
      if (problem) return reply(problem);
      if (new Set(cmd.order).size !== cmd.order.length)
        return reply('Name each banner at most once');
      return combine(
        { context: { motd: cmd.order.map((n) => ctx.motd[n - 1]).filter((b) => b !== undefined) } },
        changed,
      );
    }
    case 'admin.motd.clean':
      return combine({ context: { motd: [] } }, changed);
    case 'admin.voice.require':
    case 'admin.voice.allowEveryone':
      // The machine's state holds the policy; the transition itself changes it.
      return changed;
  }
}

export function startNewDay(ctx: EventDayContext, date: string): Effects {
  return combine(
    {
      send: ctx.tracks.map((track) => ({ track, event: { type: 'day.reset' } as const })),
      context: { checkins: {}, lastNewday: date },
    },
    changed,
  );
}

function unknownTracks(ctx: EventDayContext, tracks: string[]): string | null {
  const unknown = tracks.filter((t) => !ctx.tracks.includes(t));
  if (unknown.length === 0) return null;
  return unknown.length === 1
    ? `Unknown track '${unknown[0]}'`
    : `Unknown tracks: ${unknown.map((t) => `'${t}'`).join(', ')}`;
}

function bannerIndexProblem(ctx: EventDayContext, numbers: number[]): string | null {
  if (ctx.motd.length === 0) return 'There are no banners';
  const bad = numbers.find((n) => !Number.isInteger(n) || n < 1 || n > ctx.motd.length);
  if (bad === undefined) return null;
  return `No banner ${bad}: banners are numbered 1 to ${ctx.motd.length}`;
}

function summary(data: EventImport): string {
  const keys = Object.keys(data);
  if (keys.length === 0) return 'nothing to change';
  return `replaced ${keys.sort().join(', ')}`;
}
