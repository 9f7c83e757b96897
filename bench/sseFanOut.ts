import { Agent, request } from 'node:http';
import { forkChild } from './child.js';
import { ms, type Row } from './stats.js';

const CLIENTS = 5000;

/** 5,000 pages following /api/events: how long one change takes to reach the last of them. */
export async function benchSseFanOut(): Promise<Row[]> {
  const server = await forkChild('./serverChild.ts', ['app'], ['--expose-gc']);
  const idle = await server.ask({ type: 'memory' }, 'memory');
  const base = idle.rss as number;
  const agent = new Agent({ keepAlive: false, maxSockets: Infinity });
  const arrivals: number[] = [];
  let expected = '';
  const requests: Array<ReturnType<typeof request>> = [];
  let connected = 0;
  const allConnected = new Promise<void>((resolve) => {
    for (let i = 0; i < CLIENTS; i++) {
      const req = request(
        { host: '127.0.0.1', port: server.ready.port as number, path: '/api/events', agent },
        (res) => {
          let buffer = '';
          let first = true;
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            buffer += chunk;
            if (first && buffer.includes('event: state')) {
              first = false;
              buffer = '';
              if (++connected === CLIENTS) resolve();
            } else if (expected !== '' && buffer.includes(expected)) {
              arrivals.push(performance.timeOrigin + performance.now());
              buffer = '';
            }
          });
        },
      );
      req.end();
      requests.push(req);
    }
  });
  await allConnected;
  const withClients = (await server.ask({ type: 'memory' }, 'memory')) as {
    rss: number;
    heapUsed: number;
    clients: number;
  };
  const everyoneHasIt = new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      if (arrivals.length >= CLIENTS) {
        clearInterval(timer);
        resolve();
      }
    }, 5);
  });
  expected = 'change 1';
  const { t0 } = (await server.ask({ type: 'change' }, 'changed')) as { t0: number };
  await everyoneHasIt;
  const last = Math.max(...arrivals) - t0;
  const first = Math.min(...arrivals) - t0;
  for (const req of requests) req.destroy();
  await server.stop();
  return [
    {
      what: `SSE fan-out: one change to the last of ${CLIENTS.toLocaleString('en-US')} clients`,
      figure: ms(last),
      comparedWith: `to the first client: ${ms(first)}`,
    },
    {
      what: `server RSS with ${CLIENTS.toLocaleString('en-US')} SSE clients connected (${withClients.clients} counted)`,
      figure: `${Math.round(withClients.rss / 2 ** 20)} MiB`,
      comparedWith: `the same server with none: ${Math.round(base / 2 ** 20)} MiB`,
    },
    {
      what: 'memory per idle SSE client (RSS after a GC; of it, JavaScript heap)',
      figure: `${((withClients.rss - base) / CLIENTS / 1024).toFixed(1)} KiB (heap ${((withClients.heapUsed - (idle.heapUsed as number)) / CLIENTS / 1024).toFixed(1)} KiB)`,
      comparedWith: 'goal: at most 5 KiB',
    },
  ];
}
