import type { StateView, ViewSnapshot } from './stateView.js';

export interface LiveClient {
  /** The peer's address, for the per-address cap. */
  address: string;
  write(frame: Uint8Array): void;
  /** Bytes written but not yet taken by the peer. */
  backlog(): number;
  /** Cuts the stream (a page that stopped reading): the page reconnects and resyncs by Last-Event-ID. */
  close(): void;
  /** Ends the stream cleanly (the bot is stopping). */
  end(): void;
}

export interface LiveLimits {
  /** Live clients in all. */
  maxClients: number;
  maxPerAddress: number;
  /** Bytes a client may leave unread before it is dropped. */
  maxBacklogBytes: number;
}

export const DEFAULT_LIVE_LIMITS: LiveLimits = {
  maxClients: 10_000,
  // Room screens and attendees behind one NAT, or every page behind a reverse proxy.
  maxPerAddress: 500,
  maxBacklogBytes: 1024 * 1024,
};

const encoder = new TextEncoder();
const KEEP_ALIVE = encoder.encode(': keep-alive\n\n');

const stateFrames = new WeakMap<ViewSnapshot, Uint8Array>();

/**
 * The SSE frame that carries a whole state, as bytes: made once per state, however many
 * pages connect while it is current.
 */
export function stateFrame(view: ViewSnapshot): Uint8Array {
  let frame = stateFrames.get(view);
  if (!frame) {
    frame = encoder.encode(`id: ${view.version}\nevent: state\ndata: ${view.stateJson}\n\n`);
    stateFrames.set(view, frame);
  }
  return frame;
}

/** The SSE frame that says whether live updates are paused, and why. */
const noticeFrame = (paused: string | null): Uint8Array =>
  encoder.encode(`event: notice\ndata: ${JSON.stringify({ paused })}\n\n`);

/** The SSE frame that carries one change as a JSON Patch from the version before it. */
export const patchFrame = (view: ViewSnapshot): string | null =>
  view.patchJson === null ? null : `id: ${view.version}\nevent: patch\ndata: ${view.patchJson}\n\n`;

/**
 * Everyone following `/api/events`: each change goes out to all of them as one pre-built
 * frame (a small patch when there is one); a comment line now and then keeps proxies from
 * closing idle streams. Clients are capped in all and per address, and one that stops
 * reading is dropped once its backlog passes the limit, so none can grow the server.
 */
export class LiveHub {
  private readonly clients = new Set<LiveClient>();
  private readonly perAddress = new Map<string, number>();
  private heartbeat: NodeJS.Timeout | null = null;
  dropped = 0;

  constructor(
    view: StateView,
    heartbeatMs = 15_000,
    readonly limits: LiveLimits = DEFAULT_LIVE_LIMITS,
  ) {
    view.onChange((snapshot) => {
      // With nobody following, no frame is made (nor the patch it would carry).
      if (this.clients.size === 0) return;
      const patch = patchFrame(snapshot);
      this.broadcast(patch === null ? stateFrame(snapshot) : encoder.encode(patch));
    });
    if (heartbeatMs > 0) {
      this.heartbeat = setInterval(() => this.broadcast(KEEP_ALIVE), heartbeatMs);
      this.heartbeat.unref();
    }
  }

  get size(): number {
    return this.clients.size;
  }

  /** Why the board may lag the channel (the bot is cut off from IRC), or null: pages say it. */
  private notice: Uint8Array = noticeFrame(null);

  setNotice(paused: string | null): void {
    const frame = noticeFrame(paused);
    if (Buffer.compare(frame, this.notice) === 0) return;
    this.notice = frame;
    this.broadcast(frame);
  }

  /** What a page is told when it connects, after the state: the notice of the moment. */
  get currentNotice(): Uint8Array {
    return this.notice;
  }

  /** Why a new client from this address cannot join now, or null when it can. */
  refusal(address: string): string | null {
    if (this.clients.size >= this.limits.maxClients) return 'too many live pages';
    if ((this.perAddress.get(address) ?? 0) >= this.limits.maxPerAddress)
      return 'too many live pages from this address';
    return null;
  }

  add(client: LiveClient): () => void {
    this.clients.add(client);
    this.perAddress.set(client.address, (this.perAddress.get(client.address) ?? 0) + 1);
    return () => this.remove(client);
  }

  private remove(client: LiveClient): void {
    if (!this.clients.delete(client)) return;
    const left = (this.perAddress.get(client.address) ?? 1) - 1;
    if (left <= 0) this.perAddress.delete(client.address);
    else this.perAddress.set(client.address, left);
  }

  private broadcast(frame: Uint8Array): void {
    for (const client of this.clients) {
      try {
        if (client.backlog() + frame.length > this.limits.maxBacklogBytes) {
          this.dropped++;
          this.remove(client);
          client.close();
          continue;
        }
        client.write(frame);
      } catch {
        this.remove(client);
      }
    }
  }

  close(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    for (const client of this.clients) client.end();
    this.clients.clear();
    this.perAddress.clear();
  }
}
