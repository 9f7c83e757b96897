import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BOT, type BotOnIrc, botOnIrc } from '../helpers/botOnIrc.js';
import { tempDir } from '../helpers/harness.js';
import { type ServicesNetwork, startInspircdWithServices } from '../helpers/inspircd.js';
import { type Line, TestClient } from '../helpers/ircClient.js';
import { type IrcServer, OPER, startNgircd } from '../helpers/ngircd.js';

const open: Array<{ quit: () => Promise<void> } | BotOnIrc> = [];
afterEach(async () => {
  for (const thing of open.splice(0).reverse()) {
    await ('bot' in thing ? thing.stop() : thing.quit());
  }
});

async function client(nick: string, port: number, channel?: string): Promise<TestClient> {
  const c = new TestClient(nick, port);
  await c.connect();
  open.push(c);
  if (channel) await c.join(channel);
  return c;
}

/** The bot's next answer to `nick`, privately or in `channel`, after `from`. */
const answer = (c: TestClient, from: number, channel?: string, nick = c.nick): Promise<Line> =>
  c.waitFor(
    (l) =>
      l.command === 'PRIVMSG' &&
      l.nick === BOT &&
      l.params[0] === (channel ?? nick) &&
      (channel === undefined || (l.params[1] ?? '').startsWith(`${nick}: `)),
    from,
  );

/** Says `text` to the bot (in `channel`, or privately) as `nick`; resolves with its answer. */
async function ask(c: TestClient, text: string, channel?: string, nick = c.nick): Promise<string> {
  const mark = c.lines.length;
  c.say(channel ?? BOT, text);
  return (await answer(c, mark, channel, nick)).params[1] ?? '';
}

