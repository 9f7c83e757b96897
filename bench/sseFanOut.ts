import { Agent, type ClientRequest, request } from 'node:http';
import { type Child, forkChild } from './child.js';
import { ms, type Row } from './stats.js';

const CLIENTS = 5000;

interface Followers {
  requests: ClientRequest[];
  /** When each follower saw `expected` (set it before the change is made). */
  arrivals: number[];
  expect: (text: string) => void;
}

/** Opens `count` event streams and resolves once each has its first bytes. */
function follow(port: number, count: number): Promise<Followers> {
  const agent = new Agent({ keepAlive: false, maxSockets: Infinity });
  const arrivals: number[] = [];
  let expected = '';
  const requests: ClientRequest[] = [];
  let connected = 0;
  return new Promise((resolve) => {
    const followers = { requests, arrivals, expect: (text: string) => (expected = text) };
    for (let i = 0; i < count; i++) {
      const req = request({ host: '127.0.0.1', port, path: '/api/events', agent }, (res) => {
        let buffer = '';
        let first = true;
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          if (first && buffer.includes('retry:')) {
            first = false;
            buffer = '';
            if (++connected === count) resolve(followers);
          } else if (expected !== '' && buffer.includes(expected)) {
            arrivals.push(performance.timeOrigin + performance.now());
            buffer = '';
          }
        });
      });
      req.end();
      requests.push(req);
    }
  });
}

interface Memory {
  rss: number;
  heapUsed: number;
  clients: number;
}
const memoryOf = async (server: Child) =>
  (await server.ask({ type: 'memory' }, 'memory')) as unknown as Memory;
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

/** What one idle follower costs a server of this mode: RSS and heap, after a GC. */
async function idleCost(mode: string): Promise<{ rss: number; heap: number }> {
  const server = await forkChild('./serverChild.ts', [mode], ['--expose-gc']);
  const before = await memoryOf(server);
  const followers = await follow(server.ready.port as number, CLIENTS);
  const after = await memoryOf(server);
  for (const req of followers.requests) req.destroy();
  await server.stop();
  return {
    rss: (after.rss - before.rss) / CLIENTS,
    heap: (after.heapUsed - before.heapUsed) / CLIENTS,
  };
}

/** 5,000 pages following /api/events: how long one change takes to reach the last of them. */
export async function benchSseFanOut(): Promise<Row[]> {
  const server = await forkChild('./serverChild.ts', ['app'], ['--expose-gc']);
  const idle = await memoryOf(server);
  const followers = await follow(server.ready.port as number, CLIENTS);
  const withClients = await memoryOf(server);
  const { arrivals } = followers;
  const everyoneHasIt = new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      if (arrivals.length >= CLIENTS) {
        clearInterval(timer);
        resolve();
      }
    }, 5);
  });
  followers.expect('change 1');
  const { t0 } = (await server.ask({ type: 'change' }, 'changed')) as { t0: number };
  await everyoneHasIt;
  const last = Math.max(...arrivals) - t0;
  const first = Math.min(...arrivals) - t0;
  for (const req of followers.requests) req.destroy();
  await server.stop();

  // The floors, measured the same way: node:http holding open responses, and bare sockets.
  const http = await idleCost('stream-http');
  const net = await idleCost('stream-net');
  const perClient = (withClients.rss - idle.rss) / CLIENTS;
  const heapPerClient = (withClients.heapUsed - idle.heapUsed) / CLIENTS;
  return [
    {
      what: `SSE fan-out: one change to the last of ${CLIENTS.toLocaleString('en-US')} clients`,
      figure: ms(last),
      comparedWith: `to the first client: ${ms(first)}`,
    },
    {
      what: `server RSS with ${CLIENTS.toLocaleString('en-US')} SSE clients connected (${withClients.clients} counted)`,
      figure: `${Math.round(withClients.rss / 2 ** 20)} MiB`,
      comparedWith: `the same server with none: ${Math.round(idle.rss / 2 ** 20)} MiB`,
    },
    {
      what: 'memory per idle SSE client (RSS after a GC; of it, JavaScript heap)',
      figure: `${kib(perClient)} (heap ${kib(heapPerClient)})`,
      comparedWith: `goal: at most 5 KiB. Floors: node:http holding an open response ${kib(http.rss)} (heap ${kib(http.heap)}); a bare socket ${kib(net.rss)} (heap ${kib(net.heap)})`,
    },
  ];
}
