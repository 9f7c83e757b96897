import type { Limits } from '../../machines/limits.js';
import type { Config } from './configSchema.js';

/** The config's `limits` (snake_case keys) as the machines' `Limits`. */
export function limitsFromConfig(limits: NonNullable<Config['limits']>): Partial<Limits> {
  const out: Partial<Limits> = {};
  if (limits.next_per_track !== undefined) out.nextPerTrack = limits.next_per_track;
  if (limits.checkins !== undefined) out.checkins = limits.checkins;
  if (limits.subscriptions !== undefined) out.subscriptions = limits.subscriptions;
  if (limits.tracks !== undefined) out.tracks = limits.tracks;
  if (limits.banners !== undefined) out.banners = limits.banners;
  return out;
}
