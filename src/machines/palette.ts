/**
 * Badge colours for tracks that have none. White text must stay readable on each,
 * so all are dark enough for a contrast ratio of at least 4.5:1 against white.
 */
export const PALETTE = [
  '#1f6feb',
  '#b31d28',
  '#1a7f37',
  '#8250df',
  '#9a6700',
  '#0b7285',
  '#c2255c',
  '#5f3dc4',
  '#237032',
  '#c03b0b',
  '#364fc7',
  '#a61e4d',
  '#087f5b',
  '#862e9c',
  '#495057',
  '#1864ab',
] as const;

/** A stable colour for a track: the same name always gets the same colour. */
export function defaultColor(track: string): string {
  let hash = 2166136261;
  for (const ch of track) {
    hash ^= ch.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 16777619);
  }
  return PALETTE[(hash >>> 0) % PALETTE.length] as string;
}
