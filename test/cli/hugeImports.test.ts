import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cliProcess.js';
import { tempDir } from '../helpers/harness.js';
import { hugeDatabase } from '../helpers/hugeImports.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

/** A folder with a config whose db_filename holds `db` (written as given). */
function eventWith(db: string): string {
  const d = tempDir();
  cleanups.push(d.cleanup);
  writeFileSync(join(d.path, 'ptg.json'), db);
  const config = join(d.path, 'config.json');
  writeFileSync(config, JSON.stringify({ db_filename: 'ptg.json', http_port: 0, timezone: 'UTC' }));
  return config;
}

describe("the original's database far past every limit", () => {
  it('20,000 tracks, 30,000 check-ins, 3,000 costly patterns, 100 banners: cut to the limits, said, and served', async () => {
    const db = hugeDatabase({
      tracks: 20_000,
      checkins: 30_000,
      subscriptions: 3_000,
      banners: 100,
    });
    const started = performance.now();
    const cli = runCli([eventWith(JSON.stringify(db))]);
    const page = await cli.logRecord((r) => typeof r.page === 'string');
    console.log(`start to serving: ${Math.round(performance.now() - started)} ms`);
    for (const said of [
      /tracks: 19500 left out: at most 500 tracks/,
      /last_check_in: 25000 left out: at most 5000 check-ins/,
      /subscriptions: 1000 left out: at most 2000 subscriptions/,
      /motd: 80 left out: at most 20 banners/,
      /next: .* left out: at most 20 next topics per track/,
    ]) {
      expect(cli.stderr()).toMatch(said);
    }
    const served = await (await fetch(`${page.page as string}ptg.json`)).json();
    expect(served.tracks).toHaveLength(500);
    expect(Object.keys(served.last_check_in)).toHaveLength(5000);
    expect(served.motd).toHaveLength(20);
    cli.child.kill('SIGTERM');
    expect(await cli.exit).toBe(0);
  }, 60_000);

  it('a file larger than any event database is refused before it is read, in one line, exit 2', async () => {
    const db = JSON.stringify(hugeDatabase({ checkins: 200_000 }));
    const cli = runCli([eventWith(db)]);
    expect(await cli.exit).toBe(2);
    expect(cli.stderr().trim()).toMatch(
      /^ptgbot: db_filename: cannot read .*ptg\.json: it is \d+\.\d MiB, more than the 16\.0 MiB a data file may be; it was left untouched$/,
    );
  }, 60_000);

  it('a deeply nested file stops the start in one line, exit 2', async () => {
    const deep = `{"tracks": ${'['.repeat(100_000)}${']'.repeat(100_000)}, "links": ${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}`;
    const cli = runCli([eventWith(deep)]);
    expect(await cli.exit).toBe(2);
    expect(cli.stderr().trim().split('\n')).toHaveLength(1);
    expect(cli.stderr()).toMatch(/^ptgbot: db_filename: .*ptg\.json: no event data in it/);
  }, 60_000);
});
