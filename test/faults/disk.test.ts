import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { harness, OP, tempDir } from '../helpers/harness.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

function tryMountTmpfs(path: string, size: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', path], {
      stdio: 'ignore',
    });
    return true;
  } catch {
    return false;
  }
}

const probe = tempDir();
const canMount = tryMountTmpfs(probe.path, '64k');
if (canMount) execFileSync('umount', [probe.path]);
probe.cleanup();

/** Refusals the bot gives when it cannot save, and the state it keeps. */
async function scenario(statePath: string, breakDisk: () => void, mendDisk: () => void) {
  const failures: unknown[] = [];
  const h = await harness({
    data: { tracks: ['swift', 'nova'] },
    statePath,
    onSaveFailure: (e) => failures.push(e),
  });
  expect(await h.say('#swift now saved', OP)).toEqual([]);

  breakDisk();
  const refused = await h.say('#swift now not saved', OP);
  expect(refused).toHaveLength(1);
  expect(refused[0]).toMatch(
    /^olivia: Sorry, that could not be saved \(.+\); nothing changed, please try again$/,
  );
  expect(failures).toHaveLength(1);
  expect(h.ptg().now.swift).toBe('saved');

  mendDisk();
  expect(await h.say('#swift now saved again', OP)).toEqual([]);
  await h.runtime.stop();
  const restarted = await harness({ statePath });
  expect(restarted.ptg().now.swift).toBe('saved again');
  return refused[0] as string;
}

describe('when the snapshot cannot be written', () => {
  it('a state directory that is gone: refused, undone, and back once it is there again', async () => {
    const dir = tempDir();
    cleanups.push(dir.cleanup);
    const stateDir = join(dir.path, 'state');
    mkdirSync(stateDir);
    const statePath = join(stateDir, 'state.json');
    let saved = '';
    await scenario(
      statePath,
      () => {
        saved = (execFileSync('cat', [statePath]) as Buffer).toString();
        rmSync(stateDir, { recursive: true });
        writeFileSync(stateDir, 'not a directory');
      },
      () => {
        rmSync(stateDir);
        mkdirSync(stateDir);
        writeFileSync(statePath, saved);
      },
    );
  });

  it.skipIf(!canMount)(
    `a full disk: the sender hears it, nothing is acknowledged, and it recovers${canMount ? '' : ' (SKIPPED: cannot mount a small tmpfs here, which needs root)'}`,
    async () => {
      const dir = tempDir();
      const mount = join(dir.path, 'disk');
      mkdirSync(mount);
      expect(tryMountTmpfs(mount, '256k')).toBe(true);
      cleanups.push(dir.cleanup, () => execFileSync('umount', [mount]));
      const statePath = join(mount, 'state.json');
      const failures: unknown[] = [];
      const h = await harness({
        data: { tracks: ['swift'] },
        statePath,
        onSaveFailure: (e) => failures.push(e),
      });
      expect(await h.say('#swift now saved', OP)).toEqual([]);

      const filler = join(mount, 'filler');
      try {
        for (;;) writeFileSync(filler, Buffer.alloc(4096, 1), { flag: 'a' });
      } catch (error) {
        expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
      }
      // A save may still fit in space the journal already holds; sooner or later one does not.
      let acknowledged = 'saved';
      let refusal: string | undefined;
      for (let i = 1; i <= 100 && refusal === undefined; i++) {
        const topic = `topic ${i} ${'x'.repeat(380)}`;
        [refusal] = await h.say(`#swift now ${topic}`, OP);
        if (refusal === undefined) acknowledged = topic;
      }
      expect(refusal).toBe(
        'olivia: Sorry, that could not be saved (the disk is full); nothing changed, please try again',
      );
      expect(failures).toHaveLength(1);
      expect(h.ptg().now.swift).toBe(acknowledged);

      rmSync(filler);
      expect(await h.say('#swift now saved again', OP)).toEqual([]);
      await h.runtime.stop();
      const restarted = await harness({ statePath });
      expect(restarted.ptg().now.swift).toBe('saved again');
    },
  );
});
