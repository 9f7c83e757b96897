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

const NATURAL = new Intl.Collator('en', { numeric: true });

/** The order tracks are listed in: numbers by value, so team-2 comes before team-10. */
export function byTrackName(a: string, b: string): number {
  return NATURAL.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}
