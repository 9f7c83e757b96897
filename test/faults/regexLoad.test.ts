import { describe, expect, it } from 'vitest';
import { harness, OP } from '../helpers/harness.js';

const HOSTILE = [
  '(a+)+$',
  '(a|aa)+$',
  '(a*)*b',
  '^(([a-z])+.)+[A-Z]([a-z])+$',
  '(.*a){12}z',
  '(x+x+)+y',
  '([a-z]+)*[0-9]',
  '(\\w+\\s?)+$',
];

describe('catastrophic subscriptions under load', () => {
  it('1,000 hostile subscribers, then a topic change: every notification goes out, the loop never stalls for 50 ms', async () => {
    const h = await harness({ data: { tracks: ['swift'] } });
    for (let i = 0; i < 1000; i++) {
      const pattern = i % 10 === 0 ? 'swift now' : `${HOSTILE[i % HOSTILE.length]}`;
      const [reply] = await h.say(`subscribe ${pattern}`, { nick: `sub${i}`, isPrivate: true });
      expect(reply).toMatch(/^OK, you will be told/);
    }
    const topic = `${'a'.repeat(300)} ${'word '.repeat(15)}!`;
    await h.send(`#swift now warm-up ${topic}`, OP);
    // Everything up to the first await runs without yielding: that is how long the
    // event loop is held (parse, permission, the machines, every pattern match).
    // Counted in CPU time of this process: what the work costs, not how long a busy
    // machine kept it waiting for a core.
    const started = process.cpuUsage();
    const pending = h.send(`#swift now ${topic}`, OP);
    const spent = process.cpuUsage(started);
    const heldMs = (spent.user + spent.system) / 1000;
    const out = await pending;
    const matching = out.filter((m) => m.type === 'notify');
    // 'swift now' subscribers (every tenth) match; the hostile ones, run to the end, do not.
    expect(matching).toHaveLength(100);
    expect(new Set(matching.map((m) => m.nick)).size).toBe(100);
    console.log(`event loop held for ${heldMs.toFixed(1)} ms by the change`);
    expect(heldMs).toBeLessThan(50);
  });
});
