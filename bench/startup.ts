import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { median, ms, type Row } from './stats.js';

const SHARED = new URL('../../shared/fixtures/upstream-base.json', import.meta.url).pathname;
const OWN = new URL('../test/fixtures/event-later.json', import.meta.url).pathname;
const BIN = new URL('../bin/ptgbot.js', import.meta.url).pathname;

export const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

/** A bare node:http server sending a file's bytes: the floor a start is measured against. */
const BARE = `const http = require('node:http'); const body = require('node:fs').readFileSync(process.argv[2]);
http.createServer((q, r) => { r.writeHead(200, { 'Content-Type': 'application/json' }); r.end(body); }).listen(Number(process.argv[3]), '127.0.0.1');`;

const rssMiB = (pid: number) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

/**
 * RSS once it has settled: V8 keeps the young generation it grew during the start until its
 * memory reducer runs, some seconds into idleness, so a reading taken at once is the start's
 * and not what a running bot holds. Read every half second until it has not moved by more
 * than half a MiB for five seconds, and at least twelve seconds in; at most thirty.
 */
async function settledRss(pid: number): Promise<number> {
  const started = performance.now();
  const readings: Array<{ at: number; rss: number }> = [];
  for (;;) {
    await new Promise((r) => setTimeout(r, 500));
    const at = performance.now() - started;
    const rss = rssMiB(pid);
    readings.push({ at, rss });
    const recent = readings.filter((r) => r.at >= at - 5000).map((r) => r.rss);
    const steady = at >= 12_000 && Math.max(...recent) - Math.min(...recent) <= 0.5;
    if (steady || at >= 30_000) return rss;
  }
}

interface Run {
  startMs: number;
  /** Two seconds after the first /ptg.json: the start's heap is still there. */
  rssAtStartMiB: number;
  rssSettledMiB: number;
}

/** Spawns a server, times it from spawn to its first /ptg.json, reads its RSS when idle. */
async function run(args: string[]): Promise<Run> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [...args.map((a) => a.replace('PORT', String(port)))], {
    stdio: 'ignore',
  });
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  for (;;) {
    if (exited || performance.now() - started > 30_000)
      throw new Error(`${args.join(' ')} did not serve /ptg.json`);
    const ok = await fetch(`http://127.0.0.1:${port}/ptg.json`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
  }
  const startMs = performance.now() - started;
  await new Promise((r) => setTimeout(r, 2000));
  const rssAtStartMiB = rssMiB(child.pid as number);
  const rssSettledMiB = await settledRss(child.pid as number);
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  return { startMs, rssAtStartMiB, rssSettledMiB };
}

/** Start to /ptg.json served, and idle memory, of the built bot against bare node:http. */
export async function benchStartup(dir: string): Promise<Row[]> {
  const source = existsSync(SHARED) ? 'a real event base file' : 'the test fixture';
  const ours: Run[] = [];
  const bare: Run[] = [];
  writeFileSync(join(dir, 'bare.cjs'), BARE);
  for (let i = 0; i < 5; i++) {
    const run_dir = join(dir, `run${i}`);
    writeFileSync(join(dir, `event${i}.json`), readFileSync(existsSync(SHARED) ? SHARED : OWN));
    writeFileSync(
      join(dir, `config${i}.json`),
      JSON.stringify({
        db_filename: `${run_dir}/ptg.json`,
        event_file: `event${i}.json`,
        http_port: 0,
      }),
    );
    ours.push(await run([BIN, join(dir, `config${i}.json`), '--port', 'PORT']));
    bare.push(await run([join(dir, 'bare.cjs'), join(dir, `event${i}.json`), 'PORT']));
  }
  const [o, b] = [median(ours.map((r) => r.startMs)), median(bare.map((r) => r.startMs))];
  const rss = (runs: Run[], key: 'rssAtStartMiB' | 'rssSettledMiB') =>
    `${median(runs.map((r) => r[key])).toFixed(0)} MiB`;
  return [
    {
      what: `start to /ptg.json served (first start, ${source}; median of 5)`,
      figure: ms(o),
      comparedWith: `bare node:http serving the same file: ${ms(b)} (${(o / b).toFixed(1)}×; goal ≤ 5×)`,
    },
    {
      what: 'RSS when idle after that start, once settled (12 to 30 s in); two seconds in',
      figure: `${rss(ours, 'rssSettledMiB')}; ${rss(ours, 'rssAtStartMiB')}`,
      comparedWith: `bare node:http: ${rss(bare, 'rssSettledMiB')}; ${rss(bare, 'rssAtStartMiB')} (goal, settled: ≤ 80 MiB)`,
    },
  ];
}
