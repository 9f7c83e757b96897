import { splitMessage } from './splitMessage.js';

export interface RateLimit {
  /** Lines per second, sustained. */
  linesPerSecond: number;
  /** Lines that may go out at once after a quiet spell. */
  burst: number;
}

export type DropReason = 'invalid target' | 'absent' | 'target full' | 'queue full';

/**
 * Who waits first: answers to the channel's ops, then answers to everyone else, then
 * notifications to subscribers (bulk, and the first to be dropped).
 */
export type Priority = 'op' | 'reply' | 'notify';
const PRIORITIES: readonly Priority[] = ['op', 'reply', 'notify'];
const DROP_FIRST: readonly Priority[] = ['notify', 'reply', 'op'];

export interface SendQueueOptions extends RateLimit {
  /** Sends one raw PRIVMSG; the queue has already split, checked and rate-limited it. */
  send: (target: string, text: string) => void;
  /** The longest message text, in bytes, such that the raw line stays under 512. */
  maxBytesFor: (target: string) => number;
  /** Whether a nick is still there to be told (notifications to others are dropped). */
  isPresent?: (nick: string) => boolean;
  /** Told of every line dropped instead of sent. */
  onDrop?: (reason: DropReason, target: string) => void;
  /** Told when lines start to be dropped, and how many were once the queue has emptied. */
  onDropBurst?: (phase: 'start' | 'end', dropped: number) => void;
  /** Nick or channel as the server compares them (its CASEMAPPING): one person, one key. */
  fold?: (target: string) => string;
  maxPartsPerMessage?: number;
  /** Lines that may wait for one person; past it, their oldest go. */
  maxPerTarget?: number;
  /** Lines that may wait for a channel: a burst of commands there is answered in full. */
  maxPerChannel?: number;
  /** Lines that may wait in all; past it, the oldest of whoever waits for most go. */
  maxTotal?: number;
  now?: () => number;
}

export interface SayOptions {
  priority?: Priority;
  /** A waiting line with the same key is replaced by this one (a newer answer on the same thing). */
  supersedes?: string;
}

interface Pending {
  text: string;
  /** How many identical lines this one stands for. */
  count: number;
  supersedes: string | undefined;
}

/** What waits for one target at one priority. */
interface Waiting {
  target: string;
  lines: Pending[];
}