describe('on ngircd (CASEMAPPING=ascii), Chair[1] and Chair{1} are two people', () => {
  let server: IrcServer;
  beforeAll(async () => {
    server = await startNgircd();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('the twin of an op never acts as op: not after a re-op, a restart or a reconnect', async () => {
    const channel = '#twins';
    const dir = tempDir();
    try {
      const statePath = `${dir.path}/state.json`;
      const chair = await client('Chair[1]', server.port, channel);
      let b = await botOnIrc(server.port, { statePath, settings: { channel } });
      open.push(b);
      const twin = await client('Chair{1}', server.port, channel);
      const olivia = await client('olivia', server.port, channel);
      const opped = olivia.lines.length;
      chair.send(`MODE ${channel} +o olivia`);
      await olivia.waitFor((l) => l.command === 'MODE' && l.params[2] === 'olivia', opped);

      expect(await ask(chair, '~list', channel)).toMatch(/^Chair\[1\]: Tracks: /);
      expect(await ask(twin, '~emptydb', channel)).toBe('Chair{1}: Need op for admin commands');
      expect(await ask(chair, 'in #swift')).toBe('OK, checked in at #swift');
      expect(await ask(chair, 'subscribe ring')).toMatch(/^OK, you will be told/);
      expect(await ask(twin, 'out')).toBe('You are not checked in anywhere');
      expect(await ask(twin, 'unsubscribe')).toBe('You have no subscription');

      // Re-op: another op takes op from Chair[1] and gives it back.
      for (const mode of ['-o', '+o']) {
        const mark = chair.lines.length;
        olivia.send(`MODE ${channel} ${mode} Chair[1]`);
        await chair.waitFor((l) => l.command === 'MODE' && l.params[1] === mode, mark);
      }
      expect(await ask(twin, '~emptydb', channel)).toBe('Chair{1}: Need op for admin commands');
      expect(await ask(chair, '~list', channel)).toMatch(/^Chair\[1\]: Tracks: /);

      // A restart of the bot on the same state.
      await b.stop();
      open.splice(open.indexOf(b), 1);
      b = await botOnIrc(server.port, { statePath, settings: { channel } });
      open.push(b);
      await chair.until(() => chair.lines.some((l) => l.command === 'JOIN' && l.nick === BOT));
      expect(await ask(twin, '~emptydb', channel)).toBe('Chair{1}: Need op for admin commands');
      expect(await ask(twin, 'out')).toBe('You are not checked in anywhere');
      expect(await ask(chair, 'out')).toBe('OK, checked out of #swift');

      // The server cuts the bot off (an IRC operator's KILL): it reconnects and rejoins.
      const cut = b.reaches('disconnected');
      olivia.send(`OPER ${OPER.name} ${OPER.password}`);
      olivia.send(`KILL ${BOT} :testing a reconnect`);
      await cut;
      const rejoined = chair.lines.length;
      await b.reaches('joined');
      await chair.waitFor((l) => l.command === 'JOIN' && l.nick === BOT, rejoined);
      expect(await ask(twin, '~emptydb', channel)).toBe('Chair{1}: Need op for admin commands');
      expect(await ask(chair, '~list', channel)).toMatch(/^Chair\[1\]: Tracks: /);
      expect(await ask(twin, 'unsubscribe')).toBe('You have no subscription');
      expect(await ask(chair, 'unsubscribe')).toBe('OK, subscription cancelled');
    } finally {
      dir.cleanup();
    }
  });

  it("an op's answer is not held behind 100 people flooding the bot (flood penalty on)", async () => {
    const penalised = await startNgircd({ penalty: true });
    try {
      const channel = '#flood';
      const chair = await client('chair', penalised.port, channel);
      const b = await botOnIrc(penalised.port, {
        settings: { channel, rate: { linesPerSecond: 1, burst: 4 } },
      });
      open.push(b);
      const crowd: TestClient[] = [];
      for (let batch = 0; batch < 100; batch += 20) {
        const joined = Array.from({ length: 20 }, (_, i) =>
          client(`flood${batch + i}`, penalised.port, channel),
        );
        crowd.push(...(await Promise.all(joined)));
      }
      // The bot is busy with the crowd once it has taken 500 of their lines.
      let handled = 0;
      const busy = new Promise<void>((resolve) => {
        const handle = b.h.handler.handle.bind(b.h.handler);
        b.h.handler.handle = (line) => {
          if (++handled === 500) resolve();
          return handle(line);
        };
      });
      for (const c of crowd) for (let i = 0; i < 20; i++) c.say(BOT, `seen nobody${i}`);
      await busy;
      const sentBefore = b.bot.queue.sentLines;
      const started = performance.now();
      expect(await ask(chair, '~list', channel)).toMatch(/^chair: Tracks: /);
      const linesAhead = b.bot.queue.sentLines - sentBefore - 1;
      console.log(
        `op answered after ${Math.round(performance.now() - started)} ms, ${linesAhead} lines ahead of it, ${b.bot.queue.depth} waiting`,
      );
      // At one line a second, five lines ahead is five seconds.
      expect(linesAhead).toBeLessThanOrEqual(5);
      expect(b.bot.queue.depth).toBeLessThanOrEqual(400);
    } finally {
      for (const thing of open.splice(0).reverse()) {
        await ('bot' in thing ? thing.stop() : thing.quit());
      }
      await penalised.stop();
    }
  }, 180_000);
});

describe('on InspIRCd (CASEMAPPING=rfc1459), Chair[1] and Chair{1} are one person', () => {
  let net: ServicesNetwork;
  beforeAll(async () => {
    net = await startInspircdWithServices();
  }, 60_000);
  afterAll(async () => {
    await net?.stop();
  });

  it('the server refuses the twin nick, and the bot keys the person the same way', async () => {
    const channel = '#twins';
    const chair = await client('Chair[1]', net.relaxedPort, channel);
    const b = await botOnIrc(net.port, { settings: { channel } });
    open.push(b);
    // The server takes Chair{1} for the nick already in use.
    const twin = await client('other', net.relaxedPort, channel);
    const mark = twin.lines.length;
    twin.send('NICK Chair{1}');
    await twin.waitFor((l) => l.command === '433', mark);

    expect(await ask(chair, 'in #swift')).toBe('OK, checked in at #swift');
    expect(await ask(twin, 'seen chair{1}')).toMatch(/^Chair\[1\] checked in at #swift/);
    // A nick change to the other spelling is the same person: their check-in stays theirs.
    const renamed = chair.lines.length;
    chair.send('NICK chair{1}');
    await chair.waitFor((l) => l.command === 'NICK', renamed);
    expect(await ask(chair, 'out', undefined, 'chair{1}')).toBe('OK, checked out of #swift');
  });
});
