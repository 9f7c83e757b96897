import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const DIST = new URL('../../dist/', import.meta.url).pathname;

describe('the build', () => {
  it('is ASCII only: one non-ASCII character makes V8 hold the whole source at twice the size', () => {
    const files = [...readdirSync(DIST).filter((f) => f.endsWith('.mjs')), 'public/app.js'];
    expect(files.length).toBeGreaterThan(1);
    for (const file of files) {
      const bytes = readFileSync(`${DIST}${file}`);
      const offending = bytes.findIndex((b) => b > 0x7f);
      expect(
        offending,
        `${file}: ${bytes.subarray(Math.max(0, offending - 40), offending + 10).toString()}`,
      ).toBe(-1);
    }
  });
});
