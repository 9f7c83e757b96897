import { limitsOf } from '../limits.js';
import type { EventData } from '../eventData.js';
import { trackNameProblem } from '../trackName.js';
import { type EventDayContext, emptyEventData } from './context.js';
import type { Rules } from './decisionInputs.js';
import { changed, combine, type Effects, replyTo } from './effects.js';
import type { AdminCommand } from './events.js';
import { exportEventData, importEventData } from './importData.js';
import { clearTheDay } from './newDay.js';
import type { ReadTrack } from './decisionInputs.js';
import { addTracks, hasTrack } from './trackRoster.js';
import { changeBy } from './trackCommands.js';

/** The request id of the import a first start begins with. */
export const STARTUP = 'startup';

/** How long an op has to confirm a destructive command. */
const CONFIRM_WITHIN_MS = 60_000;

const list = (tracks: string[]) => tracks.map((t) => `#${t}`).join(', ');
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The handling of `~COMMAND ...` lines (ops only; the caller checked that). */
export function handleAdminCommand(
  ctx: EventDayContext,
  cmd: AdminCommand,
  readTrack: ReadTrack,
  rules: Rules,
): Effects {
  const reply = (text: string) => replyTo(cmd.requestId, text);
  /** A change an op can take back with ~undo: the state before it is kept. */
  const undoable = (what: string, effects: Effects, confirmation: string): Effects =>
    combine(
      {
        context: { undo: { what, before: exportEventData(ctx, readTrack, rules.voiceRequired) } },
      },
      effects,
      reply(confirmation),
      changed,
    );

  // A destructive command is asked about first; the chart's `administration` region waits
  // for the same op's `confirm`, and says so in `rules.confirmed`.
  const warning = destructiveWarning(ctx, cmd, readTrack, rules);
  const confirming = 'confirmed' in cmd && cmd.confirmed === true;
  if (warning !== null && confirming && !rules.confirmed) return reply(nothingToConfirm(cmd));
  if (warning !== null && !confirming) {
    return combine(
      {
        ask: {
          key: confirmationKey(cmd),
          nick: cmd.nick,
          expires: new Date(Date.parse(cmd.at.iso) + CONFIRM_WITHIN_MS).toISOString(),
        },
      },
      reply(`${warning}. To go ahead, say ${confirmWords(cmd)} within a minute`),
    );
  }

  switch (cmd.type) {
    case 'admin.list':
      return reply(ctx.tracks.length === 0 ? 'No tracks yet' : `Tracks: ${ctx.tracks.join(', ')}`);
    case 'admin.add': {
      const problems = cmd.tracks.flatMap((t) => trackNameProblem(t) ?? []);
      if (problems.length > 0) return reply(`${problems.join('; ')}; nothing was added`);
      const fresh = [...new Set(cmd.tracks.filter((t) => !hasTrack(ctx, t)))];
      const there = [...new Set(cmd.tracks.filter((t) => hasTrack(ctx, t)))];
      if (fresh.length === 0) return reply(`Already there: ${list(there)}`);
      const max = limitsOf(ctx).tracks;
      if (ctx.tracks.length + fresh.length > max)
        return reply(`Sorry, at most ${max} tracks; there are ${ctx.tracks.length}`);
      const already = there.length > 0 ? `; already there: ${list(there)}` : '';
      return undoable(
        `~add ${fresh.join(' ')}`,
        addTracks(ctx, fresh),
        `Added ${list(fresh)}${already}`,
      );
    }
    case 'admin.del': {
      const unknown = unknownTracks(ctx, cmd.tracks);
      if (unknown) return reply(unknown);
      return undoable(
        `~del ${cmd.tracks.join(' ')}`,
        {
          stop: cmd.tracks,
          context: { tracks: ctx.tracks.filter((t) => !cmd.tracks.includes(t)) },
        },
        `Removed ${list(cmd.tracks)}; ${plural(ctx.tracks.length - cmd.tracks.length, 'track')} left`,
      );
    }
    case 'admin.clean': {
      const unknown = unknownTracks(ctx, cmd.tracks);
      if (unknown) return reply(unknown);
      return undoable(
        `~clean ${cmd.tracks.join(' ')}`,
        {
          send: cmd.tracks.map((track) => ({
            track,
            event: {
              type: 'topics.clean',
              by: changeBy(cmd.nick, `~clean ${cmd.tracks.join(' ')}`, readTrack(track)),
            } as const,
          })),
        },
        `Cleared the topics of ${list(cmd.tracks)}`,
      );
    }
    case 'admin.newday':
      return undoable(
        '~newday',
        clearTheDay(ctx, cmd.at.date),
        'New day started: topics, locations and check-ins were cleared',
      );
    case 'admin.emptydb':
      return undoable(
        '~emptydb',
        { stop: ctx.tracks, context: { ...emptyEventData(), currentSlot: null }, voice: false },
        'The event was emptied (~undo brings it back)',
      );
    case 'admin.import': {
      const imported = importEventData(ctx, cmd.data);
      // The data a first start begins with is no change an op could take back.
      if (cmd.requestId === STARTUP) return combine(imported, changed);
      // What the import left out (past a limit, kept apart) is said to the op too.
      const notes = [
        ...(cmd.skipped ? [`skipped ${cmd.skipped}`] : []),
        ...(imported.emit ?? []).flatMap((e) => (e.type === 'log' ? [e.text] : [])),
      ];
      return undoable(
        `~fetchdb ${cmd.source}`,
        imported,
        `Loaded event data from ${cmd.source}: ${summary(cmd.data)}${notes.map((n) => `; ${n}`).join('')}`,
      );
    }
    case 'admin.undo': {
      if (!ctx.undo) return reply('Nothing to undo');
      const { what, before } = ctx.undo;
      return combine(
        importEventData(ctx, before, { exact: true }),
        { context: { undo: null } },
        reply(`Undid ${what}`),
        changed,
      );
    }
    case 'admin.motd.add': {
      const max = limitsOf(ctx).banners;
      if (ctx.motd.length >= max) return reply(`Sorry, at most ${max} banners: remove one first`);
      return undoable(
        '~motd add',
        { context: { motd: [...ctx.motd, { level: cmd.level, message: cmd.message }] } },
        `Banner ${ctx.motd.length + 1} added`,
      );
    }
    case 'admin.motd.del': {
      const problem = bannerIndexProblem(ctx, [cmd.index]);
      if (problem) return reply(problem);
      return undoable(
        `~motd del ${cmd.index}`,
        { context: { motd: ctx.motd.filter((_, i) => i !== cmd.index - 1) } },
        `Banner ${cmd.index} removed; ${ctx.motd.length - 1} left`,
      );
    }
    case 'admin.motd.reorder': {
      const problem = bannerIndexProblem(ctx, cmd.order);
      if (problem) return reply(problem);
      if (new Set(cmd.order).size !== cmd.order.length)
        return reply('Name each banner at most once');
      const motd = cmd.order.map((n) => ctx.motd[n - 1]).filter((b) => b !== undefined);
      return undoable(
        `~motd reorder ${cmd.order.join(' ')}`,
        { context: { motd } },
        `Banners reordered; ${plural(motd.length, 'banner')} shown`,
      );
    }
    case 'admin.motd.clean':
      if (ctx.motd.length === 0) return reply('There are no banners');
      return undoable('~motd clean', { context: { motd: [] } }, 'Banners cleared');
    case 'admin.motd.list':
      return reply(
        ctx.motd.length === 0
          ? 'There are no banners'
          : ctx.motd.map((b, i) => `${i + 1} [${b.level}] ${b.message}`).join(' | '),
      );
    case 'admin.voice.require':
      // The statechart's `voice` region holds the policy; its transition changes it.
      return undoable(
        '~requirevoice',
        { voice: true },
        'Voice is now required for track commands (voiced users and ops only)',
      );
    case 'admin.voice.allowEveryone':
      return undoable('~alloweveryone', { voice: false }, 'Everyone may now use track commands');
    case 'admin.fetch':
      return { emit: [{ type: 'fetch', requestId: cmd.requestId }] };
  }
}

