/**
 * How much of the state the channel may fill. A real event never meets these; a hostile
 * channel does, and then gets a clear reply instead of a bot that slows to a crawl.
 */
export interface Limits {
  /** Next topics queued per track. */
  nextPerTrack: number;
  /** Check-ins kept; at the limit the oldest checked-out ones go first. */
  checkins: number;
  subscriptions: number;
  tracks: number;
  banners: number;
}

export const DEFAULT_LIMITS: Limits = {
  nextPerTrack: 20,
  checkins: 5000,
  subscriptions: 2000,
  tracks: 500,
  banners: 20,
};

export const limitsOf = (ctx: { settings: { limits: Partial<Limits> } }): Limits => ({
  ...DEFAULT_LIMITS,
  ...ctx.settings.limits,
});
