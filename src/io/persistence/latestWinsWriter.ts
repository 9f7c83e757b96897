import { writeFileAtomic } from './atomicWrite.js';

/**
 * Writes a file atomically, skipping versions that were superseded while a write ran:
 * their content is never even made.
 */
export class LatestWinsWriter {
  private pending: (() => string) | null = null;
  private running: Promise<void> | null = null;
  private readonly written = new Set<(content: string) => void>();

  constructor(
    private readonly path: string,
    private readonly onError: (error: unknown) => void,
  ) {}

  write(content: () => string): void {
    this.pending = content;
    this.running ??= this.drain();
  }

  private async drain(): Promise<void> {
    while (this.pending !== null) {
      const make = this.pending;
      this.pending = null;
      try {
        const content = make();
        await writeFileAtomic(this.path, content);
        for (const listener of this.written) listener(content);
      } catch (error) {
        this.onError(error);
      }
    }
    this.running = null;
  }

  /** Called with each content once it is in the file. */
  onWritten(listener: (content: string) => void): () => void {
    this.written.add(listener);
    return () => this.written.delete(listener);
  }

  async flush(): Promise<void> {
    await this.running;
  }
}
