import { parse, wcagContrast } from 'culori';
import { describe, expect, it } from 'vitest';
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
