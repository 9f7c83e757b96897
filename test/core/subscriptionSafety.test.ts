import { describe, expect, it } from 'vitest';
import { patternMatches, patternProblem } from '../../src/machines/subscriptionPattern.js';
import { harness, OP } from '../helpers/harness.js';

const CATASTROPHIC = ['(a+)+$', '(a|aa)+$', '(a*)*b', '(x+x+)+y', '^(([a-z])+.)+[A-Z]([a-z])+$'];

describe('subscription patterns cannot stall the bot', () => {
  it('a backtracking engine would take ages on these; ours matches in linear time', () => {
    const hostile = `#swift now ${'a'.repeat(380)}!`;
    for (const pattern of CATASTROPHIC) {
      expect(patternProblem(pattern)).toBeNull();
      expect(patternMatches(pattern, hostile)).toBe(false);
    }
  });

  it('many hostile subscribers and a hostile topic: every matching subscriber is told', async () => {
    const h = await harness({ data: { tracks: ['swift'] } });
    for (let i = 0; i < 200; i++) {
      const pattern = i % 2 === 0 ? CATASTROPHIC[i % CATASTROPHIC.length] : 'swift';
      await h.say(`subscribe ${pattern}`, { nick: `user${i}`, isPrivate: true });
    }
    const out = await h.send(`#swift now ${'a'.repeat(380)}!`, OP);
    expect(out.filter((m) => m.type === 'notify')).toHaveLength(100);
  });

  it('patterns RE2 cannot run in linear time are refused with a reason', () => {
    expect(patternProblem('(a)\\1')).toMatch(
      /^Invalid pattern '\(a\)\\1': invalid escape sequence/,
    );
    expect(patternProblem('(?=a)')).toMatch(/^Invalid pattern/);
    expect(patternProblem('x'.repeat(201))).toBe('Pattern too long (at most 200 characters)');
  });
});