/** A nick or channel: nothing that could end the line or add a parameter or a target. */
const TARGET = /^[^\s,:\x00-\x1f][^\s,\x00-\x1f]{0,63}$/;
export const isValidTarget = (target: string): boolean => TARGET.test(target);
const isChannel = (target: string) => /^[#&]/.test(target);

const shown = (p: Pending) => (p.count > 1 ? `${p.text} (x${p.count})` : p.text);

/**
 * Everything the bot says goes through here: a token bucket keeps it under the network's
 * flood limits, and bounds keep anyone from filling it or muting the bot. Ops' answers go
 * first, then other answers, then notifications; within each, the people waiting are served
 * in turn (round robin), so a flood from many people delays each of them, not the op who
 * speaks next. Identical waiting lines are merged (`... (x4)`); a newer answer on the same
 * thing replaces one not yet sent; lines to people who left are dropped. Lines to the same
 * target that had to wait share one line. Enqueueing never blocks; lines leave on a timer.
 */
export class SendQueue {
  /** Per priority: folded target -> what waits for it, in the order they are served. */
  private readonly waiting = new Map<Priority, Map<string, Waiting>>(
    PRIORITIES.map((p) => [p, new Map()]),
  );
  private count = 0;
  private tokens: number;
  private last: number;
  private timer: NodeJS.Timeout | null = null;
  private paused = true;
  private droppedInBurst = 0;
  private readonly now: () => number;
  private readonly fold: (target: string) => string;
  sentLines = 0;

  constructor(private readonly options: SendQueueOptions) {
    this.now = options.now ?? (() => performance.now());
    this.fold = options.fold ?? ((target) => target);
    this.tokens = options.burst;
    this.last = this.now();
  }

  get depth(): number {
    return this.count;
  }

  say(target: string, text: string, options: SayOptions = {}): void {
    if (!isValidTarget(target)) {
      this.drop('invalid target', target);
      return;
    }
    const tier = this.tier(options.priority ?? 'reply');
    const key = this.fold(target);
    const waiting = tier.get(key) ?? { target, lines: [] };
    if (!tier.has(key)) tier.set(key, waiting);
    const { lines } = waiting;
    if (options.supersedes !== undefined) {
      const kept = lines.filter((p) => p.supersedes !== options.supersedes);
      this.count -= lines.length - kept.length;
      lines.splice(0, lines.length, ...kept);
    }
    const parts = splitMessage(
      text,
      this.options.maxBytesFor(target) - 8, // room for a ' (x999)' count
      this.options.maxPartsPerMessage ?? 16,
    );
    for (const part of parts) {
      const same = lines.find((p) => p.text === part);
      if (same) same.count++;
      else {
        lines.push({ text: part, count: 1, supersedes: options.supersedes });
        this.count++;
      }
    }
    const perTarget = isChannel(target)
      ? (this.options.maxPerChannel ?? 1000)
      : (this.options.maxPerTarget ?? 20);
    while (lines.length > perTarget) this.dropOldest(tier, key, 'target full');
    this.bound();
    this.pump();
  }

  /** Someone left: what waits for them is dropped. */
  forget(nick: string): void {
    const key = this.fold(nick);
    for (const tier of this.waiting.values()) {
      while (tier.has(key)) this.dropOldest(tier, key, 'absent');
    }
  }

  private tier(priority: Priority): Map<string, Waiting> {
    return this.waiting.get(priority) as Map<string, Waiting>;
  }

  /** Past the total bound, the oldest lines of whoever waits for most, least urgent first. */
  private bound(): void {
    const max = this.options.maxTotal ?? 400;
    while (this.count > max) {
      const tier = DROP_FIRST.map((p) => this.tier(p)).find((t) => t.size > 0);
      if (!tier) return;
      let heaviest: string | undefined;
      let most = 0;
      for (const [key, w] of tier) {
        if (w.lines.length > most) [heaviest, most] = [key, w.lines.length];
      }
      this.dropOldest(tier, heaviest as string, 'queue full');
    }
  }

  private dropOldest(tier: Map<string, Waiting>, key: string, reason: DropReason): void {
    const waiting = tier.get(key);
    if (!waiting) return;
    waiting.lines.shift();
    this.count--;
    if (waiting.lines.length === 0) tier.delete(key);
    this.drop(reason, waiting.target);
  }

  private drop(reason: DropReason, target: string): void {
    this.options.onDrop?.(reason, target);
    if (reason === 'invalid target' || reason === 'absent') return;
    if (this.droppedInBurst++ === 0) this.options.onDropBurst?.('start', 1);
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
    for (const tier of this.waiting.values()) tier.clear();
    this.count = 0;
  }

  private refill(): void {
    const now = this.now();
    this.tokens = Math.min(
      this.options.burst,
      this.tokens + ((now - this.last) / 1000) * this.options.linesPerSecond,
    );
    this.last = now;
  }

  /**
   * The next line: from the most urgent tier, the first target in turn, its first waiting
   * message joined with the ones after it when it had to wait. The target then goes to the
   * back of the turn. Notifications to nicks no longer there are dropped on the way.
   */
  private nextLine(join: boolean): { target: string; text: string } | undefined {
    for (const priority of PRIORITIES) {
      const tier = this.tier(priority);
      for (const [key, waiting] of tier) {
        if (priority === 'notify' && !(this.options.isPresent?.(waiting.target) ?? true)) {
          while (tier.has(key)) this.dropOldest(tier, key, 'absent');
          continue;
        }
        const { lines, target } = waiting;
        let text = shown(lines.shift() as Pending);
        this.count--;
        const max = this.options.maxBytesFor(target);
        while (join && lines[0]) {
          const joined = `${text} | ${shown(lines[0])}`;
          if (Buffer.byteLength(joined) > max) break;
          text = joined;
          lines.shift();
          this.count--;
        }
        tier.delete(key);
        if (lines.length > 0) tier.set(key, waiting);
        return { target, text };
      }
    }
    return undefined;
  }

  private pump(): void {
    if (this.paused || this.timer) return;
    this.refill();
    while (this.count > 0 && this.tokens >= 1) {
      // Only join lines when they have had to wait: a lone reply goes out as it is.
      const line = this.nextLine(this.tokens < 2);
      if (!line) break;
      this.tokens -= 1;
      this.sentLines++;
      this.options.send(line.target, line.text);
    }
    if (this.count === 0 && this.droppedInBurst > 0) {
      this.options.onDropBurst?.('end', this.droppedInBurst);
      this.droppedInBurst = 0;
    }
    if (this.count > 0) {
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
