import { currentSlotAt } from '../schedule.js';
import type { EventDayContext } from './context.js';
import { changed, combine, type Effects } from './effects.js';
import type { ClockTick } from './events.js';

/**
 * The time moved on: keep the clock and the current slot. The phase of the day and
 * whether a new day is due are the statechart's (guards on the `day` region).
 */
export function handleClockTick(ctx: EventDayContext, tick: ClockTick): Effects {
  const currentSlot = currentSlotAt(ctx.slots, tick.at);
  const slotMoved: Effects =
    currentSlot === ctx.currentSlot ? {} : combine({ context: { currentSlot } }, changed);
  const base = combine({ context: { clock: tick.at } }, slotMoved);
  // First tick ever: today's state is what it is; the next day is the first to reset.
  if (ctx.settings.newdayAt !== null && ctx.lastNewday === null) {
    return combine(base, { context: { lastNewday: tick.at.date } }, changed);
  }
  return base;
}
