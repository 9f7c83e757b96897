import { decode } from './codec.js';
import { open, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { SnapshotError } from './snapshotError.js';

export interface JournalRecord {
  seq: number;
  event: unknown;
}

/**
 * The events applied since the last snapshot, one JSON line each. Saving a batch is one
 * append and one flush (a snapshot is a write, a flush, a rename and a directory flush),
 * so a command is durable sooner. A crash can leave the last line cut short: it was
 * never acknowledged, and reading ignores it.
 */
export class Journal {
  constructor(readonly path: string) {}

  async append(lines: string[]): Promise<void> {
    const file = await open(this.path, 'a', 0o644);
    try {
      await file.writeFile(`${lines.join('\n')}\n`, 'utf8');
      await file.datasync();
    } finally {
      await file.close();
    }
  }

  /** Empties the journal, creating it (durably) if it is not there. */
  async reset(): Promise<void> {
    const file = await open(this.path, 'w', 0o644);
    try {
      await file.sync();
    } finally {
      await file.close();
    }
    const dir = await open(dirname(this.path), 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  }

  /** The records after `afterSeq`, in order; a cut-short last line is left out. */
  async read(afterSeq: number): Promise<JournalRecord[]> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw new SnapshotError(this.path, (error as Error).message);
    }
    const lines = text.split('\n');
    lines.pop(); // after the last newline: empty, or a line a crash cut short
    return journalRecords(this.path, lines, afterSeq);
  }
}

/**
 * The records after `afterSeq` in a journal's lines, checked: each decodes to a record,
 * and they follow each other without a gap.
 */
export function journalRecords(path: string, lines: string[], afterSeq: number): JournalRecord[] {
  const records: JournalRecord[] = [];
  let expected = afterSeq + 1;
  for (const [index, line] of lines.entries()) {
    let record: JournalRecord;
    try {
      record = decode(line) as JournalRecord;
    } catch {
      throw new SnapshotError(path, `line ${index + 1} is not valid JSON`);
    }
    if (typeof record?.seq !== 'number' || typeof record.event !== 'object') {
      throw new SnapshotError(path, `line ${index + 1} is not a journal record`);
    }
    if (record.seq <= afterSeq) continue;
    if (record.seq !== expected) {
      throw new SnapshotError(
        path,
        `line ${index + 1} has record ${record.seq}, expected ${expected}`,
      );
    }
    records.push(record);
    expected++;
  }
  return records;
}
