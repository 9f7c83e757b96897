import type { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';

/** The parts of node:http's per-connection parser this file relies on (Node 18-22). */
interface ConnectionParser {
  _consumed?: boolean;
  unconsume(): void;
  finish(): unknown;
  remove(): void;
  close(): void;
  socket: unknown;
  incoming: unknown;
  outgoing: unknown;
  onIncoming: unknown;
}

type HttpSocket = Socket & {
  parser?: ConnectionParser | null;
  _httpMessage?: unknown;
  _paused?: boolean;
};

/** node:http's own listeners on a connection's socket, by their function names. */
const SERVER_LISTENERS: Record<string, readonly string[]> = {
  data: ['bound socketOnData'],
  end: ['bound socketOnEnd'],
  close: ['bound socketOnClose'],
  drain: ['bound socketOnDrain'],
  error: ['socketOnError'],
  timeout: ['socketOnTimeout'],
  resume: ['onSocketResume'],
  pause: ['onSocketPause'],
};
const PARSER_METHODS = ['unconsume', 'finish', 'remove', 'close'] as const;
/** Methods node:http overrides on each socket it serves. */
const OVERRIDDEN = ['on', 'addListener', 'prependListener', 'setEncoding'] as const;

const serverListeners = (socket: Socket, event: string) =>
  socket
    .listeners(event)
    .filter((listener) => SERVER_LISTENERS[event]?.includes((listener as () => void).name));

function parserOf(socket: HttpSocket): ConnectionParser | null {
  const parser = socket.parser;
  if (!parser || PARSER_METHODS.some((method) => typeof parser[method] !== 'function')) return null;
  return parser;
}

const closeParser = (parser: ConnectionParser) => parser.close();

/**
 * Takes the connection of a request we answer away from node:http, as its upgrade path
 * does, and returns its socket, or null (changing nothing) when that cannot be done safely:
 * the response is queued behind a pipelined one, the request has a body still coming, the
 * socket is closing, or node:http's internals are not the ones this knows.
 *
 * Why: a page following the live stream holds its connection for hours, and node:http
 * keeps per connection a parser (a few KiB of native memory), the request, the response
 * and their listeners: twice what the socket itself needs. Node 20 has no public way to
 * take a connection outside an upgrade (Node 24's `shouldUpgradeCallback` is one).
 *
 * Call it after the request listener has returned: the parser is still running inside it.
 * The socket comes back with no listeners of node:http's and nothing reading it.
 */
export function takeSocket(request: IncomingMessage, response: ServerResponse): Socket | null {
  const socket = request.socket as HttpSocket;
  const parser = parserOf(socket);
  if (
    parser === null ||
    socket.destroyed ||
    socket._paused === true ||
    socket._httpMessage !== response ||
    response.headersSent ||
    !request.complete ||
    serverListeners(socket, 'data').length !== 1 ||
    OVERRIDDEN.some((method) => !Object.hasOwn(socket, method))
  ) {
    return null;
  }
  response.detachSocket(socket);
  for (const event of Object.keys(SERVER_LISTENERS)) {
    for (const listener of serverListeners(socket, event)) {
      socket.removeListener(event, listener as () => void);
    }
  }
  // Back to the socket's own methods. Deleting the own properties instead would turn the
  // socket into a dictionary-mode object, which costs more than the four properties.
  for (const method of OVERRIDDEN) {
    (socket as unknown as Record<string, unknown>)[method] = Socket.prototype[method];
  }
  if (parser._consumed) {
    parser.unconsume();
    parser._consumed = false;
  }
  parser.finish();
  parser.remove();
  parser.socket = parser.incoming = parser.outgoing = parser.onIncoming = null;
  // The tick queue can run while the parser's own read callback is still on the stack (its
  // onExecute is the outermost callback scope): freeing it there would pull the native
  // parser from under that frame. node:http defers the close the same way.
  setImmediate(closeParser, parser);
  socket.parser = null;
  // A keep-alive timeout node:http set after an earlier response on this connection.
  socket.setTimeout(0);
  return socket;
}

/**
 * Calls back on a later tick once the response is the one its connection is sending: the
 * next tick for most requests; for a pipelined one, once the responses before it are done;
 * never when the connection ends first, or when a response before it never ends.
 */
export function whenSending(
  request: IncomingMessage,
  response: ServerResponse,
  then: () => void,
): void {
  const sending = (request.socket as HttpSocket)._httpMessage;
  if (sending === response || sending === undefined) process.nextTick(then);
  else response.once('socket', () => process.nextTick(then));
}
