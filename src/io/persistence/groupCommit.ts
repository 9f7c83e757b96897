interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Makes the current state durable for everyone who asks, sharing one write among all
 * who ask while a write is being prepared or runs. A write that fails fails every waiter
 * since the last good write, and `onFailure` runs before anything else can happen, so
 * the caller can go back to the last durable state.
 */
export class GroupCommit {
  private waiting: Waiter[] = [];
  private running = false;

  constructor(
    private readonly write: () => Promise<void>,
    private readonly onFailure: (error: unknown) => void = () => {},
  ) {}

  /** Resolves once a write that began after this call has finished. */
  durable(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      if (!this.running) {
        this.running = true;
        // Let the lines that arrived together be applied first, so they share the write.
        setImmediate(() => void this.drain());
      }
    });
  }

  get busy(): boolean {
    return this.running;
  }

  private async drain(): Promise<void> {
    while (this.waiting.length > 0) {
      const batch = this.waiting;
      this.waiting = [];
      try {
        await this.write();
      } catch (error) {
        const failed = [...batch, ...this.waiting];
        this.waiting = [];
        this.onFailure(error);
        for (const waiter of failed) waiter.reject(error);
        continue;
      }
      for (const waiter of batch) waiter.resolve();
    }
    this.running = false;
  }
}
