/** Words that look like tracks in the channel but are user commands. */
export const USER_COMMAND_WORDS = [
  'in',
  'out',
  'seen',
  'subscribe',
  'unsubscribe',
  'help',
] as const;

const TRACK_NAME = /^[a-z0-9][a-z0-9_.-]{0,39}$/;

export function normaliseTrackName(name: string): string {
  return name.replace(/^#/, '').toLowerCase();
}

/** Why a (normalised) track name cannot be used, or null when it can. */
export function trackNameProblem(name: string): string | null {
  if (!TRACK_NAME.test(name)) {
    return `Invalid track name '${name}': use letters, digits, '-', '_' or '.', at most 40`;
  }
  if ((USER_COMMAND_WORDS as readonly string[]).includes(name)) {
    return `'${name}' is a command word and cannot be a track name`;
  }
  return null;
}

const RUNS = /\d+|\D+/g;
const isDigits = (run: string) => run.charCodeAt(0) >= 48 && run.charCodeAt(0) <= 57;

/** Two runs of digits by the numbers they write (any length; leading zeros aside). */
function byNumber(a: string, b: string): number {
  const x = a.replace(/^0+(?=\d)/, '');
  const y = b.replace(/^0+(?=\d)/, '');
  return x.length - y.length || (x < y ? -1 : x > y ? 1 : 0);
}

/**
 * The order tracks are listed in: runs of digits by value, so team-2 comes before
 * team-10; the rest as written. (Not Intl.Collator: it loads collation data for this.)
 */
export function byTrackName(a: string, b: string): number {
  const ra = a.match(RUNS) ?? [];
  const rb = b.match(RUNS) ?? [];
  for (let i = 0; i < ra.length && i < rb.length; i++) {
    const [x, y] = [ra[i] as string, rb[i] as string];
    if (x === y) continue;
    const order = isDigits(x) && isDigits(y) ? byNumber(x, y) : 0;
    if (order !== 0) return order;
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return ra.length - rb.length || (a < b ? -1 : a > b ? 1 : 0);
}
