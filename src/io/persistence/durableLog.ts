import { decode, encode } from './codec.js';
import type { JournalRecord } from './journal.js';
import { deserialiseSnapshot, type StateStore, serialiseSnapshot } from './snapshotStore.js';

/** Journal lines after which the next save writes a whole snapshot instead. */
const JOURNAL_LIMIT = 2000;

export interface DurableBase {
  savedAt: string | null;
  /** The last snapshot on disk (undefined before the first), with its sequence number. */
  snapshot: unknown;
  seq: number;
  /** Events saved after it, in order. */
  records: JournalRecord[];
}

/**
 * What is on disk, and what is waiting to be: the last snapshot, the journal lines saved
 * after it, and the lines of events applied since. Saving appends the waiting lines (one
 * flush), or writes a whole snapshot every `JOURNAL_LIMIT` lines and after a failure.
 */
export class DurableLog {
  private lastSnapshot: string | null = null;
  private savedLines: string[] = [];
  private pendingLines: string[] = [];
  private seq = 0;
  /** After a failed save the journal may end in a torn line: the next save is a snapshot. */
  private snapshotNext = true;

  constructor(
    private readonly store: StateStore,
    private readonly onWarning: (message: string, error: unknown) => void = () => {},
  ) {}

  /** Reads what is on disk: the snapshot (or none yet) and the journal after it. */
  async open(): Promise<DurableBase | null> {
    const saved = await this.store.read();
    if (!saved) return null;
    this.lastSnapshot = serialiseSnapshot(saved.snapshot, saved.savedAt, saved.seq);
    const records = await this.store.journal.read(saved.seq);
    this.savedLines = records.map((record) => encode(record));
    this.seq = records.at(-1)?.seq ?? saved.seq;
    this.snapshotNext = false;
    return { savedAt: saved.savedAt, snapshot: saved.snapshot, seq: saved.seq, records };
  }

  /** Whether the journal holds lines without a snapshot for them to follow. */
  async orphanJournal(): Promise<boolean> {
    return (await this.store.journal.read(0)).length > 0;
  }

  get journalPath(): string {
    return this.store.journal.path;
  }

  /** The sequence number of the last change recorded (saved, or waiting to be). */
  get lastSeq(): number {
    return this.seq;
  }

  /** Records an applied event, to be saved with the next batch. */
  record(event: unknown): void {
    this.seq++;
    this.pendingLines.push(encode({ seq: this.seq, event }));
  }

  get hasPending(): boolean {
    return this.pendingLines.length > 0;
  }

  /**
   * Makes every recorded event durable. What is on disk decides the outcome: once a
   * snapshot holding everything is written, the save has succeeded, even if emptying the
   * journal then fails (its old lines are older than the snapshot and are skipped).
   */
  async save(persisted: () => unknown, savedAt: string, forceSnapshot = false): Promise<void> {
    const lines = this.pendingLines;
    this.pendingLines = [];
    if (
      forceSnapshot ||
      this.snapshotNext ||
      this.savedLines.length + lines.length > JOURNAL_LIMIT
    ) {
      this.snapshotNext = true;
      const snapshot = serialiseSnapshot(persisted(), savedAt, this.seq);
      await this.store.write(snapshot);
      this.lastSnapshot = snapshot;
      this.savedLines = [];
      try {
        await this.store.journal.reset();
        this.snapshotNext = false;
      } catch (error) {
        this.onWarning('the snapshot was saved, but the journal could not be emptied', error);
      }
    } else if (lines.length > 0) {
      await this.store.journal.append(lines);
      this.savedLines.push(...lines);
    }
  }

  get savedLineCount(): number {
    return this.savedLines.length;
  }

  /**
   * The state to rebuild from: the last snapshot and the lines saved after it, and, when
   * `keepPending`, the lines applied but not yet saved (they are still owed a save).
   */
  base(keepPending: boolean): DurableBase {
    if (!keepPending) {
      this.pendingLines = [];
      this.snapshotNext = true;
    }
    const snapshot =
      this.lastSnapshot === null ? null : deserialiseSnapshot('(memory)', this.lastSnapshot);
    const lines = keepPending ? [...this.savedLines, ...this.pendingLines] : this.savedLines;
    const records = lines.map((line) => decode(line) as JournalRecord);
    this.seq = records.at(-1)?.seq ?? snapshot?.seq ?? 0;
    return {
      savedAt: snapshot?.savedAt ?? null,
      snapshot: snapshot?.snapshot,
      seq: snapshot?.seq ?? 0,
      records,
    };
  }
}