/** What a confirmation must match: the command, and for some its parameters. */
export function confirmationKey(cmd: AdminCommand): string {
  switch (cmd.type) {
    case 'admin.del':
      return `${cmd.type} ${cmd.tracks.join(' ')}`;
    case 'admin.import':
      return `${cmd.type} ${cmd.source}`;
    default:
      return cmd.type;
  }
}

/** What to say when a `confirm` has nothing waiting for it. */
export function nothingToConfirm(cmd: AdminCommand): string {
  return `Nothing to confirm: say ${confirmWords(cmd).replace(/ confirm$/, '')} first`;
}

/** Why the command needs a confirmation (what it would lose), or null when it does not. */
function destructiveWarning(
  ctx: EventDayContext,
  cmd: AdminCommand,
  readTrack: ReadTrack,
  rules: Rules,
): string | null {
  const withTopic = (tracks: string[]) => tracks.filter((t) => readTrack(t)?.now);
  switch (cmd.type) {
    case 'admin.emptydb': {
      const counts = {
        rooms: ctx.schedule.size,
        links: ctx.links.size,
        checkins: ctx.checkins.size,
        subscriptions: ctx.subscriptions.size,
      };
      if (ctx.tracks.length + ctx.motd.length + Object.values(counts).reduce((a, b) => a + b) === 0)
        return null;
      return `~emptydb would remove ${plural(ctx.tracks.length, 'track')} (${plural(withTopic(ctx.tracks).length, 'topic')} now), the schedule of ${plural(counts.rooms, 'room')}, ${plural(ctx.motd.length, 'banner')}, ${plural(counts.links, 'link')}, ${plural(counts.checkins, 'check-in')} and ${plural(counts.subscriptions, 'subscription')}`;
    }
    case 'admin.newday': {
      const live = withTopic(ctx.tracks);
      if (!rules.inSlot || live.length === 0) return null;
      return `A session is on: ~newday would clear the topics of ${list(live)}`;
    }
    case 'admin.del': {
      const live = withTopic(cmd.tracks.filter((t) => hasTrack(ctx, t)));
      return live.length === 0
        ? null
        : `${list(live)} ${live.length === 1 ? 'has' : 'have'} a topic now`;
    }
    case 'admin.import': {
      if (cmd.requestId === STARTUP) return null;
      const live = withTopic(ctx.tracks);
      const people = [...ctx.checkins.values()].filter((c) => c.out === null).length;
      if (live.length === 0 && people === 0) return null;
      return `The event is live (${plural(live.length, 'topic')}, ${plural(people, 'person', 'people')} checked in): loading ${cmd.source} replaces what it holds`;
    }
    default:
      return null;
  }
}

