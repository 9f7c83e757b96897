import { type JournalRecord, journalRecords } from './journal.js';
import { deserialiseSnapshot, type SnapshotFile, type StateStore } from './snapshotStore.js';

/**
 * A store that keeps everything in memory: for runs that need no disk (tests, benchmarks,
 * the demo's dry runs). The runtime treats it like a disk, so going back to the last saved
 * state works the same.
 */
export class MemoryStore implements StateStore {
  readonly path = '(memory)';
  private snapshot: string | null = null;
  private lines: string[] = [];

  readonly journal = {
    path: '(memory journal)',
    append: async (lines: string[]) => {
      this.lines.push(...lines);
    },
    reset: async () => {
      this.lines = [];
    },
    read: async (afterSeq: number): Promise<JournalRecord[]> =>
      journalRecords(this.journal.path, this.lines, afterSeq),
  };

  async read(): Promise<SnapshotFile | null> {
    return this.snapshot === null ? null : deserialiseSnapshot(this.path, this.snapshot);
  }

  async write(serialised: string): Promise<void> {
    this.snapshot = serialised;
  }
}
