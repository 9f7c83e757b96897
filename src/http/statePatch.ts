import { type Operation, createPatch } from 'rfc6902';
import { diffAny, type Diff } from 'rfc6902/diff.js';
import type { Pointer } from 'rfc6902/pointer.js';

/** Arrays longer than this that change length are replaced whole, not edit-distanced. */
const LONG_ARRAY = 64;

/**
 * Unchanged parts of the state keep their identity from one change to the next, so they
 * are skipped at once; same-length arrays (the tracks) are compared item by item. The
 * library's edit-distance diff is kept for short lists (next topics, banners).
 */
const diff: Diff = (input: unknown, output: unknown, ptr: Pointer): Operation[] => {
  if (input === output) return [];
  if (Array.isArray(input) && Array.isArray(output)) {
    if (input.length === output.length) {
      return input.flatMap((item, i) => diff(item, output[i], ptr.add(String(i))));
    }
    if (input.length > LONG_ARRAY || output.length > LONG_ARRAY) {
      return [{ op: 'replace', path: ptr.toString(), value: output }];
    }
  }
  return diffAny(input, output, ptr, diff);
};

/** The JSON Patch (RFC 6902) that turns one state into the next. */
export function statePatch(before: unknown, after: unknown): Operation[] {
  return createPatch(before, after, diff);
}
