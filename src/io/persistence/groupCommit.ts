/** The callers that one write makes durable: they share one promise. */
interface Batch {
  promise: Promise<void>;
  resolve: () => void;
  reject: (error: unknown) => void;
}

function newBatch(): Batch {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/**
 * Makes the current state durable for everyone who asks, sharing one write among all
 * who ask while a write is being prepared or runs. A write that fails fails every waiter
 * since the last good write, and `onFailure` runs before anything else can happen, so
 * the caller can go back to the last durable state.
 */
export class GroupCommit {
  /** Who the next write is for; null when nobody has asked since the last one began. */
  private next: Batch | null = null;
  private running = false;

  constructor(
    private readonly write: () => Promise<void>,
    private readonly onFailure: (error: unknown) => void = () => {},
  ) {}

  /** Resolves once a write that began after this call has finished. */
  durable(): Promise<void> {
    if (this.next === null) {
      this.next = newBatch();
      if (!this.running) {
        this.running = true;
        // Let the lines that arrived together be applied first, so they share the write.
        setImmediate(() => void this.drain());
      }
    }
    return this.next.promise;
  }

  get busy(): boolean {
    return this.running;
  }

  private async drain(): Promise<void> {
    while (this.next !== null) {
      const batch = this.next;
      this.next = null;
      try {
        await this.write();
      } catch (error) {
        // Those who asked during the failed write were applied on top of what failed.
        const alsoFailed = this.next as Batch | null;
        this.next = null;
        this.onFailure(error);
        batch.reject(error);
        alsoFailed?.reject(error);
        continue;
      }
      batch.resolve();
    }
    this.running = false;
  }
}
