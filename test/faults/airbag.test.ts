import { describe, expect, it } from 'vitest';
import type { HandlerFault } from '../../src/io/runtime/eventRuntime.js';
import { fixtureData, harness, OP, tempDir, USER } from '../helpers/harness.js';

describe('the airbag: a bug in one command is undone and reported, and the bot goes on', () => {
  it('the sender is told, the state is as before, the next command works', async () => {
    const faults: HandlerFault[] = [];
    const h = await harness({
      data: fixtureData('event-later.json'),
      faultOn: 'track.next',
      onFault: (f) => faults.push(f),
    });
    await h.say('#swift now rings');
    const before = h.ptg();
    expect(await h.say('#swift next erasure', USER)).toEqual([
      'alice: Sorry, that command hit a bug in the bot; it was logged and nothing changed',
    ]);
    expect(h.ptg()).toEqual(before);
    expect(faults.map((f) => f.eventType)).toEqual(['track.next']);
    expect(String((faults[0]?.cause as Error).message)).toBe('injected fault in track.next');
    expect(await h.say('#swift now shards', USER)).toEqual([]);
    expect(h.ptg().now.swift).toBe('shards');
  });

  it("other senders' changes waiting for the same save are kept and saved", async () => {
    const dir = tempDir();
    try {
      const h = await harness({
        data: fixtureData('event-later.json'),
        statePath: `${dir.path}/state.json`,
        faultOn: 'track.next',
      });
      const [a, b, c] = await Promise.all([
        h.say('#swift now one'),
        h.say('#swift next boom'),
        h.say('#nova now two'),
      ]);
      expect(a).toEqual([]);
      expect(b).toEqual([
        'olivia: Sorry, that command hit a bug in the bot; it was logged and nothing changed',
      ]);
      expect(c).toEqual([]);
      const saved = h.ptg();
      expect(saved.now).toMatchObject({ swift: 'one', nova: 'two' });
      await h.runtime.stop();
      const again = await harness({ statePath: `${dir.path}/state.json` });
      expect(again.ptg().now).toEqual(saved.now);
      expect(again.ptg().next).toEqual(saved.next);
    } finally {
      dir.cleanup();
    }
  });

  it('a fault inside a clock tick leaves the clock to the next tick', async () => {
    const h = await harness({ data: fixtureData('event-later.json'), faultOn: 'admin.list' });
    expect(await h.say('~list', OP)).toEqual([
      'olivia: Sorry, that command hit a bug in the bot; it was logged and nothing changed',
    ]);
    await h.tick();
    expect(await h.say('~add zun', OP)).toEqual(['olivia: Added #zun']);
    expect(h.ptg().tracks).toContain('zun');
  });
});
