import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { byTrackName } from '../../src/machines/trackName.js';

describe('track order', () => {
  it('puts numbers in numeric order and the rest as written', () => {
    expect(
      ['team-10', 'team-2', 'nova', 'team-1', 'team', 'cinder', 'team-1.5', 'a10b', 'a9c'].sort(
        byTrackName,
      ),
    ).toEqual(['a9c', 'a10b', 'cinder', 'nova', 'team', 'team-1', 'team-1.5', 'team-2', 'team-10']);
  });

  it('orders numbers of any length, and leading zeros without ties', () => {
    expect(['x100000000000000000001', 'x99', 'x007', 'x7'].sort(byTrackName)).toEqual([
      'x007',
      'x7',
      'x99',
      'x100000000000000000001',
    ]);
  });

  it('is a total order: any shuffle of the same names sorts the same way', () => {
    const name = fc.stringMatching(/^[a-z0-9][a-z0-9_.-]{0,12}$/);
    fc.assert(
      fc.property(fc.uniqueArray(name, { maxLength: 30 }), fc.nat(), (names, seed) => {
        const shuffled = [...names].sort(
          (a, b) => ((a + seed).length % 3) - ((b + seed).length % 3),
        );
        expect([...shuffled].sort(byTrackName)).toEqual([...names].sort(byTrackName));
        for (const a of names) expect(byTrackName(a, a)).toBe(0);
      }),
    );
  });
});
