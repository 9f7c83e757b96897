import type { HttpApp } from '../../src/http/app.js';
import type { LiveHub } from '../../src/http/liveHub.js';
import type { StateView } from '../../src/http/stateView.js';
import { fixtureData, type Harness, harness } from './harness.js';

export interface Web extends Harness {
  app: HttpApp;
  view: StateView;
  hub: LiveHub;
}

/** The event behind the real Hono app, as the composition root wires it. */
export async function web(options: Parameters<typeof harness>[0] = {}): Promise<Web> {
  const h = await harness({ data: fixtureData('event-later.json'), ...options });
  return { ...h, app: h.bot.app, view: h.bot.view, hub: h.bot.hub };
}

/** Reads SSE frames from a response body, one at a time. */
export function sseReader(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  return {
    async next(): Promise<string> {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end !== -1) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          return frame;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        buffer += decoder.decode(value, { stream: true });
      }
    },
    cancel: () => reader.cancel(),
  };
}

export function parseFrame(frame: string): { id?: string; event?: string; data?: string } {
  const out: Record<string, string> = {};
  for (const line of frame.split('\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    out[line.slice(0, colon)] = line.slice(colon + 1).trimStart();
  }
  return out;
}
