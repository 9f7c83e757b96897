import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type DropReason, isValidTarget, SendQueue } from '../../src/io/irc/sendQueue.js';

/** A queue on fake timers: the test moves time, nothing waits on the real clock. */
function queue(
  options: { present?: (nick: string) => boolean; burst?: number; maxTotal?: number } = {},
) {
  const sent: Array<[string, string]> = [];
  const drops: Array<[DropReason, string]> = [];
  const bursts: Array<['start' | 'end', number]> = [];
  const q = new SendQueue({
    linesPerSecond: 1,
    burst: options.burst ?? 1,
    send: (target, text) => sent.push([target, text]),
    maxBytesFor: () => 400,
    ...(options.present ? { isPresent: options.present } : {}),
    onDrop: (reason, target) => drops.push([reason, target]),
    maxPerTarget: 5,
    maxTotal: options.maxTotal ?? 15,
    fold: (target) => target.toLowerCase(),
    onDropBurst: (phase, dropped) => bursts.push([phase, dropped]),
    now: () => Date.now(),
  });
  q.resume();
  return { q, sent, drops, bursts, drain: () => vi.advanceTimersByTime(3_600_000) };
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

  it('serves people in turn: a flood from many delays each of them, an op is answered next', () => {
    const { q, sent, drain } = queue({ maxTotal: 1000 });
    // Lines too long to share one: each goes on its own.
    const long = (text: string) => `${text} ${'.'.repeat(250)}`;
    q.say('#ptg', 'start');
    for (let i = 0; i < 3; i++)
      for (const nick of ['ann', 'ben', 'cy']) q.say(nick, long(`${nick} ${i}`));
    q.say('#ptg', 'olivia: Tracks: nova, swift', { priority: 'op' });
    q.say('dee', long('dee 0'));
    drain();
    expect(sent.map(([, t]) => t.replace(/ \.+$/, ''))).toEqual([
      'start',
      'olivia: Tracks: nova, swift',
      'ann 0',
      'ben 0',
      'cy 0',
      'dee 0',
      'ann 1',
      'ben 1',
      'cy 1',
      'ann 2',
      'ben 2',
      'cy 2',
    ]);
  });

  it('bounds the queue in total: the heaviest waiter loses first, notifications before answers', () => {
    const { q, sent, drops, bursts, drain } = queue({ maxTotal: 6 });
    q.say('#ptg', 'start');
    for (let i = 0; i < 5; i++) q.say('mallory', `m ${i} ${'.'.repeat(250)}`);
    q.say('carol', 'note', { priority: 'notify' });
    q.say('ann', 'a 0');
    q.say('ben', 'b 0');
    expect(q.depth).toBe(6);
    expect(drops).toEqual([
      ['queue full', 'carol'],
      ['queue full', 'mallory'],
    ]);
    expect(bursts).toEqual([['start', 1]]);
    drain();
    expect(sent.map(([, t]) => t.replace(/ \.+$/, ''))).toEqual([
      'start',
      'm 1',
      'a 0',
      'b 0',
      'm 2',
      'm 3',
      'm 4',
    ]);
    expect(bursts).toEqual([
      ['start', 1],
      ['end', 2],
    ]);
  });

  it('one person under two spellings of their nick is one target; lines to who left are dropped', () => {
    const { q, sent, drops, drain } = queue({ burst: 1 });
    q.say('#ptg', 'start');
    q.say('Bob', 'one');
    q.say('bob', 'one');
    q.say('carol', 'bye');
    q.forget('CAROL');
    drain();
    expect(sent).toEqual([
      ['#ptg', 'start'],
      ['Bob', 'one (x2)'],
    ]);
    expect(drops).toEqual([['absent', 'carol']]);
  });
});
