import { RE2JS } from 're2js';

/**
 * Subscription patterns run on RE2 (linear time, no backtracking), and their size is
 * bounded before and after compiling, so no pattern can take the bot's memory or time:
 * matching costs at most program size x line length, and one line's matching against
 * every pattern has a budget in those units.
 */
export const MAX_PATTERN_LENGTH = 200;
/** Instructions in one compiled program: `swift|nova` takes 12, `[a-z]{1,99}x` 200. */
export const MAX_PROGRAM_SIZE = 400;
/** `{n,m}` counts summed over the pattern, checked before compiling. */
const MAX_REPEAT_TOTAL = 200;
/** Compiled programs kept, in instructions (about 100 bytes each). */
const CACHE_BUDGET = 300_000;
/** Units (instructions x characters) one line may spend on all patterns. */
export const MATCH_BUDGET = 4_000_000;

interface Compiled {
  re: RE2JS;
  size: number;
}

const cache = new Map<string, Compiled>();
let cachedSize = 0;

class PatternTooLarge extends Error {}

function repeatTotal(pattern: string): number {
  let total = 0;
  for (const m of pattern.matchAll(/\{(\d{1,6})(?:,(\d{0,6}))?\}/g)) {
    total += Math.max(Number(m[1]), Number(m[2] || 0));
  }
  return total;
}

function compile(pattern: string): Compiled {
  const hit = cache.get(pattern);
  if (hit !== undefined) {
    // Refresh its place: the map's order is the eviction order.
    cache.delete(pattern);
    cache.set(pattern, hit);
    return hit;
  }
  if (repeatTotal(pattern) > MAX_REPEAT_TOTAL) throw new PatternTooLarge();
  const re = RE2JS.compile(pattern, RE2JS.CASE_INSENSITIVE);
  const size = (re as unknown as { re2Input: { prog: { inst: unknown[] } } }).re2Input.prog.inst
    .length;
  if (size > MAX_PROGRAM_SIZE) throw new PatternTooLarge();
  const compiled = { re, size };
  cache.set(pattern, compiled);
  cachedSize += size;
  for (const [key, old] of cache) {
    if (cachedSize <= CACHE_BUDGET) break;
    cache.delete(key);
    cachedSize -= old.size;
  }
  return compiled;
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
    if (error instanceof PatternTooLarge) {
      return `Pattern too large: use fewer or smaller {n,m} repeats (e.g. 'swift|nova')`;
    }
    const reason =
      error instanceof Error
        ? error.message.replace(/^error parsing regexp: /, '').replace('(?i)', '')
        : '';
    return `Invalid pattern '${pattern}': ${reason}`;
  }
}

/**
 * Which of the patterns match the line (case-insensitive, anywhere), each distinct
 * pattern tried once, the cheapest first. Patterns past the budget are not tried: a line
 * never costs more than `MATCH_BUDGET` units however many subscribers there are, and a
 * few large patterns cannot starve the many small ones.
 */
export function matchingPatterns(patterns: Iterable<string>, line: string): Set<string> {
  const programs: Array<[string, Compiled]> = [];
  for (const pattern of new Set(patterns)) {
    try {
      programs.push([pattern, compile(pattern)]);
    } catch {
      // Refused when it was stored; an imported one that no longer compiles matches nothing.
    }
  }
  programs.sort((a, b) => a[1].size - b[1].size);
  const matched = new Set<string>();
  let spent = 0;
  for (const [pattern, { re, size }] of programs) {
    spent += size * Math.max(1, line.length);
    if (spent > MATCH_BUDGET) break;
    if (re.test(line)) matched.add(pattern);
  }
  return matched;
}
