import { splitMessage } from './splitMessage.js';

export interface RateLimit {
  /** Lines per second, sustained. */
  linesPerSecond: number;
  /** Lines that may go out at once after a quiet spell. */
  burst: number;
}

export type DropReason = 'invalid target' | 'absent' | 'target full' | 'queue full';

export interface SendQueueOptions extends RateLimit {
  /** Sends one raw PRIVMSG; the queue has already split, checked and rate-limited it. */
  send: (target: string, text: string) => void;
  /** The longest message text, in bytes, such that the raw line stays under 512. */
  maxBytesFor: (target: string) => number;
  /** Whether a nick is still there to be told (notifications to others are dropped). */
  isPresent?: (nick: string) => boolean;
  /** Told of every line dropped instead of sent. */
  onDrop?: (reason: DropReason, target: string) => void;
  maxPartsPerMessage?: number;
  /** Lines that may wait for one person; past it, their oldest go. */
  maxPerTarget?: number;
  /** Lines that may wait for a channel: a burst of commands there is answered in full. */
  maxPerChannel?: number;
  /** Notifications that may wait in all; past it, the oldest go. */
  maxNotifications?: number;
  now?: () => number;
}

export interface SayOptions {
  /** Notifications wait behind every reply, and may be dropped. */
  priority?: 'reply' | 'notify';
  /** A waiting line with the same key is replaced by this one (a newer answer on the same thing). */
  supersedes?: string;
}

interface Pending {
  target: string;
  text: string;
  /** How many identical lines this one stands for. */
  count: number;
  supersedes: string | undefined;
}

/** A nick or channel: nothing that could end the line or add a parameter or a target. */
const TARGET = /^[^\s,:\x00-\x1f][^\s,\x00-\x1f]{0,63}$/;
export const isValidTarget = (target: string): boolean => TARGET.test(target);

const shown = (p: Pending) => (p.count > 1 ? `${p.text} (x${p.count})` : p.text);

/**
 * Everything the bot says goes through here: a token bucket keeps it under the network's
 * flood limits, and bounds keep anyone from filling it. Replies go before notifications;
 * identical waiting lines are merged (`... (x4)`); a newer reply on the same thing replaces
 * one not yet sent; notifications to nicks no longer there are dropped. Lines to the same
 * target that had to wait share one line. Enqueueing never blocks; lines leave on a timer.
 */
export class SendQueue {
  private replies: Pending[] = [];
  private notes: Pending[] = [];
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
    return this.replies.length + this.notes.length;
  }

  say(target: string, text: string, options: SayOptions = {}): void {
    if (!isValidTarget(target)) {
      this.options.onDrop?.('invalid target', target);
      return;
    }
    const queue = options.priority === 'notify' ? this.notes : this.replies;
    if (options.supersedes !== undefined) {
      const key = options.supersedes;
      const kept = queue.filter((p) => p.supersedes !== key || p.target !== target);
      queue.splice(0, queue.length, ...kept);
    }
    const parts = splitMessage(
      text,
      this.options.maxBytesFor(target) - 8, // room for a ' (x999)' count
      this.options.maxPartsPerMessage ?? 16,
    );
    for (const part of parts) {
      const same = queue.find((p) => p.target === target && p.text === part);
      if (same) same.count++;
      else queue.push({ target, text: part, count: 1, supersedes: options.supersedes });
    }
    this.bound(queue, target);
    this.pump();
  }

  private bound(queue: Pending[], target: string): void {
    const perTarget = /^[#&]/.test(target)
      ? (this.options.maxPerChannel ?? 1000)
      : (this.options.maxPerTarget ?? 20);
    const mine = queue.filter((p) => p.target === target);
    for (const old of mine.slice(0, Math.max(0, mine.length - perTarget))) {
      queue.splice(queue.indexOf(old), 1);
      this.options.onDrop?.('target full', target);
    }
    if (queue === this.notes) {
      const excess = this.notes.length - (this.options.maxNotifications ?? 200);
      for (const old of this.notes.splice(0, Math.max(0, excess))) {
        this.options.onDrop?.('queue full', old.target);
      }
    }
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
    this.replies = [];
    this.notes = [];
  }

  private refill(): void {
    const now = this.now();
    this.tokens = Math.min(
      this.options.burst,
      this.tokens + ((now - this.last) / 1000) * this.options.linesPerSecond,
    );
    this.last = now;
  }

  /** The queue to send from: replies first, then notifications to nicks still there. */
  private current(): Pending[] {
    if (this.replies.length > 0) return this.replies;
    while (this.notes[0] && !(this.options.isPresent?.(this.notes[0].target) ?? true)) {
      this.options.onDrop?.('absent', (this.notes.shift() as Pending).target);
    }
    return this.notes;
  }

  /** The first waiting message, joined with the ones after it to the same target. */
  private nextLine(join: boolean): { target: string; text: string } | undefined {
    const queue = this.current();
    const first = queue.shift();
    if (!first) return undefined;
    let text = shown(first);
    if (!join) return { target: first.target, text };
    const max = this.options.maxBytesFor(first.target);
    while (queue[0]?.target === first.target) {
      const joined = `${text} | ${shown(queue[0])}`;
      if (Buffer.byteLength(joined) > max) break;
      text = joined;
      queue.shift();
    }
    return { target: first.target, text };
  }

  private pump(): void {
    if (this.paused || this.timer) return;
    this.refill();
    while (this.depth > 0 && this.tokens >= 1) {
      // Only join lines when they have had to wait: a lone reply goes out as it is.
      const line = this.nextLine(this.tokens < 2);
      if (!line) break;
      this.tokens -= 1;
      this.sentLines++;
      this.options.send(line.target, line.text);
    }
    if (this.depth > 0) {
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
