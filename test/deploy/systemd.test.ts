import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/harness.js';

const UNIT = new URL('../../deploy/ptgbot.service', import.meta.url).pathname;
const BIN = new URL('../../bin/ptgbot.js', import.meta.url).pathname;
const dir = tempDir();
afterAll(() => dir.cleanup());

/** The unit as the README installs it, with ExecStart on this machine's ptgbot. */
function unitHere(): string {
  const path = join(dir.path, 'ptgbot.service');
  const text = readFileSync(UNIT, 'utf8').replace(
    '/usr/local/bin/ptgbot',
    `${process.execPath} ${BIN}`,
  );
  writeFileSync(path, text);
  return path;
}

describe('the systemd unit in deploy/', () => {
  it('passes systemd-analyze verify', () => {
    expect(() =>
      execFileSync('systemd-analyze', ['verify', unitHere()], { encoding: 'utf8', stdio: 'pipe' }),
    ).not.toThrow();
  });

  it('has the usual hardening: systemd-analyze security rates it OK or better', () => {
    const unit = readFileSync(UNIT, 'utf8');
    for (const line of [
      'DynamicUser=yes',
      'StateDirectory=ptgbot',
      'ProtectSystem=strict',
      'NoNewPrivileges=yes',
    ]) {
      expect(unit).toContain(line);
    }
    const report = execFileSync(
      'systemd-analyze',
      ['security', '--offline=true', '--no-pager', unitHere()],
      { encoding: 'utf8' },
    );
    const [, score] = /Overall exposure level for ptgbot\.service: ([\d.]+)/.exec(report) ?? [];
    console.log(`systemd-analyze security: ${score}`);
    expect(Number(score)).toBeLessThanOrEqual(2);
  });
});
