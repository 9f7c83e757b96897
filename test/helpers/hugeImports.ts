/**
 * Event data far past every limit, as an attacker or a broken export would give it, in the
 * original bot's database shape: `tracks` tracks (each with a topic and 25 next topics),
 * `checkins` check-ins, `subscriptions` subscriptions with costly patterns, `banners` banners.
 */
export function hugeDatabase(size: {
  tracks?: number;
  checkins?: number;
  subscriptions?: number;
  banners?: number;
}): Record<string, unknown> {
  const tracks = Array.from({ length: size.tracks ?? 0 }, (_, i) => `t${i}`);
  return {
    tracks,
    now: Object.fromEntries(tracks.map((t) => [t, `topic of ${t}`])),
    next: Object.fromEntries(tracks.map((t) => [t, Array.from({ length: 25 }, (_, j) => `n${j}`)])),
    location: {},
    last_check_in: Object.fromEntries(
      Array.from({ length: size.checkins ?? 0 }, (_, i) => [
        `nick${i}`,
        { nick: `nick${i}`, location: 'hall', in: '2026-11-23 09:00:00', out: null },
      ]),
    ),
    subscriptions: Object.fromEntries(
      Array.from({ length: size.subscriptions ?? 0 }, (_, i) => [
        `sub${i}`,
        `(a|b|c|d)${'[\\x{ff}-\\x{10ffff}]'.repeat(9)}${i}`,
      ]),
    ),
    motd: Array.from({ length: size.banners ?? 0 }, (_, i) => ({
      level: 'info',
      message: `banner ${i}`,
    })),
  };
}
