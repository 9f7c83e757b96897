import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHARTS } from '../../src/charts.js';
import { toMermaid } from '../../src/machines/statechart.js';

const README = new URL('../../README.md', import.meta.url).pathname;

describe('the statecharts in the README', () => {
  it.each(Object.entries(CHARTS))('%s is drawn as the machine is', (_name, machine) => {
    const readme = readFileSync(README, 'utf8');
    const chart = toMermaid(machine);
    expect(
      readme.includes(`\`\`\`mermaid\n${chart}\n\`\`\``),
      `README.md needs the chart \`ptgbot --statecharts\` prints:\n${chart}`,
    ).toBe(true);
  });
});
