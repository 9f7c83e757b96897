import { execFileSync, spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import packageJson from '../../package.json' with { type: 'json' };
import { tempDir } from '../helpers/harness.js';

const root = new URL('../../', import.meta.url).pathname;
const dir = tempDir();
afterAll(() => dir.cleanup());

/** Bytes under a folder. */
function sizeOf(path: string): number {
  let total = 0;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    const full = join(path, entry.name);
    total += entry.isDirectory() ? sizeOf(full) : statSync(full).size;
  }
  return total;
}

describe('the package as users install it', () => {
  it('npm pack, then npm install -g of the tarball: small, and it runs the demo alone', async () => {
    const npm = (args: string[], cwd: string) =>
      execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], {
        cwd,
        encoding: 'utf8',
        env: { ...process.env, npm_config_prefer_offline: 'true' },
      });
    // The build is npm test's first step; building again here would pull dist/ from under
    // the CLI tests running beside this one.
    const tarball = npm(['pack', '--ignore-scripts', '--pack-destination', dir.path], root)
      .trim()
      .split('\n')
      .at(-1);
    const prefix = join(dir.path, 'prefix');
    npm(['install', '--global', '--prefix', prefix, join(dir.path, tarball as string)], dir.path);
    const installed = join(prefix, 'lib/node_modules/ptgbot');
    const bytes = sizeOf(installed);
    console.log(`installed: ${(bytes / 1024 / 1024).toFixed(1)} MiB`);
    expect(bytes).toBeLessThanOrEqual(15 * 1024 * 1024);
    // What is installed is what runs: no dev tool among it.
    expect(readdirSync(join(installed, 'node_modules'))).not.toContain('typescript');

    const bin = join(prefix, 'bin/ptgbot');
    expect(execFileSync(bin, ['--version'], { encoding: 'utf8' })).toBe(
      `ptgbot ${packageJson.version}\n`,
    );
    // The demo, run from an empty folder with nothing of the project around it.
    const child = spawn(bin, ['--port', '0'], { cwd: dir.path, stdio: ['pipe', 'pipe', 'pipe'] });
    const page = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stderr }).on('line', (line) => {
        const match = /"page":"([^"]+)"/.exec(line);
        if (match) resolve(match[1] as string);
      });
      child.once('exit', (code) => reject(new Error(`exited ${code}`)));
    });
    const served = await (await fetch(`${page}ptg.json`)).json();
    expect(served.eventid).toBe('demo');
    child.kill('SIGTERM');
    expect(await new Promise((r) => child.once('exit', r))).toBe(0);
  }, 120_000);
});
