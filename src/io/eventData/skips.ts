/** One value left out of imported data, by its key path, and why. */
export interface Skipped {
  path: string;
  why: string;
}

/** The values an import leaves out: each is reported, none stops the rest. */
export class Skips {
  constructor(readonly list: Skipped[] = []) {}

  private limitNotes = 0;

  add(path: string, why: string): void {
    this.list.push({ path, why });
  }

  /** Values left out past a limit: said before any single skipped value. */
  overLimit(path: string, why: string): void {
    this.list.splice(this.limitNotes++, 0, { path, why });
  }

  /** Skips a whole key and gives back the empty value to use instead. */
  whole<T>(path: string, why: string, empty: T): T {
    this.add(path, why);
    return empty;
  }

  /** A short account for a reply or a log line: the first few, and how many more. */
  describe(max = 3): string {
    const shown = this.list.slice(0, max).map(({ path, why }) => `${path}: ${why}`);
    const more = this.list.length > max ? ` (and ${this.list.length - max} more)` : '';
    return shown.join('; ') + more;
  }
}

/** Lines for the log: the first `max` skipped values by name, then how many more. */
export function skipLines(list: readonly Skipped[], max = 20): string[] {
  const lines = list.slice(0, max).map(({ path, why }) => `${path}: ${why}: skipped`);
  if (list.length > max) lines.push(`${list.length - max} more values skipped`);
  return lines;
}
