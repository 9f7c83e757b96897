import { defaultColor } from '../palette.js';
import { byTrackName } from '../trackName.js';
import type { EventDayContext } from './context.js';
import type { Effects } from './effects.js';

const rosters = new WeakMap<readonly string[], ReadonlySet<string>>();

/** Whether the event has this track: a set made once per list of tracks, not a scan per command. */
export function hasTrack(ctx: EventDayContext, name: string): boolean {
  let roster = rosters.get(ctx.tracks);
  if (roster === undefined) {
    roster = new Set(ctx.tracks);
    rosters.set(ctx.tracks, roster);
  }
  return roster.has(name);
}

/** Spawns the tracks not yet known, each with its default colour; keeps the list in track order. */
export function addTracks(ctx: EventDayContext, names: string[]): Effects {
  const fresh = [...new Set(names)].filter((name) => !hasTrack(ctx, name));
  if (fresh.length === 0) return {};
  return {
    spawn: fresh.map((name) => ({ name, color: defaultColor(name) })),
    context: { tracks: [...ctx.tracks, ...fresh].sort(byTrackName) },
  };
}
