import { parse, wcagContrast } from 'culori';
import { describe, expect, it } from 'vitest';
import { inkOn } from '../../src/machines/ink.js';
import { defaultColor, PALETTE } from '../../src/machines/palette.js';

describe('default track colours', () => {
  it('keep white badge text readable: contrast of at least 4.5:1 (WCAG AA)', () => {
    for (const color of PALETTE) {
      expect(
        wcagContrast(parse(color) as never, parse('white') as never),
        color,
      ).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('are stable: the same track always gets the same colour', () => {
    expect(defaultColor('swift')).toBe(defaultColor('swift'));
    expect(PALETTE).toContain(defaultColor('nova'));
  });
});

describe('badge ink on a colour a moderator chose', () => {
  it('is white on dark colours and near-black on light ones, readable either way', () => {
    for (const color of [...PALETTE, 'navy', 'rgb(20, 40, 90)', 'hsl(270 60% 30%)']) {
      expect(inkOn(color), color).toBe('#fff');
    }
    for (const color of ['#d4a72c', 'yellow', 'white', '#ffd', 'rgb(200 230 255)']) {
      expect(inkOn(color), color).toBe('#1b1f24');
      expect(wcagContrast(color, '#1b1f24'), color).toBeGreaterThanOrEqual(4.5);
    }
    expect(inkOn(null)).toBe('#fff');
  });
});
