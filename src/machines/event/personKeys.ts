import type { CheckIn, Subscription } from '../model.js';
import { type Casemapping, keyByNick } from '../nick.js';
import type { EventDayContext } from './context.js';
import { changed, combine, type Effects } from './effects.js';

/**
 * Check-ins and subscriptions keyed by their nicks folded under `casemapping`: what comes
 * in from imports, the original's database (keyed by Python's `lower()`), or a snapshot
 * made on another network. Two people are never merged: a record whose key another
 * person's record holds is kept apart, and said in the log.
 */
export function keyedByPerson(
  data: {
    checkins?: ReadonlyMap<string, CheckIn>;
    subscriptions?: ReadonlyMap<string, Subscription>;
  },
  casemapping: Casemapping,
): Effects {
  const context: Partial<EventDayContext> = {};
  const apart: string[] = [];
  if (data.checkins) {
    const keyed = keyByNick(data.checkins, casemapping);
    context.checkins = keyed.records;
    apart.push(...keyed.keptApart.map((nick) => `the check-in of ${nick}`));
  }
  if (data.subscriptions) {
    const keyed = keyByNick(data.subscriptions, casemapping);
    context.subscriptions = keyed.records;
    apart.push(...keyed.keptApart.map((nick) => `the subscription of ${nick}`));
  }
  const said =
    apart.length === 0
      ? {}
      : {
          emit: [
            {
              type: 'log' as const,
              text: `${apart.join(', ')}: kept apart, another nick is the same person under the server's casemapping (${casemapping})`,
            },
          ],
        };
  return combine({ context }, said);
}

/** The server told how it compares nicks: people's records follow. */
export function takeCasemapping(ctx: EventDayContext, casemapping: Casemapping): Effects {
  if ((ctx.settings.casemapping ?? null) === casemapping) return {};
  return combine(
    { context: { settings: { ...ctx.settings, casemapping } } },
    keyedByPerson({ checkins: ctx.checkins, subscriptions: ctx.subscriptions }, casemapping),
    changed,
  );
}
