import { execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { bigEvent } from '../test/helpers/bigEvent.js';
import { freePort } from './startup.js';
import type { Row } from './stats.js';

const BIN = new URL('../bin/ptgbot.js', import.meta.url).pathname;
const CHROMIUM = '/usr/bin/chromium';
/** Pinned: later versions want Node 22. Fetched from the registry by npx, used as published. */
const LIGHTHOUSE = 'lighthouse@12.2.3';
const FLAGS =
  '--headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking --disable-component-update --disable-sync';
const GOAL = 0.95;

const run = promisify(execFile);

/** Lighthouse's four scores for a page, as its default (mobile) run gives them. */
async function scores(url: string, out: string): Promise<Record<string, number>> {
  await run(
    'npx',
    [
      '-y',
      LIGHTHOUSE,
      url,
      '--quiet',
      '--output=json',
      `--output-path=${out}`,
      `--chrome-flags=${FLAGS}`,
    ],
    { env: { ...process.env, CHROME_PATH: CHROMIUM }, timeout: 180_000 },
  );
  const report = JSON.parse(readFileSync(out, 'utf8')) as {
    categories: Record<string, { score: number | null }>;
  };
  return Object.fromEntries(
    Object.entries(report.categories).map(([name, c]) => [name, c.score ?? 0]),
  );
}

const shown = (s: Record<string, number>) =>
  Object.entries(s)
    .map(([name, score]) => `${name} ${score.toFixed(2)}`)
    .join(', ');

/**
 * The page on a phone, as Lighthouse scores it (goal: at least 0.95 in every category) on
 * an event the size of a real gathering, beside the demo event's board in the same run.
 */
export async function benchLighthouse(dir: string): Promise<Row[]> {
  if (!existsSync(CHROMIUM)) {
    return [{ what: 'Lighthouse', figure: 'skipped', comparedWith: `no ${CHROMIUM}` }];
  }
  writeFileSync(join(dir, 'event.json'), JSON.stringify(bigEvent()));
  writeFileSync(
    join(dir, 'config.json'),
    JSON.stringify({ db_filename: `${dir}/ptg.json`, event_file: 'event.json', http_port: 0 }),
  );
  const start = async (args: string[]) => {
    const port = await freePort();
    const child = spawn(process.execPath, [BIN, ...args, '--port', String(port)], {
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    const url = `http://127.0.0.1:${port}/`;
    for (let i = 0; i < 300; i++) {
      if (
        await fetch(`${url}ptg.json`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      await new Promise((r) => setTimeout(r, 100));
    }
    return { url, stop: () => child.kill('SIGTERM') };
  };
  const big = await start([join(dir, 'config.json')]);
  const demo = await start([]);
  try {
    const reference = await scores(demo.url, join(dir, 'demo.json'));
    const rows: Row[] = [];
    for (const page of ['', 'signage', 'track/team-1']) {
      const got = await scores(`${big.url}${page}`, join(dir, 'report.json'));
      const met = Object.values(got).every((score) => score >= GOAL);
      rows.push({
        what: `Lighthouse (mobile) on /${page}, 23 rooms and 44 tracks`,
        figure: shown(got),
        comparedWith: `the demo event's /: ${shown(reference)} (goal ≥ ${GOAL} in each: ${met ? 'met' : 'NOT met'})`,
      });
    }
    return rows;
  } finally {
    big.stop();
    demo.stop();
  }
}
