/**
 * A server for the HTTP benchmarks, in its own process so that the load generator and
 * the clients do not share its CPU or heap. `app`: the bot's real listener; `raw`:
 * node:http answering the same bytes, headers included, from memory; `stream-http` and
 * `stream-net`: the floors for an idle event stream, node:http holding open responses and
 * bare sockets holding a written head. Prints its port; answers IPC requests.
 */
import { createServer } from 'node:http';
import { type AddressInfo, createServer as createNetServer, type Socket } from 'node:net';
import { getHeapSpaceStatistics } from 'node:v8';
import { Encoded } from '../src/http/encoded.js';
import { renderPage } from '../src/http/render/page.js';
import { storedAnswer } from '../src/http/storedAnswer.js';
import { OP } from '../test/helpers/harness.js';
import { web } from '../test/helpers/web.js';

const mode = process.argv[2];
// Thousands of pages from one address: the bench is one machine.
const w = await web({
  liveLimits: { maxClients: 100_000, maxPerAddress: 100_000, maxBacklogBytes: 1 << 20 },
});
await w.tick();
for (const [track, topic] of [
  ['nova', 'live migration with #cinder'],
  ['swift', 'ring balancing'],
  ['cinder', 'multi-attach https://example.org/spec'],
]) {
  await w.say(`#${track} now ${topic}`, OP);
  await w.say(`#${track} next follow-up for ${track}`, OP);
}

const RETRY = 'retry: 2000\n\n';
const RAW_HEAD = `HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n${RETRY}`;
let port: number;
let heldCount = () => w.hub.size;
if (mode === 'raw') {
  const { ptgJson, state, version } = w.view.snapshot;
  // The same bytes ours serves, compressed once, picked per request: the floor for serving.
  const page = new Encoded(renderPage(state, version, 'UTC'), '"p"', 'text/html');
  const json = new Encoded(ptgJson, '"j"', 'application/json');
  // The same headers too (security headers, ETag, Vary...), made once per encoding: Node's
  // handling of each header line is work any server sending those bytes does.
  const heads = new Map<string, Readonly<Record<string, string>>>();
  const server = createServer((req, res) => {
    const representation = req.url === '/ptg.json' ? json : page;
    const accept = req.headers['accept-encoding'];
    const { bytes, encoding } = representation.pick(accept);
    const key = `${representation.type} ${encoding}`;
    let head = heads.get(key);
    if (head === undefined) {
      head = storedAnswer({ representation: () => representation }, accept, undefined).headers;
      heads.set(key, head);
    }
    res.writeHead(200, head);
    res.end(bytes);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
} else if (mode === 'stream-http' || mode === 'stream-net') {
  const held = new Set<unknown>();
  const hold = (stream: { once: (event: 'close', listener: () => void) => unknown }) => {
    held.add(stream);
    stream.once('close', () => held.delete(stream));
  };
  const server =
    mode === 'stream-http'
      ? createServer((_req, res) => {
          res.writeHead(200, { 'Content-Type': 'text/event-stream' }).write(RETRY);
          hold(res);
        })
      : createNetServer((socket: Socket) => {
          socket.once('data', () => {
            socket.write(RAW_HEAD);
            hold(socket);
          });
        });
  heldCount = () => held.size;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
} else {
  const server = createServer(w.bot.listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
}

process.on('message', async (message: { type: string; n?: number }) => {
  if (message.type === 'line') {
    // The moment the bot is given the line, as a moderator's line arrives from IRC.
    const t0 = performance.timeOrigin + performance.now();
    void w.say(`#swift now line ${message.n}`, OP);
    process.send?.({ type: 'said', t0 });
  } else if (message.type === 'memory') {
    // What the clients hold, not the garbage their connecting left behind.
    (globalThis as { gc?: () => void }).gc?.();
    const { rss, heapUsed } = process.memoryUsage();
    // V8's young generation grows to its cap under a burst of allocation and stays there
    // until a memory-reducing GC: a fixed cost, however many pages follow.
    const young = getHeapSpaceStatistics()
      .filter((space) => space.space_name.startsWith('new_'))
      .reduce((sum, space) => sum + space.space_size, 0);
    process.send?.({ type: 'memory', rss, heapUsed, young, clients: heldCount() });
  }
});
process.send?.({ type: 'ready', port });
