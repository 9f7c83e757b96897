import { splitMessage } from './splitMessage.js';

export interface RateLimit {
  /** Lines per second, sustained. */
  linesPerSecond: number;
  /** Lines that may go out at once after a quiet spell. */
  burst: number;
}

export interface SendQueueOptions extends RateLimit {
  /** Sends one raw PRIVMSG; the queue has already split and rate-limited it. */
  send: (target: string, text: string) => void;
  /** The longest message text, in bytes, such that the raw line stays under 512. */
  maxBytesFor: (target: string) => number;
  maxPartsPerMessage?: number;
  now?: () => number;
}

interface Pending {
  target: string;
  text: string;
}

/**
 * Everything the bot says goes through here: a token bucket keeps it under the
 * network's flood limits. Messages to the same target that wait together are sent
 * on shared lines, in order, so a burst of replies costs few lines. Enqueueing never
 * blocks; lines leave on a timer.
 */
export class SendQueue {
  private queue: Pending[] = [];
  private tokens: number;
  private last: number;
  private timer: NodeJS.Timeout | null = null;
  private paused = true;
  private readonly now: () => number;
  sentLines = 0;

  constructor(private readonly options: SendQueueOptions) {
    this.now = options.now ?? (() => performance.now());
    this.tokens = options.burst;
    this.last = this.now();
  }

  get depth(): number {
    return this.queue.length;
  }

  say(target: string, text: string): void {
    const parts = splitMessage(
      text,
      this.options.maxBytesFor(target),
      this.options.maxPartsPerMessage ?? 16,
    );
    for (const part of parts) this.queue.push({ target, text: part });
    this.pump();
  }

  /** Stops sending (while disconnected); what waits is kept. */
  pause(): void {
    this.paused = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  resume(): void {
    this.paused = false;
    this.pump();
  }

  clear(): void {
    this.queue = [];
  }

  private refill(): void {
    const now = this.now();
    this.tokens = Math.min(
      this.options.burst,
      this.tokens + ((now - this.last) / 1000) * this.options.linesPerSecond,
    );
    this.last = now;
  }

  /** Takes the next line: the first waiting message, joined with the ones after it to the same target. */
  private nextLine(): Pending | undefined {
    const first = this.queue.shift();
    if (!first) return undefined;
    const max = this.options.maxBytesFor(first.target);
    let text = first.text;
    while (this.queue[0]?.target === first.target) {
      const joined = `${text} | ${this.queue[0].text}`;
      if (Buffer.byteLength(joined) > max) break;
      text = joined;
      this.queue.shift();
    }
    return { target: first.target, text };
  }

  private pump(): void {
    if (this.paused || this.timer) return;
    this.refill();
    while (this.queue.length > 0 && this.tokens >= 1) {
      // Only join lines when they have had to wait: a lone reply goes out as it is.
      const line = this.tokens >= 2 ? this.queue.shift() : this.nextLine();
      if (!line) break;
      this.tokens -= 1;
      this.sentLines++;
      this.options.send(line.target, line.text);
    }
    if (this.queue.length > 0) {
      const wait = ((1 - this.tokens) / this.options.linesPerSecond) * 1000;
      this.timer = setTimeout(
        () => {
          this.timer = null;
          this.pump();
        },
        Math.max(1, Math.ceil(wait)),
      );
    }
  }
}
