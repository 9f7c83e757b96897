import autocannon from 'autocannon';
import { forkChild } from './child.js';
import { median, ms, perSecond, type Row } from './stats.js';

async function load(
  url: string,
  encoding: string | null,
  duration = 3,
): Promise<{ rps: number; p99: number }> {
  const result = await autocannon({
    url,
    connections: 50,
    duration,
    pipelining: 1,
    ...(encoding ? { headers: { 'accept-encoding': encoding } } : {}),
  });
  return { rps: result.requests.average, p99: result.latency.p99 };
}

const ROUNDS = 9;

/**
 * Both servers warmed up, then loaded back to back, nine rounds, the one going first
 * alternating. This machine's speed drifts within seconds, so the ratio is the median of
 * each round's own ratio (two runs seconds apart share the moment), not a ratio of medians.
 */
async function compare(ours: string, base: string, encoding: string | null) {
  await load(ours, encoding, 1);
  await load(base, encoding, 1);
  type Run = { rps: number; p99: number };
  const runs: { ours: Run[]; base: Run[] } = { ours: [], base: [] };
  for (let round = 0; round < ROUNDS; round++) {
    if (round % 2 === 0) {
      runs.ours.push(await load(ours, encoding, 2));
      runs.base.push(await load(base, encoding, 2));
    } else {
      runs.base.push(await load(base, encoding, 2));
      runs.ours.push(await load(ours, encoding, 2));
    }
  }
  const summary = (side: Run[]) => ({
    rps: median(side.map((r) => r.rps)),
    p99: median(side.map((r) => r.p99)),
  });
  const ratio = median(runs.ours.map((run, i) => run.rps / (runs.base[i] as Run).rps));
  return { ours: summary(runs.ours), base: summary(runs.base), ratio };
}

/** `/ptg.json` and `/` through the real app, against raw node:http serving the same bytes. */
export async function benchHttp(): Promise<Row[]> {
  const rows: Row[] = [];
  const app = await forkChild('./serverChild.ts', ['app']);
  const raw = await forkChild('./serverChild.ts', ['raw']);
  try {
    for (const path of ['/ptg.json', '/']) {
      for (const encoding of [null, 'gzip, deflate, br']) {
        const { ours, base, ratio } = await compare(
          `http://127.0.0.1:${app.ready.port}${path}`,
          `http://127.0.0.1:${raw.ready.port}${path}`,
          encoding,
        );
        rows.push({
          what: `HTTP ${path} ${encoding ? 'with' : 'without'} Accept-Encoding: requests/s, p99 (50 connections; ${ROUNDS} rounds back to back, medians)`,
          figure: `${perSecond(ours.rps)}, ${ms(ours.p99)}`,
          comparedWith: `raw node:http, same bytes and headers: ${perSecond(base.rps)}, ${ms(base.p99)} (ratio, the median of the rounds' own: ${ratio.toFixed(2)}; goal ≥ 0.6, p99 ≤ 2×)`,
        });
      }
    }
  } finally {
    await app.stop();
    await raw.stop();
  }
  return rows;
}
