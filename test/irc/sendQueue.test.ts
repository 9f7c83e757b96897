import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type DropReason, isValidTarget, SendQueue } from '../../src/io/irc/sendQueue.js';

/** A queue on fake timers: the test moves time, nothing waits on the real clock. */
function queue(options: { present?: (nick: string) => boolean; burst?: number } = {}) {
  const sent: Array<[string, string]> = [];
  const drops: Array<[DropReason, string]> = [];
  const q = new SendQueue({
    linesPerSecond: 1,
    burst: options.burst ?? 1,
    send: (target, text) => sent.push([target, text]),
    maxBytesFor: () => 400,
    ...(options.present ? { isPresent: options.present } : {}),
    onDrop: (reason, target) => drops.push([reason, target]),
    maxPerTarget: 5,
    maxNotifications: 10,
    now: () => Date.now(),
  });
  q.resume();
  return { q, sent, drops, drain: () => vi.advanceTimersByTime(3_600_000) };
}

describe('the send queue', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('merges identical waiting lines into one with a count', () => {
    const { q, sent, drain } = queue();
    q.say('#ptg', 'first');
    for (let i = 0; i < 4; i++) q.say('#ptg', 'Note: #swift has no session today');
    drain();
    expect(sent).toEqual([
      ['#ptg', 'first'],
      ['#ptg', 'Note: #swift has no session today (x4)'],
    ]);
  });

  it('a newer reply on the same thing replaces an older one not yet sent', () => {
    const { q, sent, drain } = queue();
    q.say('#ptg', 'busy');
    q.say('#ptg', 'alice: Usage: #swift now TOPIC', { supersedes: 'alice #swift' });
    q.say('#ptg', "alice: 'x' is not a CSS colour", { supersedes: 'alice #swift' });
    q.say('#ptg', 'bob: about #swift', { supersedes: 'bob #swift' });
    drain();
    expect(sent.map(([, t]) => t).join(' | ')).toBe(
      "busy | alice: 'x' is not a CSS colour | bob: about #swift",
    );
  });

  it('replies go before notifications; notifications to absent nicks are dropped', () => {
    const present = new Set(['carol']);
    const { q, sent, drops, drain } = queue({ present: (n) => present.has(n) });
    q.say('#ptg', 'start');
    q.say('ghost', 'now in #swift: x', { priority: 'notify' });
    q.say('carol', 'now in #swift: x', { priority: 'notify' });
    q.say('#ptg', 'alice: reply');
    drain();
    expect(sent).toEqual([
      ['#ptg', 'start'],
      ['#ptg', 'alice: reply'],
      ['carol', 'now in #swift: x'],
    ]);
    expect(drops).toEqual([['absent', 'ghost']]);
  });

  it('one target cannot fill the queue; notifications are bounded, oldest dropped first', () => {
    const { q, sent, drops, drain } = queue();
    q.say('#ptg', 'start');
    for (let i = 0; i < 50; i++) q.say('mallory', `private ${i}`);
    for (let i = 0; i < 300; i++) q.say(`nick${i}`, `note ${i}`, { priority: 'notify' });
    expect(q.depth).toBe(5 + 10);
    drain();
    expect(
      sent
        .filter(([t]) => t === 'mallory')
        .map(([, x]) => x)
        .join(' | '),
    ).toBe('private 45 | private 46 | private 47 | private 48 | private 49');
    expect(sent.filter(([t]) => t.startsWith('nick')).map(([t]) => t)).toEqual(
      Array.from({ length: 10 }, (_, i) => `nick${290 + i}`),
    );
    expect(drops.filter(([r]) => r === 'target full')).toHaveLength(45);
    expect(drops.filter(([r]) => r === 'queue full')).toHaveLength(290);
  });

  it('refuses targets that could smuggle a command or a second target', () => {
    for (const bad of ['x\r\nJOIN #injected', 'a b', 'a,#b', ':x', '', 'x\0y', 'a'.repeat(65)]) {
      expect(isValidTarget(bad), JSON.stringify(bad)).toBe(false);
    }
    for (const good of ['#ptg', 'alice', 'Tom[m]', 'a_b-c^{}|`', '&local']) {
      expect(isValidTarget(good), good).toBe(true);
    }
    const { q, sent, drops } = queue({ burst: 4 });
    q.say('x\r\nJOIN #injected\r\nPRIVMSG #event :PWNED', 'hello', { priority: 'notify' });
    expect(sent).toEqual([]);
    expect(drops).toEqual([['invalid target', 'x\r\nJOIN #injected\r\nPRIVMSG #event :PWNED']]);
  });
});
