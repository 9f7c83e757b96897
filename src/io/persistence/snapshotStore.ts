import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { writeFileAtomic } from './atomicWrite.js';
import { Journal } from './journal.js';
import { SnapshotError } from './snapshotError.js';

export { SnapshotError };
import { migrated } from './migrateSnapshot.js';
import { encode, revive } from './codec.js';
import { trackContextSchema, withEveryField } from '../../machines/track/fields.js';

export const SNAPSHOT_FORMAT = 'ptgbot-snapshot';
export const SNAPSHOT_VERSION = 4;

const text = z.string();
const map = <T extends z.ZodType>(value: T) => z.map(z.string(), value);
/** What the page and the machines read from the context: checked, so a hostile file is refused. */
const eventContext = z
  .object({
    tracks: z.array(text),
    slots: map(z.array(z.object({ name: text, desc: text }).loose())),
    rooms: map(z.record(z.string(), text.optional())),
    schedule: map(map(text)),
    links: map(text),
    motd: z.array(z.object({ level: text, message: text })),
    checkins: map(z.object({ nick: text, location: text, in: text, out: text.nullable() }).loose()),
    subscriptions: map(z.object({ nick: text, pattern: text })),
    lastChange: z
      .object({ iso: text, date: text, weekday: text, time: text })
      .loose()
      .nullable()
      .optional(),
  })
  .loose();
const envelope = z.object({
  format: z.literal(SNAPSHOT_FORMAT),
  version: z.number(),
  savedAt: z.string(),
  /** The last journal record the snapshot includes. */
  seq: z.number().int().min(0).optional(),
  snapshot: z
    .object({
      status: z.literal('active'),
      value: z.unknown(),
      context: eventContext,
      children: z.record(
        z.string(),
        z
          .object({
            src: z.literal('track'),
            snapshot: z.object({ context: trackContextSchema }).loose(),
          })
          .loose(),
      ),
    })
    .loose(),
});

type SnapshotShape = {
  children: Record<string, { snapshot: { context: object } }>;
};

/** Fields a track gained since the snapshot was written start empty. */
function withTrackFields(snapshot: SnapshotShape): SnapshotShape {
  const children = Object.fromEntries(
    Object.entries(snapshot.children).map(([id, child]) => [
      id,
      {
        ...child,
        snapshot: { ...child.snapshot, context: withEveryField(child.snapshot.context) },
      },
    ]),
  );
  return { ...snapshot, children };
}

export interface SnapshotFile {
  savedAt: string;
  seq: number;
  snapshot: unknown;
}

/** The file: the snapshot and where it stands, through the codec (superjson). */
export function serialiseSnapshot(snapshot: unknown, savedAt: string, seq = 0): string {
  return encode({ format: SNAPSHOT_FORMAT, version: SNAPSHOT_VERSION, savedAt, seq, snapshot });
}

export function deserialiseSnapshot(path: string, text: string): SnapshotFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const reason =
      text.trim() === '' ? 'it is empty' : `it is not valid JSON (${(error as Error).message})`;
    throw new SnapshotError(path, reason);
  }
  try {
    raw = revive(raw);
  } catch (error) {
    throw new SnapshotError(
      path,
      `it is not a ptgbot snapshot (its type annotations do not fit its data: ${(error as Error).message})`,
    );
  }
  raw = migrated(raw);
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
  // Zod checked the shape; its copy is not used, because it drops keys such as
  // `__proto__` that are data here (a room or a nick may be called that).
  const checked = raw as { savedAt: string; seq?: number; snapshot: SnapshotShape };
  return {
    savedAt: checked.savedAt,
    seq: checked.seq ?? 0,
    snapshot: withTrackFields(checked.snapshot),
  };
}

/** Where snapshots and the journal after them are kept. */
export interface StateStore {
  readonly path: string;
  readonly journal: Pick<Journal, 'path' | 'append' | 'reset' | 'read'>;
  read(): Promise<SnapshotFile | null>;
  write(serialised: string): Promise<void>;
}

/**
 * Where the event's state lives across restarts: a snapshot file, and beside it a journal
 * of the events applied since (`<snapshot>.journal`).
 */
export class SnapshotStore implements StateStore {
  readonly journal: Journal;

  constructor(readonly path: string) {
    this.journal = new Journal(`${path}.journal`);
  }

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
