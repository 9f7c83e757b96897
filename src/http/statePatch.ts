import { createPatch, type Operation } from 'rfc6902';
import { type Diff, diffAny } from 'rfc6902/diff.js';
import type { Pointer } from 'rfc6902/pointer.js';

/** Arrays longer than this that change length are replaced whole, not edit-distanced. */
const LONG_ARRAY = 64;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Unchanged parts of the state keep their identity from one change to the next, so they
 * are skipped at once: records (check-ins by nick, the schedule by room) are walked key by
 * key comparing identity first, same-length arrays (the tracks) item by item. The library
 * diffs what is left (short lists such as next topics and banners).
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
  if (isRecord(input) && isRecord(output)) {
    const ops: Operation[] = [];
    for (const key of Object.keys(input)) {
      if (!Object.hasOwn(output, key)) ops.push({ op: 'remove', path: ptr.add(key).toString() });
    }
    for (const [key, value] of Object.entries(output)) {
      if (!Object.hasOwn(input, key)) ops.push({ op: 'add', path: ptr.add(key).toString(), value });
      else if (input[key] !== value) ops.push(...diff(input[key], value, ptr.add(key)));
    }
    return ops;
  }
  return diffAny(input, output, ptr, diff);
};

/** The JSON Patch (RFC 6902) that turns one state into the next. */
export function statePatch(before: unknown, after: unknown): Operation[] {
  return createPatch(before, after, diff);
}
