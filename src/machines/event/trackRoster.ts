import { defaultColor } from '../palette.js';
import type { EventDayContext } from './context.js';
import type { Effects } from './effects.js';

/** Spawns the tracks not yet known, each with its default colour; keeps the list sorted. */
export function addTracks(ctx: EventDayContext, names: string[]): Effects {
  const fresh = [...new Set(names)].filter((name) => !ctx.tracks.includes(name));
  if (fresh.length === 0) return {};
  return {
    spawn: fresh.map((name) => ({ name, color: defaultColor(name) })),
    context: { tracks: [...ctx.tracks, ...fresh].sort() },
  };
}
