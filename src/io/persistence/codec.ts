import superjson from 'superjson';
import { isPlainJson } from './plainJson.js';

/**
 * The codec of the snapshot and the journal: superjson, so that the machines' Maps (keyed
 * by what people type) come back as they were. A value that is plain JSON already (most
 * journal lines) gets no annotations from superjson, which then writes `{"json": value}`;
 * that text is written directly, as superjson's walk costs ten times JSON's on every line.
 * (A property that is undefined, which means the same as an absent one here, is left out
 * as JSON leaves it, where superjson would note it.)
 */
export const encode = (value: unknown): string =>
  isPlainJson(value) ? `{"json":${JSON.stringify(value)}}` : superjson.stringify(value);

/** Text from `encode`; a line or file an earlier version wrote as plain JSON reads as it is. */
export const decode = (text: string): unknown => revive(JSON.parse(text));

/**
 * Parsed JSON from `encode`, its Maps made again from superjson's annotations; throws
 * when the annotations do not fit the data (a file edited by hand, or a hostile one).
 */
export function revive(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || !('json' in raw)) {
    return raw;
  }
  // Without annotations the value is plain JSON (an earlier version wrote its snapshots so,
  // and `encode` writes most lines so): taken as it is, since superjson's copy would drop
  // keys such as `__proto__`, which are data there (a nick or a room may be called that).
  if (!('meta' in raw)) return raw.json;
  return superjson.deserialize(raw as Parameters<typeof superjson.deserialize>[0]);
}
