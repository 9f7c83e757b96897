import { RE2JS } from 're2js';

/**
 * Subscription patterns run on RE2 (linear time, no backtracking), so no pattern a user
 * sends can stall the bot. Compiled patterns are memoised: many subscribers share few.
 */
const compiled = new Map<string, RE2JS>();
const MAX_CACHED = 10_000;
export const MAX_PATTERN_LENGTH = 200;

function compile(pattern: string): RE2JS {
  let re = compiled.get(pattern);
  if (re === undefined) {
    re = RE2JS.compile(pattern, RE2JS.CASE_INSENSITIVE);
    if (compiled.size >= MAX_CACHED) compiled.clear();
    compiled.set(pattern, re);
  }
  return re;
}

/** Why the pattern cannot be used, or null when it can. */
export function patternProblem(pattern: string): string | null {
  if (pattern.length > MAX_PATTERN_LENGTH) {
    return `Pattern too long (at most ${MAX_PATTERN_LENGTH} characters)`;
  }
  try {
    compile(pattern);
    return null;
  } catch (error) {
    const reason =
      error instanceof Error
        ? error.message.replace(/^error parsing regexp: /, '').replace('(?i)', '')
        : '';
    return `Invalid pattern '${pattern}': ${reason}`;
  }
}

/** Case-insensitive search of the pattern anywhere in the line. */
export function patternMatches(pattern: string, line: string): boolean {
  try {
    return compile(pattern).test(line);
  } catch {
    return false;
  }
}
