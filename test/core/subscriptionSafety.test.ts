import { describe, expect, it } from 'vitest';
import {
  MATCH_BUDGET,
  MAX_PROGRAM_SIZE,
  matchingPatterns,
  patternProblem,
} from '../../src/machines/subscriptionPattern.js';
import { harness, OP } from '../helpers/harness.js';

const CATASTROPHIC = ['(a+)+$', '(a|aa)+$', '(a*)*b', '(x+x+)+y', '^(([a-z])+.)+[A-Z]([a-z])+$'];

describe('subscription patterns cannot stall the bot', () => {
  it('a backtracking engine would take ages on these; ours matches in linear time', () => {
    const hostile = `#swift now ${'a'.repeat(380)}!`;
    for (const pattern of CATASTROPHIC) {
      expect(patternProblem(pattern)).toBeNull();
      expect(matchingPatterns([pattern], hostile).size).toBe(0);
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

  it('patterns that cost much to compile case-insensitively are refused before they do', () => {
    const wide = '[\\x{ff}-\\x{10ffff}]';
    for (const pattern of [
      wide.repeat(9),
      `(a|b|c|d)${wide.repeat(9)}`,
      `[^\\x{ff}-\\x{10ffff}]`,
      '\\pL',
      '(\\pL|a){99}',
      `(?:${wide})`,
    ]) {
      expect(patternProblem(pattern), pattern).toMatch(/^Pattern too costly/);
    }
    expect(patternProblem(`(?i)${wide}`)).toMatch(/^Pattern flags such as \(\?i\) are not taken/);
    // What people write still works: ASCII classes, negated ones, accented letters.
    for (const pattern of [
      'swift|nova',
      '[^a-z]+ing',
      '\\w+\\S\\W\\D',
      'caf\u00e9',
      '[\u00e0-\u00ff]',
    ])
      expect(patternProblem(pattern), pattern).toBeNull();
  });

  it('100 people subscribing with 8 costly patterns each never hold the loop for 50 ms', async () => {
    const h = await harness({ data: { tracks: ['swift'] } });
    const costly = Array.from({ length: 8 }, (_, i) => `${'[\\x{ff}-\\x{10ffff}]'.repeat(9)}${i}`);
    let longest = 0;
    for (let n = 0; n < 100; n++) {
      for (const pattern of costly) {
        const started = performance.now();
        expect(await h.say(`subscribe ${pattern}`, { nick: `user${n}`, isPrivate: true })).toEqual([
          expect.stringMatching(/^Pattern too costly/),
        ]);
        longest = Math.max(longest, performance.now() - started);
      }
    }
    console.log(`longest subscribe line: ${longest.toFixed(1)} ms`);
    expect(h.ptg().subscriptions).toEqual({});
  });

  it('patterns that compile large are refused before or after compiling, quickly', () => {
    const hostile = [
      '.{0,1000}'.repeat(21),
      '.{0,1000}',
      'a{0,150}b{0,150}',
      '(((((a{3}){3}){3}){3}){3}){3}',
      '[a-z]{1,99}'.repeat(2) + 'x{1,99}',
    ];
    for (const pattern of hostile) {
      const started = performance.now();
      expect(patternProblem(pattern), pattern).toMatch(/^Pattern too large/);
      expect(performance.now() - started).toBeLessThan(1000);
    }
    expect(patternProblem('[a-z]{1,99}x')).toBeNull();
  });

  it('large patterns cannot starve small ones: the cheapest are tried first', () => {
    const large = Array.from({ length: 500 }, (_, i) => `[a-z]{1,90}q${i}`);
    const matched = matchingPatterns([...large, 'swift'], `#swift now ${'a'.repeat(389)}`);
    expect(matched.has('swift')).toBe(true);
  });

  it('one line against many large patterns stays inside the match budget', () => {
    // Distinct patterns near the size limit: each costs its size x the line's length.
    const patterns = Array.from({ length: 1000 }, (_, i) => `[a-z]{1,90}q${i}`);
    for (const p of patterns) expect(patternProblem(p)).toBeNull();
    const line = `#swift now ${'a'.repeat(389)}`;
    const started = performance.now();
    expect(matchingPatterns(patterns, line).size).toBe(0);
    const ms = performance.now() - started;
    expect(ms).toBeLessThan(1000);
    const perPattern = 200 * line.length;
    console.log(
      `1,000 patterns of 200 instructions (limit ${MAX_PROGRAM_SIZE}) against ${line.length} chars: ${ms.toFixed(0)} ms (budget covers ${Math.floor(MATCH_BUDGET / perPattern)} of them)`,
    );
  });
});
