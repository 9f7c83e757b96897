import { writeFileAtomic } from './atomicWrite.js';

/** Writes a file atomically, skipping versions that were superseded while a write ran. */
export class LatestWinsWriter {
  private pending: string | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly path: string,
    private readonly onError: (error: unknown) => void,
  ) {}

  write(content: string): void {
    this.pending = content;
    this.running ??= this.drain();
  }

  private async drain(): Promise<void> {
    while (this.pending !== null) {
      const content = this.pending;
      this.pending = null;
      try {
        await writeFileAtomic(this.path, content);
      } catch (error) {
        this.onError(error);
      }
    }
    this.running = null;
  }

  async flush(): Promise<void> {
    await this.running;
  }
}
