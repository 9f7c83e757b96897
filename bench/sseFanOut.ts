import { Agent, type ClientRequest, request } from 'node:http';
import { type Child, forkChild } from './child.js';
import { median, ms, percentile, type Row } from './stats.js';

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
  /** The size of V8's young generation. */
  young: number;
  clients: number;
}
const memoryOf = async (server: Child) =>
  (await server.ask({ type: 'memory' }, 'memory')) as unknown as Memory;
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

interface PerClient {
  rss: number;
  heap: number;
  /** How much the young generation grew meanwhile, in all (not per client). */
  youngGrowth: number;
}
const perClient = (from: Memory, to: Memory): PerClient => ({
  rss: (to.rss - from.rss) / CLIENTS,
  heap: (to.heapUsed - from.heapUsed) / CLIENTS,
  youngGrowth: to.young - from.young,
});
const cost = ({ rss, heap }: PerClient) => `${kib(rss)} (heap ${kib(heap)})`;
const mib = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MiB`;
/** The cost, with how much V8's young generation grew meanwhile: a fixed cost, not per page. */
const costAndYoung = (c: PerClient) =>
  `${kib(c.rss)} (heap ${kib(c.heap)}; the young generation grew ${mib(c.youngGrowth)} in all)`;

/**
 * What idle followers cost a server of this mode, after a GC: the first 5,000 on a fresh
 * server, which carry its one-time growth (chiefly V8's young generation, grown by the
 * garbage of 5,000 requests and kept until a memory-reducing GC), and the next
 * 5,000 on top of them: what one more page holds once the server has grown.
 */
async function idleCostOnce(mode: string): Promise<{ first: PerClient; next: PerClient }> {
  const server = await forkChild('./serverChild.ts', [mode], ['--expose-gc']);
  const port = server.ready.port as number;
  const fresh = await memoryOf(server);
  const first = await follow(port, CLIENTS);
  const withFirst = await memoryOf(server);
  const next = await follow(port, CLIENTS);
  const withBoth = await memoryOf(server);
  if (withBoth.clients !== 2 * CLIENTS) throw new Error(`${mode}: ${withBoth.clients} held`);
  for (const req of [...first.requests, ...next.requests]) req.destroy();
  await server.stop();
  return { first: perClient(fresh, withFirst), next: perClient(withFirst, withBoth) };
}

/** RSS moves by whole pages and allocator moods: each figure is the median of three servers. */
async function idleCost(mode: string): Promise<{ first: PerClient; next: PerClient }> {
  const runs: { first: PerClient; next: PerClient }[] = [];
  for (let i = 0; i < 3; i++) runs.push(await idleCostOnce(mode));
  const middle = (which: 'first' | 'next') => ({
    rss: median(runs.map((run) => run[which].rss)),
    heap: median(runs.map((run) => run[which].heap)),
    youngGrowth: median(runs.map((run) => run[which].youngGrowth)),
  });
  return { first: middle('first'), next: middle('next') };
}

const PAGES = 2000;
const LINES = 200;
const LINES_PER_SECOND = 20;

/**
 * 2,000 pages following /api/events while a moderator's lines come at 20 a second: how
 * long each line takes to reach each page, from the moment the bot is given the line.
 */
async function lineToEveryPage(): Promise<number[]> {
  const server = await forkChild('./serverChild.ts', ['app'], ['--expose-gc']);
  const agent = new Agent({ keepAlive: false, maxSockets: Infinity });
  const sent = new Map<number, number>();
  const seen: Array<[number, number]> = [];
  let connected = 0;
  const requests: ClientRequest[] = [];
  await new Promise<void>((resolve) => {
    for (let i = 0; i < PAGES; i++) {
      const req = request(
        { host: '127.0.0.1', port: server.ready.port as number, path: '/api/events', agent },
        (res) => {
          let buffer = '';
          let first = true;
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            const at = performance.timeOrigin + performance.now();
            buffer += chunk;
            if (first && buffer.includes('retry:')) {
              first = false;
              if (++connected === PAGES) resolve();
            }
            for (const match of buffer.matchAll(/line (\d+)\b/g)) seen.push([Number(match[1]), at]);
            buffer = buffer.slice(buffer.lastIndexOf('\n') + 1);
          });
        },
      );
      req.end();
      requests.push(req);
    }
  });
  for (let k = 1; k <= LINES; k++) {
    const reply = await server.ask({ type: 'line', n: k } as { type: string }, 'said');
    sent.set(k, reply.t0 as number);
    await new Promise((r) => setTimeout(r, 1000 / LINES_PER_SECOND));
  }
  // Every page has every line: none is missing from the measure.
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      if (seen.filter(([k]) => k === LINES).length >= PAGES) {
        clearInterval(timer);
        resolve();
      }
    }, 20);
  });
  for (const req of requests) req.destroy();
  await server.stop();
  const latencies = seen.flatMap(([k, at]) => (sent.has(k) ? [at - (sent.get(k) as number)] : []));
  return latencies.sort((a, b) => a - b);
}

export async function benchSseFanOut(): Promise<Row[]> {
  const latencies = await lineToEveryPage();
  // Ours and the floors, measured the same way: node:http holding open responses, bare sockets.
  const ours = await idleCost('app');
  const http = await idleCost('stream-http');
  const net = await idleCost('stream-net');
  const floors = (which: 'first' | 'next', show = cost) =>
    `node:http holding an open response ${show(http[which])}; a bare socket ${show(net[which])}`;
  return [
    {
      what: `a moderator's line to every open page: ${PAGES.toLocaleString('en-US')} pages, ${LINES} lines at ${LINES_PER_SECOND} a second (${latencies.length.toLocaleString('en-US')} arrivals), p50 / p99`,
      figure: `${ms(percentile(latencies, 50))} / ${ms(percentile(latencies, 99))}`,
      comparedWith: 'goal: p99 under 250 ms',
    },
    {
      what: `memory per idle live page: the next ${CLIENTS.toLocaleString('en-US')} on top of ${CLIENTS.toLocaleString('en-US')} (RSS after a GC; of it, JavaScript heap; median of 3 servers)`,
      figure: cost(ours.next),
      comparedWith: `printed, not a goal. Floors: ${floors('next')}`,
    },
    {
      what: `memory per idle live page: the first ${CLIENTS.toLocaleString('en-US')} on a fresh server (with its one-time growth)`,
      figure: costAndYoung(ours.first),
      comparedWith: `floors: ${floors('first', costAndYoung)}`,
    },
  ];
}
