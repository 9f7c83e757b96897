import type { StateView, ViewSnapshot } from './stateView.js';

export interface LiveClient {
  write(frame: Uint8Array): void;
}

const encoder = new TextEncoder();

/** The SSE frame that carries a whole state; built once per change for every client. */
export const stateFrame = (view: ViewSnapshot): string =>
  `id: ${view.version}\nevent: state\ndata: ${view.stateJson}\n\n`;

/**
 * Everyone following `/api/events`: each change goes out to all of them as one
 * pre-built frame; a comment line now and then keeps proxies from closing idle streams.
 */
export class LiveHub {
  private readonly clients = new Set<LiveClient>();
  private heartbeat: NodeJS.Timeout | null = null;

  constructor(view: StateView, heartbeatMs = 15_000) {
    view.onChange((snapshot) => this.broadcast(stateFrame(snapshot)));
    if (heartbeatMs > 0) {
      this.heartbeat = setInterval(() => this.broadcast(': keep-alive\n\n'), heartbeatMs);
      this.heartbeat.unref();
    }
  }

  get size(): number {
    return this.clients.size;
  }

  add(client: LiveClient): () => void {
    this.clients.add(client);
    return () => this.clients.delete(client);
  }

  private broadcast(text: string): void {
    const frame = encoder.encode(text);
    for (const client of this.clients) {
      try {
        client.write(frame);
      } catch {
        this.clients.delete(client);
      }
    }
  }

  close(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.clients.clear();
  }
}
