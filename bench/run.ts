import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { benchDurableCommands } from './durableCommands.js';
import type { Row } from './stats.js';

const benches: Record<string, (dir: string) => Promise<Row[]>> = {
  durable: benchDurableCommands,
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

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
console.log(`| what | figure | compared with |\n|---|---|---|`);
for (const row of rows) console.log(`| ${row.what} | ${row.figure} | ${row.comparedWith} |`);
console.log(`\nMachine: ${machine}`);
