import { describe, expect, it } from 'vitest';
import { fixtureData, harness, tempDir, type Who } from '../helpers/harness.js';

const CHAIR: Who = { nick: 'Chair[1]', op: true, isPrivate: true };
const TWIN: Who = { nick: 'Chair{1}', isPrivate: true };

describe('nicks are people the way the IRC server says', () => {
  it('on an ascii server, twins are two people: check-ins and subscriptions stay apart', async () => {
    const h = await harness({ data: fixtureData('event-later.json') });
    await h.handler.casemapping('ascii');
    expect(await h.say('in #swift', CHAIR)).toEqual(['OK, checked in at #swift']);
    expect(await h.say('subscribe ring', CHAIR)).toHaveLength(1);
    expect(await h.say('out', TWIN)).toEqual(['You are not checked in anywhere']);
    expect(await h.say('unsubscribe', TWIN)).toEqual(['You have no subscription']);
    expect(await h.say('seen Chair{1}', TWIN)).toEqual(['Chair{1} never checked in']);
    expect((await h.say('seen chair[1]', TWIN))[0]).toMatch(/^Chair\[1\] checked in at #swift/);
    expect(Object.keys(h.ptg().last_check_in)).toEqual(['chair[1]']);
    expect(h.ptg().subscriptions).toEqual({ 'Chair[1]': 'ring' });
  });

  it('on an rfc1459 server, the same twins are one person', async () => {
    const h = await harness({ data: fixtureData('event-later.json') });
    await h.handler.casemapping('rfc1459');
    await h.say('in #swift', CHAIR);
    expect(await h.say('out', TWIN)).toEqual(['OK, checked out of #swift']);
  });

  it("a twin cannot confirm an op's destructive command", async () => {
    const h = await harness({ data: fixtureData('event-later.json') });
    await h.handler.casemapping('ascii');
    const chair = { ...CHAIR, isPrivate: false };
    const twin = { ...TWIN, op: true, isPrivate: false };
    expect((await h.say('~emptydb', chair))[0]).toMatch(/say ~emptydb confirm within a minute/);
    expect(await h.say('~emptydb confirm', twin)).toEqual([
      'Chair{1}: Nothing to confirm: say ~emptydb first',
    ]);
    expect(h.ptg().tracks.length).toBeGreaterThan(0);
  });

  it('records keyed under another casemapping are re-keyed when the server says, also after a restart', async () => {
    const dir = tempDir();
    try {
      const statePath = `${dir.path}/state.json`;
      const first = await harness({ data: fixtureData('event-later.json'), statePath });
      // Made before the server said (IRC's default, rfc1459): Chair[1] is keyed chair{1}.
      await first.say('in #swift', CHAIR);
      expect(Object.keys(first.ptg().last_check_in)).toEqual(['chair{1}']);
      await first.bot.stop();

      const second = await harness({ statePath });
      await second.handler.casemapping('ascii');
      expect(Object.keys(second.ptg().last_check_in)).toEqual(['chair[1]']);
      expect(await second.say('out', TWIN)).toEqual(['You are not checked in anywhere']);
      await second.bot.stop();

      // The change of keys is saved: a third start (still ascii) finds them as they were.
      const third = await harness({ statePath });
      expect(Object.keys(third.ptg().last_check_in)).toEqual(['chair[1]']);
      await third.bot.stop();
    } finally {
      dir.cleanup();
    }
  });

  it('two people whose keys collide under a new casemapping are kept apart and logged', async () => {
    const logged: string[] = [];
    const h = await harness({
      data: fixtureData('event-later.json'),
      onLog: (t) => logged.push(t),
    });
    await h.handler.casemapping('ascii');
    await h.say('in #swift', CHAIR);
    await h.say('in #nova', TWIN);
    await h.say('subscribe ring', CHAIR);
    await h.say('subscribe ring', TWIN);
    await h.handler.casemapping('rfc1459');
    expect(logged).toEqual([
      "the check-in of Chair[1], the subscription of Chair[1]: kept apart, another nick is the same person under the server's casemapping (rfc1459)",
    ]);
    const ptg = h.ptg();
    expect(ptg.last_check_in['chair{1}']?.location).toBe('#nova');
    expect(ptg.last_check_in['Chair[1] (kept apart)']?.location).toBe('#swift');
    // The one kept apart is not told: the person behind the nick has a subscription already.
    const told = await h.send('#swift now ring balancing', { nick: 'mod' });
    expect(told.filter((m) => m.type === 'notify').map((m) => m.nick)).toEqual(['Chair{1}']);
  });
});
