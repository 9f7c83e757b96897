import { describe, expect, it } from 'vitest';
import { CHARTS } from '../../src/charts.js';
import { undescribed } from '../helpers/described.js';

describe('the charts explain themselves in the inspector', () => {
  it.each(Object.entries(CHARTS))('every state and transition of %s has a description', (_n, m) => {
    expect(undescribed(m)).toEqual([]);
  });
});
