import autocannon from 'autocannon';
import { forkChild } from './child.js';
import { ms, perSecond, type Row } from './stats.js';

async function load(url: string, encoding: string | null): Promise<{ rps: number; p99: number }> {
  const result = await autocannon({
    url,
    connections: 50,
    duration: 5,
    pipelining: 1,
    ...(encoding ? { headers: { 'accept-encoding': encoding } } : {}),
  });
  return { rps: result.requests.average, p99: result.latency.p99 };
}

/** `/ptg.json` and `/` through the real app, against raw node:http serving the same bytes. */
export async function benchHttp(): Promise<Row[]> {
  const rows: Row[] = [];
  const app = await forkChild('./serverChild.ts', ['app']);
  const raw = await forkChild('./serverChild.ts', ['raw']);
  try {
    for (const path of ['/ptg.json', '/']) {
      for (const encoding of [null, 'gzip, deflate, br']) {
        const ours = await load(`http://127.0.0.1:${app.ready.port}${path}`, encoding);
        const base = await load(`http://127.0.0.1:${raw.ready.port}${path}`, encoding);
        rows.push({
          what: `HTTP ${path} ${encoding ? 'with' : 'without'} Accept-Encoding: requests/s, p99 (50 connections)`,
          figure: `${perSecond(ours.rps)}, ${ms(ours.p99)}`,
          comparedWith: `raw node:http, same bytes: ${perSecond(base.rps)}, ${ms(base.p99)} (ratio ${(ours.rps / base.rps).toFixed(2)}; goal ≥ 0.9, p99 ≤ 2×)`,
        });
      }
    }
  } finally {
    await app.stop();
    await raw.stop();
  }
  return rows;
}
