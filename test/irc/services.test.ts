import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOT, botOnIrc, CHANNEL } from '../helpers/botOnIrc.js';
import { type ServicesNetwork, startInspircdWithServices } from '../helpers/inspircd.js';
import { TestClient } from '../helpers/ircClient.js';

let net: ServicesNetwork;
beforeAll(async () => {
  net = await startInspircdWithServices();
  await net.register(BOT, 'bot-secret');
  await net.register('ida', 'ida-secret');
}, 60_000);
afterAll(async () => {
  await net?.stop();
});

describe('the bot on InspIRCd with Atheme services', () => {
  it('gives op to an organiser by services account when they log in, never by nick alone', async () => {
    const channel = '#organised';
    const b = await botOnIrc(net.port, { settings: { channel, organisers: ['ida'] } });
    try {
      // Someone else on the nick `ida`, not logged in: a nick is not an organiser here.
      const impostor = new TestClient('ida', net.relaxedPort);
      await impostor.connect();
      await impostor.join(channel);
      const watcher = new TestClient('watcher', net.relaxedPort);
      await watcher.connect();
      await watcher.join(channel);
      const mark = watcher.lines.length;
      const opped = watcher.waitFor(
        (l) => l.command === 'MODE' && l.nick === BOT && l.params[1] === '+o',
        mark,
      );
      impostor.say('NickServ', 'IDENTIFY ida-secret');
      expect((await opped).params).toEqual([channel, '+o', 'ida']);
      // Before the login, no op was given.
      expect(
        watcher.lines.slice(0, mark).filter((l) => l.command === 'MODE' && l.nick === BOT),
      ).toEqual([]);
      await impostor.quit();
      await watcher.quit();
    } finally {
      await b.stop();
    }
  });

  it('logs in with SASL, and serves identified users only when asked to', async () => {
    const op = new TestClient('olivia', net.relaxedPort);
    await op.connect();
    await op.join(CHANNEL);
    const b = await botOnIrc(net.port, {
      identifiedOnly: true,
      settings: { account: BOT, password: 'bot-secret' },
    });
    try {
      const whois = op.lines.length;
      op.send(`WHOIS ${BOT}`);
      const account = await op.waitFor((l) => l.command === '330', whois);
      expect(account.params[2]).toBe(BOT);

      const anon = new TestClient('anon', net.relaxedPort);
      const ida = new TestClient('ida', net.relaxedPort);
      for (const c of [anon, ida]) {
        await c.connect();
        await c.join(CHANNEL);
      }
      const loggedIn = ida.lines.length;
      ida.say('NickServ', 'IDENTIFY ida-secret');
      await ida.waitFor(
        (l) => l.nick === 'NickServ' && /identified/i.test(l.params[1] ?? ''),
        loggedIn,
      );

      const mark = anon.lines.length;
      anon.say(CHANNEL, '#swift now from an unidentified user');
      anon.say(CHANNEL, '#svift now typo');
      ida.say(CHANNEL, '#nova now from an identified user');
      ida.say(CHANNEL, '#svift now typo');
      await anon.waitFor(
        (l) => l.nick === BOT && l.params[1] === "ida: Unknown track 'svift'; did you mean #swift?",
        mark,
      );
      expect(anon.messagesFrom(BOT, mark).map((l) => l.params[1])).toEqual([
        "ida: Unknown track 'svift'; did you mean #swift?",
      ]);
      expect(b.h.ptg().now).toEqual({ nova: 'from an identified user' });
      await anon.quit();
      await ida.quit();
    } finally {
      await b.stop();
      await op.quit();
    }
  });

  it('identifies to NickServ with IDENTIFY <password>, and joins only once services confirm', async () => {
    await net.register('nsbot', 'ns-secret');
    const watcher = new TestClient('watcher', net.relaxedPort);
    await watcher.connect(['CAP REQ :account-notify extended-join', 'CAP END']);
    await watcher.join('#ns');
    // extended-join puts the account on the JOIN: logged in before joining, not after.
    const joined = watcher.waitFor((l) => l.nick === 'nsbot' && l.command === 'JOIN');
    const b = await botOnIrc(net.port, {
      settings: { nick: 'nsbot', channel: '#ns', password: 'ns-secret', account: null },
    });
    try {
      expect((await joined).params[1]).toBe('nsbot');
    } finally {
      await b.stop();
      await watcher.quit();
    }
  });

  it('a burst of 300 commands on a server with default flood limits: no disconnect, all applied, all replies in order', async () => {
    const channel = '#flood';
    const op = new TestClient('flooder', net.relaxedPort);
    await op.connect();
    await op.join(channel);
    // The bot's own default rate: what a real network tolerates.
    const b = await botOnIrc(net.port, {
      settings: { channel, rate: { linesPerSecond: 1, burst: 4 } },
    });
    try {
      const mark = op.lines.length;
      const expected: string[] = [];
      for (let i = 1; i <= 150; i++) {
        op.say(channel, `+seen item${i}`);
        op.say(channel, `+in place ${i}`);
        expected.push(
          `flooder: item${i} never checked in`,
          `flooder: OK, checked in at place ${i}`,
        );
      }
      await op.waitFor((l) => l.nick === BOT && (l.params[1] ?? '').endsWith('place 150'), mark);
      const received = op.messagesFrom(BOT, mark).flatMap((l) => (l.params[1] ?? '').split(' | '));
      expect(received).toEqual(expected);
      expect(op.lines.slice(mark).some((l) => l.command === 'QUIT' && l.nick === BOT)).toBe(false);
      expect(b.bot.status).toBe('joined');
      expect(b.h.ptg().last_check_in.flooder?.location).toBe('place 150');
    } finally {
      await b.stop();
      await op.quit();
    }
  }, 180_000);
});
