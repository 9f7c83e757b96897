import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, platform, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { benchDurableCommands } from './durableCommands.js';
import { benchHttp } from './http.js';
import { benchIrcEndToEnd } from './ircEndToEnd.js';
import { benchLighthouse } from './lighthouse.js';
import { benchMemory } from './memory.js';
import { benchSseFanOut } from './sseFanOut.js';
import { benchStartup } from './startup.js';
import type { Row } from './stats.js';

const benches: Record<string, (dir: string) => Promise<Row[]>> = {
  startup: benchStartup,
  durable: benchDurableCommands,
  irc: benchIrcEndToEnd,
  http: benchHttp,
  sse: benchSseFanOut,
  memory: benchMemory,
  lighthouse: benchLighthouse,
};

const only = process.argv.slice(2);
const rows: Row[] = [];
for (const [name, bench] of Object.entries(benches)) {
  if (only.length > 0 && !only.includes(name)) continue;
  const dir = mkdtempSync(join(tmpdir(), `ptgbot-bench-${name}-`));
  try {
    rows.push(...(await bench(dir)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${platform()}`;
const table = [
  '| what | figure | compared with |',
  '|---|---|---|',
  ...rows.map((row) => `| ${row.what} | ${row.figure} | ${row.comparedWith} |`),
].join('\n');
console.log(`${table}\n\nMachine: ${machine}`);
if (only.length === 0) {
  const results = new URL('./RESULTS.md', import.meta.url);
  // Profiles are taken by hand: their notes follow the figures.
  const profiles = readFileSync(new URL('./profiles.md', import.meta.url), 'utf8');
  writeFileSync(
    results,
    `# Benchmark results\n\nThe last full run of \`npm run bench\`, on ${new Date().toISOString().slice(0, 10)}.\n\n${table}\n\nMachine: ${machine}\n\n${profiles}`,
  );
  console.log(`\nWritten to ${results.pathname}`);
}
