import { readFile } from 'node:fs/promises';
import superjson from 'superjson';
import { z } from 'zod';
import { writeFileAtomic } from './atomicWrite.js';
import { isPlainJson } from './plainJson.js';

export const SNAPSHOT_FORMAT = 'ptgbot-snapshot';
export const SNAPSHOT_VERSION = 1;

/** A snapshot file that exists but cannot be used; start-up must stop, the file untouched. */
export class SnapshotError extends Error {
  constructor(
    readonly path: string,
    problem: string,
  ) {
    super(`Cannot use the snapshot ${path}: ${problem}. The file was left as it is.`);
    this.name = 'SnapshotError';
  }
}

const envelope = z.object({
  format: z.literal(SNAPSHOT_FORMAT),
  version: z.number(),
  savedAt: z.string(),
  snapshot: z
    .object({
      status: z.literal('active'),
      value: z.unknown(),
      context: z.object({ tracks: z.array(z.string()) }).loose(),
      children: z.record(z.string(), z.object({ src: z.string(), snapshot: z.unknown() }).loose()),
    })
    .loose(),
});

export interface SnapshotFile {
  savedAt: string;
  snapshot: unknown;
}

/**
 * The file is superjson. The machines keep their context JSON-shaped, and for such a
 * value superjson writes `{"json": ...}` with no type annotations; writing that directly
 * is ten times faster than superjson's walk, which matters on every save. Anything
 * else (a Date, a Map, NaN) still goes through superjson.
 */
export function serialiseSnapshot(snapshot: unknown, savedAt: string): string {
  const envelope = { format: SNAPSHOT_FORMAT, version: SNAPSHOT_VERSION, savedAt, snapshot };
  return isPlainJson(envelope)
    ? `{"json":${JSON.stringify(envelope)}}`
    : superjson.stringify(envelope);
}

export function deserialiseSnapshot(path: string, text: string): SnapshotFile {
  let raw: unknown;
  try {
    raw = superjson.parse(text);
  } catch (error) {
    const reason =
      text.trim() === '' ? 'it is empty' : `it is not valid JSON (${(error as Error).message})`;
    throw new SnapshotError(path, reason);
  }
  if (
    typeof raw === 'object' &&
    raw !== null &&
    'version' in raw &&
    raw.version !== SNAPSHOT_VERSION
  ) {
    throw new SnapshotError(
      path,
      `it has version ${String(raw.version)}, this program reads version ${SNAPSHOT_VERSION}`,
    );
  }
  const parsed = envelope.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SnapshotError(
      path,
      `it is not a ptgbot snapshot (${issue?.path.join('.') || 'top level'}: ${issue?.message})`,
    );
  }
  return { savedAt: parsed.data.savedAt, snapshot: parsed.data.snapshot };
}

/** The one file that holds the event's state across restarts. */
export class SnapshotStore {
  constructor(readonly path: string) {}

  /** The saved snapshot, or null when there is none yet. */
  async read(): Promise<SnapshotFile | null> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new SnapshotError(this.path, (error as Error).message);
    }
    return deserialiseSnapshot(this.path, text);
  }

  async write(serialised: string): Promise<void> {
    await writeFileAtomic(this.path, serialised);
  }
}
