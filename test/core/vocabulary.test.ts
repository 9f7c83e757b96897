import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commandTable, VOCABULARY } from '../../src/io/command/vocabulary.js';
import { trackNameProblem } from '../../src/machines/trackName.js';

const README = new URL('../../README.md', import.meta.url).pathname;

describe('the one vocabulary', () => {
  it("the README's table of commands is the one the vocabulary makes", () => {
    const readme = readFileSync(README, 'utf8');
    const table =
      /<!-- commands:start -->\n<!-- prettier-ignore-start -->\n([\s\S]*?)\n<!-- prettier-ignore-end -->\n<!-- commands:end -->/.exec(
        readme,
      )?.[1];
    expect(
      table,
      `README.md needs, between <!-- commands:start --> and <!-- commands:end -->:\n${commandTable()}`,
    ).toBe(commandTable());
  });

  it('no word is declared twice in a family, and user words cannot be track names', () => {
    for (const family of ['track', 'admin', 'user'] as const) {
      const words = VOCABULARY.filter((c) => c.family === family).flatMap((c) => c.words);
      expect(new Set(words).size, family).toBe(words.length);
    }
    for (const word of VOCABULARY.filter((c) => c.family === 'user').flatMap((c) => c.words)) {
      expect(trackNameProblem(word), word).toMatch(/command word/);
    }
  });
});
