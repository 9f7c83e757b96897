import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { type LiveClient, type LiveHub, stateFrame } from './liveHub.js';
import type { StateView } from './stateView.js';
import { securityHeadersFor } from './storedAnswer.js';
import { takeSocket, whenSending } from './takeSocket.js';

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

/** The head of a stream written on a taken socket: its body runs until the connection ends. */
const RAW_HEAD = Buffer.from(
  `HTTP/1.1 200 OK\r\n${pairs([...STREAM_HEADERS, 'Connection', 'close'])}\r\n`,
  'latin1',
);

function pairs(headers: readonly string[]): string {
  let lines = '';
  for (let i = 0; i < headers.length; i += 2) lines += `${headers[i]}: ${headers[i + 1]}\r\n`;
  return lines;
}

/**
 * `/api/events`: the state on connect (unless the page already has it, by Last-Event-ID),
 * then every change the hub sends. The connection is taken from node:http once the request
 * is in and the responses before it on that connection are done, so that a following page
 * costs its socket and one entry in the hub; when it cannot be taken (see takeSocket), the
 * stream is written on Node's response instead. A stream pipelined behind another one is
 * never answered: the one before it never ends.
 */
export function serveLiveStream(
  hub: LiveHub,
  view: StateView,
  request: IncomingMessage,
  response: ServerResponse,
): void {
  // node:http is still parsing this request: its connection can be taken once that is done.
  whenSending(request, response, () => {
    const address = request.socket.remoteAddress ?? 'local';
    const refusal = hub.refusal(address);
    if (refusal !== null) {
      response.writeHead(503, REFUSED_HEADERS).end(`Live updates refused: ${refusal}`);
      return;
    }
    const id = request.headers['last-event-id'];
    const lastEventId = typeof id === 'string' ? id : undefined;
    const socket = takeSocket(request, response);
    if (socket !== null) followOnSocket(hub, view, address, lastEventId, socket);
    else if (!response.destroyed) followOnResponse(hub, view, address, lastEventId, response);
  });
}

const opening = (view: StateView, lastEventId: string | undefined) => {
  const snapshot = view.snapshot;
  return lastEventId === snapshot.version ? null : stateFrame(snapshot);
};

/** What a page's stream is written on: a taken socket, or node:http's response. */
interface PageStream {
  write(chunk: Uint8Array): unknown;
  readonly writableLength: number;
  destroy(): unknown;
  once(event: 'close', listener: () => void): unknown;
}

/** A following page, as the hub sees it: methods on a class, so a page costs no closures. */
class Follower implements LiveClient {
  constructor(
    readonly address: string,
    private readonly stream: PageStream,
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
}

/** After the head: the retry delay, the state unless the page has it, then the hub's frames. */
function follow(
  hub: LiveHub,
  view: StateView,
  address: string,
  lastEventId: string | undefined,
  stream: PageStream,
): void {
  stream.write(RETRY);
  const state = opening(view, lastEventId);
  if (state !== null) stream.write(state);
  stream.once('close', hub.add(new Follower(address, stream)));
}

function followOnSocket(
  hub: LiveHub,
  view: StateView,
  address: string,
  lastEventId: string | undefined,
  socket: Socket,
): void {
  socket.write(RAW_HEAD);
  follow(hub, view, address, lastEventId, socket);
  // A page says nothing more on this connection; reading is how its going away is seen.
  socket.on('data', ignore);
  socket.on('end', destroyOnEnd);
  socket.on('error', ignore);
}

function ignore(): void {}
function destroyOnEnd(this: Socket): void {
  this.destroy();
}

function followOnResponse(
  hub: LiveHub,
  view: StateView,
  address: string,
  lastEventId: string | undefined,
  response: ServerResponse,
): void {
  response.writeHead(200, STREAM_HEADERS);
  follow(hub, view, address, lastEventId, response);
}
