import { handleAdminCommand } from './adminCommands.js';
import { handleClockTick } from './clockTick.js';
import type { EventDayContext } from './context.js';
import { takeCasemapping } from './personKeys.js';
import { changed, combine, type Effects } from './effects.js';
import type { AnsweredLine, EventDayEvent, SettingsEvent } from './events.js';
import { handleTrackCommand } from './trackCommands.js';
import type { ReadTrack, Rules } from './decisionInputs.js';
import { handlePresence, handleUserCommand } from './userCommands.js';

/**
 * Every event type to the family that decides it: the compiler checks that each type
 * is routed, and to a handler that takes it. An unrouted type does not compile.
 */
export function decide(
  ctx: EventDayContext,
  event: EventDayEvent,
  readTrack: ReadTrack,
  rules: Rules,
): Effects {
  switch (event.type) {
    case 'track.now':
    case 'track.next':
    case 'track.clean':
    case 'track.location':
    case 'track.set':
    case 'track.book':
    case 'track.unbook':
    case 'track.undo':
      return handleTrackCommand(ctx, event, readTrack, rules);
    case 'admin.list':
    case 'admin.add':
    case 'admin.del':
    case 'admin.clean':
    case 'admin.newday':
    case 'admin.emptydb':
    case 'admin.import':
    case 'admin.motd.add':
    case 'admin.motd.del':
    case 'admin.motd.reorder':
    case 'admin.motd.clean':
    case 'admin.motd.list':
    case 'admin.voice.require':
    case 'admin.voice.allowEveryone':
    case 'admin.undo':
    case 'admin.fetch':
      return handleAdminCommand(ctx, event, readTrack, rules);
    case 'user.in':
    case 'user.out':
    case 'user.seen':
    case 'user.subscribe':
    case 'user.subscription':
    case 'user.unsubscribe':
      return handleUserCommand(ctx, event);
    case 'presence.left':
    case 'presence.renamed':
      return handlePresence(ctx, event);
    case 'clock.tick':
      return handleClockTick(ctx, event);
    case 'settings.casemapping':
      return takeCasemapping(ctx, event.casemapping);
    case 'track.unclear':
    case 'admin.unclear':
    case 'user.unclear':
    case 'user.help':
      return answer(event);
    case 'settings.config':
      return takeConfig(ctx, event);
    case 'voice.set':
    case 'day.check':
    case 'day.replan':
    case 'confirmation.asked':
      return {};
    default:
      return unrouted(event);
  }
}

/**
 * The config's limits and policy, given at every start. A change is journaled like any
 * other, so the commands after it are replayed under the settings they were decided by.
 */
function takeConfig(
  ctx: EventDayContext,
  event: SettingsEvent & { type: 'settings.config' },
): Effects {
  const { limits, identifiedOnly } = event;
  const same =
    JSON.stringify(ctx.settings.limits) === JSON.stringify(limits) &&
    (ctx.settings.identifiedOnly ?? false) === identifiedOnly;
  return same
    ? {}
    : combine({ context: { settings: { ...ctx.settings, limits, identifiedOnly } } }, changed);
}

/** A line that gets an answer and changes nothing (its sender passed the guards). */
function answer(line: AnsweredLine): Effects {
  const privately = 'privately' in line && line.privately ? { privately: true } : {};
  return { emit: [{ type: 'reply', requestId: line.requestId, text: line.text, ...privately }] };
}

function unrouted(event: never): never {
  throw new Error(`no decision for ${(event as { type: string }).type}`);
}
