/**
 * A server for the HTTP benchmarks, in its own process so that the load generator and
 * the clients do not share its CPU or heap. `app`: the bot's real listener; `raw`: node:http
 * answering the same bytes from memory. Prints its port; answers IPC requests.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Encoded } from '../src/http/encoded.js';
import { renderPage } from '../src/http/render/page.js';
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

let port: number;
if (mode === 'raw') {
  const { ptgJson, state, version } = w.view.snapshot;
  // The same bytes ours serves, compressed once, picked per request: the floor for serving.
  const page = new Encoded(renderPage(state, version, 'UTC'), '"p"', 'text/html');
  const json = new Encoded(ptgJson, '"j"', 'application/json');
  const server = createServer((req, res) => {
    const representation = req.url === '/ptg.json' ? json : page;
    const { bytes, encoding } = representation.pick(req.headers['accept-encoding']);
    res.writeHead(200, {
      'Content-Type': representation.type,
      'Content-Length': bytes.length,
      ...(encoding ? { 'Content-Encoding': encoding } : {}),
    });
    res.end(bytes);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
} else {
  const server = createServer(w.bot.listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
}

let n = 0;
process.on('message', async (message: { type: string }) => {
  if (message.type === 'change') {
    const t0 = performance.timeOrigin + performance.now();
    await w.say(`#swift now change ${++n}`, OP);
    process.send?.({ type: 'changed', t0, topic: `change ${n}` });
  } else if (message.type === 'memory') {
    // What the clients hold, not the garbage their connecting left behind.
    (globalThis as { gc?: () => void }).gc?.();
    const { rss, heapUsed } = process.memoryUsage();
    process.send?.({ type: 'memory', rss, heapUsed, clients: w.hub.size });
  }
});
process.send?.({ type: 'ready', port });
