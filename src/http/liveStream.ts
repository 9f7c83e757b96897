import type { IncomingMessage, ServerResponse } from 'node:http';
import { type LiveHub, stateFrame } from './liveHub.js';
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
 * `/api/events`, on Node's own response: the state on connect (unless the page already
 * has it, by Last-Event-ID), then every change the hub sends. A following page costs its
 * socket and one entry in the hub, nothing per change but the shared frame.
 */
export function serveLiveStream(
  hub: LiveHub,
  view: StateView,
  request: IncomingMessage,
  response: ServerResponse,
): void {
  const address = request.socket.remoteAddress ?? 'local';
  const refusal = hub.refusal(address);
  if (refusal !== null) {
    response.writeHead(503, REFUSED_HEADERS).end(`Live updates refused: ${refusal}`);
    return;
  }
  response.writeHead(200, STREAM_HEADERS);
  const snapshot = view.snapshot;
  response.write(RETRY);
  if (request.headers['last-event-id'] !== snapshot.version) response.write(stateFrame(snapshot));
  const leave = hub.add({
    address,
    write: (frame) => response.write(frame),
    // What Node holds for this page beyond what the kernel took: bytes unread.
    backlog: () => response.writableLength,
    // Cutting the connection frees what it holds at once; the page reconnects.
    close: () => response.destroy(),
  });
  response.once('close', leave);
}
