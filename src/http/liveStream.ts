import type { IncomingMessage, ServerResponse } from 'node:http';
import { type LiveClient, type LiveHub, stateFrame } from './liveHub.js';
import type { StateView } from './stateView.js';
import { securityHeadersFor } from './storedAnswer.js';

const RETRY = new TextEncoder().encode('retry: 2000\n\n');
const STREAM_TYPE = 'text/event-stream; charset=utf-8';
const STREAM_HEADERS = [
  ...securityHeadersFor(STREAM_TYPE).flat(),
  'Content-Type',
  STREAM_TYPE,
  'Cache-Control',
  'no-cache, no-transform',
  'X-Accel-Buffering',
  'no',
];
const REFUSED_HEADERS = [
  ...securityHeadersFor('text/plain').flat(),
  'Content-Type',
  'text/plain; charset=utf-8',
  'Retry-After',
  '30',
];

/**
 * `/api/events`: the state on connect (unless the page already has it, by Last-Event-ID),
 * then every change the hub sends, written on Node's response for this request.
 */
export function serveLiveStream(
  hub: LiveHub,
  view: StateView,
  request: IncomingMessage,
  response: ServerResponse,
  address: string,
): void {
  // A page that left before its request was handled is not followed.
  if (request.socket.destroyed) return;
  // Pipelined behind another answer, this one waits (buffered) until that ends: a stream
  // behind a stream would hold a hub entry and its frames forever. Browsers never do it.
  const refusal =
    response.socket === null
      ? 'a stream may not be pipelined behind another request'
      : hub.refusal(address);
  if (refusal !== null) {
    response.writeHead(503, REFUSED_HEADERS).end(`Live updates refused: ${refusal}`);
    return;
  }
  const id = request.headers['last-event-id'];
  response.writeHead(200, STREAM_HEADERS);
  response.write(RETRY);
  const state = opening(view, typeof id === 'string' ? id : undefined);
  if (state !== null) response.write(state);
  response.write(hub.currentNotice);
  response.once('close', hub.add(new Follower(address, response)));
  // A page that half-closes its connection has left: node:http would wait for the stream
  // to end (it never does) before closing its side.
  request.socket.once('end', () => response.destroy());
}

const opening = (view: StateView, lastEventId: string | undefined) => {
  const snapshot = view.snapshot;
  return lastEventId === snapshot.version ? null : stateFrame(snapshot);
};

/** A following page, as the hub sees it: methods on a class, so a page costs no closures. */
class Follower implements LiveClient {
  constructor(
    readonly address: string,
    private readonly stream: ServerResponse,
  ) {}
  write(frame: Uint8Array): void {
    this.stream.write(frame);
  }
  /** What Node holds for this page beyond what the kernel took: bytes unread. */
  backlog(): number {
    return this.stream.writableLength;
  }
  /** Cutting the connection frees what it holds at once; the page reconnects. */
  close(): void {
    this.stream.destroy();
  }
  end(): void {
    this.stream.end();
  }
}
