import type { LocalTime } from '../model.js';
import type { EventDayContext } from './context.js';
import { changed, combine, type Effects } from './effects.js';

/** Whether the configured start of a new day has come since the last one started. */
export function newDayIsDue(ctx: EventDayContext, at: LocalTime): boolean {
  return (
    ctx.settings.newdayAt !== null &&
    ctx.lastNewday !== null &&
    at.date > ctx.lastNewday &&
    at.time >= ctx.settings.newdayAt
  );
}

/** Topics, locations and check-ins are cleared; the day is remembered as started. */
export function clearTheDay(ctx: EventDayContext, date: string): Effects {
  return combine(
    {
      send: ctx.tracks.map((track) => ({ track, event: { type: 'day.reset' } as const })),
      context: { checkins: new Map(), lastNewday: date, warnedUnscheduled: new Map() },
    },
    changed,
  );
}

/** The new day the clock starts by itself, announced to the channel. */
export function startNewDay(ctx: EventDayContext, at: LocalTime): Effects {
  return combine(clearTheDay(ctx, at.date), {
    emit: [
      {
        type: 'announce',
        text: `Good morning! A new day (${at.weekday}) has started: topics, locations and check-ins were cleared`,
      },
    ],
  });
}
