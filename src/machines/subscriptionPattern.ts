import { RE2JS } from 're2js';

/**
 * Subscription patterns run on RE2 (linear time, no backtracking), and their size and the
 * work of compiling them are bounded before they compile case-insensitively, so no pattern
 * can take the bot's memory or time:
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

/**
 * Code points RE2 case-folds one by one when it compiles a case-insensitive class. A
 * class of wide Unicode ranges (`[\x{ff}-\x{10ffff}]`) folds 125,000 of them, 3-4 ms
 * each time it is written; a class of ASCII letters folds at most 128.
 */
const MAX_FOLD_WORK = 5_000;
/** RE2's fold span: code points outside it have no other case. */
const FOLD_SPAN = { lo: 0x41, hi: 0x1e943 };
const LAST_CODE_POINT = 0x10ffff;

interface Compiled {
  re: RE2JS;
  size: number;
}

/** The instructions of a compiled program (re2js keeps them on `re2Input.prog`). */
function instructionsOf(re: RE2JS): Array<{ runes?: number[] }> {
  return (re as unknown as { re2Input: { prog: { inst: Array<{ runes?: number[] }> } } }).re2Input
    .prog.inst;
}

/** Code points that RE2 folds one by one for these ranges (`[lo, hi, lo, hi, ...]`). */
function foldWorkOf(ranges: readonly number[]): number {
  let work = 0;
  for (let i = 0; i + 1 < ranges.length; i += 2) {
    const [lo, hi] = [ranges[i] as number, ranges[i + 1] as number];
    // A range over the whole span is taken as it is, without folding.
    if (lo <= FOLD_SPAN.lo && hi >= FOLD_SPAN.hi) continue;
    work += Math.max(0, Math.min(hi, FOLD_SPAN.hi) - Math.max(lo, FOLD_SPAN.lo) + 1);
  }
  return work;
}

function complementOf(ranges: readonly number[]): number[] {
  const out: number[] = [];
  let next = 0;
  for (let i = 0; i + 1 < ranges.length; i += 2) {
    if ((ranges[i] as number) > next) out.push(next, (ranges[i] as number) - 1);
    next = (ranges[i + 1] as number) + 1;
  }
  if (next <= LAST_CODE_POINT) out.push(next, LAST_CODE_POINT);
  return out;
}

/**
 * What compiling the pattern case-insensitively would cost in folding, read from its
 * case-sensitive program (which folds nothing, so it compiles fast). A negated class is
 * folded before it is negated: `[^a]` costs its one letter, `[^\x{ff}-\x{10ffff}]` its
 * wide range; a class holding both ends of Unicode is read as a negated one.
 */
function foldWork(pattern: string, plain: RE2JS): number {
  const negated = pattern.includes('[^');
  let work = 0;
  for (const { runes } of instructionsOf(plain)) {
    if (!runes || runes.length < 2) continue;
    const holdsBothEnds = runes[0] === 0 && runes[runes.length - 1] === LAST_CODE_POINT;
    const complement = foldWorkOf(complementOf(runes));
    work += holdsBothEnds
      ? complement
      : negated
        ? Math.max(foldWorkOf(runes), complement)
        : foldWorkOf(runes);
    if (work > MAX_FOLD_WORK) break;
  }
  return work;
}

const cache = new Map<string, Compiled>();
let cachedSize = 0;

class PatternTooLarge extends Error {}
class PatternTooCostly extends Error {}
class PatternFlags extends Error {}

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
  // Flags inside the pattern (`(?i)`) would fold while the plain program compiles.
  if (/\(\?[A-Za-z]/.test(pattern)) throw new PatternFlags();
  const plain = RE2JS.compile(pattern);
  if (instructionsOf(plain).length > MAX_PROGRAM_SIZE) throw new PatternTooLarge();
  if (foldWork(pattern, plain) > MAX_FOLD_WORK) throw new PatternTooCostly();
  const re = RE2JS.compile(pattern, RE2JS.CASE_INSENSITIVE);
  const size = instructionsOf(re).length;
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
    if (error instanceof PatternTooCostly) {
      return `Pattern too costly: use classes of a few characters (e.g. '[a-z0-9]'), not wide Unicode ranges`;
    }
    if (error instanceof PatternFlags) {
      return `Pattern flags such as (?i) are not taken: patterns already ignore case`;
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
