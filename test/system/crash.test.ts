import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { harness, tempDir } from '../helpers/harness.js';

const CHILD = new URL('./crashChild.ts', import.meta.url).pathname;
const dirs: Array<() => void> = [];
afterAll(() => {
  for (const cleanup of dirs) cleanup();
});

function startChild(statePath: string): { child: ChildProcess; lines: AsyncIterator<string> } {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, statePath], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream })[
    Symbol.asyncIterator
  ]();
  return { child, lines };
}

async function next(lines: AsyncIterator<string>): Promise<string | null> {
  const { value, done } = await lines.next();
  return done ? null : (value as string);
}

describe('crash safety', () => {
  it('after SIGKILL at a random moment, every acknowledged command is in the state', async () => {
    const dir = tempDir();
    dirs.push(dir.cleanup);
    const statePath = join(dir.path, 'state.json');
    const killAfter = fc.sample(fc.integer({ min: 1, max: 400 }), { numRuns: 8, seed: 42 });
    let sent = 0;
    const acknowledged = new Set<string>();

    for (const after of killAfter) {
      const { child, lines } = startChild(statePath);
      const exited = new Promise((resolve) => child.once('exit', resolve));
      expect(await next(lines)).toBe('READY');
      const batch = Array.from({ length: 500 }, () => String(++sent));
      child.stdin?.write(`${batch.join('\n')}\n`);
      let acks = 0;
      for (let line = await next(lines); line !== null; line = await next(lines)) {
        acknowledged.add(line.replace(/^ACK /, ''));
        if (++acks >= after) {
          child.kill('SIGKILL');
          break;
        }
      }
      await exited;

      const restored = await harness({ statePath });
      const swift = restored.runtime.state().tracks.find((t) => t.name === 'swift');
      const inState = new Set(swift?.next ?? []);
      const missing = [...acknowledged].filter((n) => !inState.has(n));
      expect(missing, `acknowledged but lost after kill at ${after} acks`).toEqual([]);
      await restored.runtime.stop();
    }
    expect(acknowledged.size).toBeGreaterThan(100);
  });
});
