import { currentSlotAt } from '../schedule.js';
import { startNewDay } from './adminCommands.js';
import type { EventDayContext } from './context.js';
import { changed, combine, type Effects } from './effects.js';
import type { ClockTick } from './events.js';

/** The time moved on: follow the current slot, and start a new day when it is due. */
export function handleClockTick(ctx: EventDayContext, tick: ClockTick): Effects {
  const currentSlot = currentSlotAt(ctx.slots, tick.at);
  const slotMoved: Effects =
    currentSlot === ctx.currentSlot ? {} : combine({ context: { currentSlot } }, changed);
  const base = combine({ context: { clock: tick.at } }, slotMoved);

  if (ctx.newdayAt === null) return base;
  if (ctx.lastNewday === null) {
    // First tick ever: today's state is what it is; the next day is the first to reset.
    return combine(base, { context: { lastNewday: tick.at.date } }, changed);
  }
  if (tick.at.date > ctx.lastNewday && tick.at.time >= ctx.newdayAt) {
    return combine(base, startNewDay(ctx, tick.at.date), {
      emit: [
        {
          type: 'announce',
          text: `Good morning! A new day (${tick.at.weekday}) has started: topics, locations and check-ins were cleared`,
        },
      ],
    });
  }
  return base;
}