function confirmWords(cmd: AdminCommand): string {
  switch (cmd.type) {
    case 'admin.del':
      return `~del ${cmd.tracks.join(' ')} confirm`;
    case 'admin.import':
      return `~fetchdb ${cmd.source} confirm`;
    case 'admin.newday':
      return '~newday confirm';
    default:
      return '~emptydb confirm';
  }
}

function unknownTracks(ctx: EventDayContext, tracks: string[]): string | null {
  const unknown = tracks.filter((t) => !hasTrack(ctx, t));
  if (unknown.length === 0) return null;
  return unknown.length === 1
    ? `Unknown track '${unknown[0]}'`
    : `Unknown tracks: ${unknown.map((t) => `'${t}'`).join(', ')}`;
}

function bannerIndexProblem(ctx: EventDayContext, numbers: number[]): string | null {
  if (ctx.motd.length === 0) return 'There are no banners';
  const bad = numbers.find((n) => !Number.isInteger(n) || n < 1 || n > ctx.motd.length);
  if (bad === undefined) return null;
  return `No banner ${bad}: banners are numbered 1 to ${ctx.motd.length} (~motd list shows them)`;
}

function summary(data: EventData): string {
  const keys = Object.keys(data);
  if (keys.length === 0) return 'nothing to change';
  return `replaced ${keys.sort().join(', ')}`;
}
