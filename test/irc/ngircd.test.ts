import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BOT, type BotOnIrc, botOnIrc, CHANNEL } from '../helpers/botOnIrc.js';
import { tempDir } from '../helpers/harness.js';
import { TestClient } from '../helpers/ircClient.js';
import { type IrcServer, startNgircd } from '../helpers/ngircd.js';

let server: IrcServer;
beforeAll(async () => {
  server = await startNgircd();
});
afterAll(async () => {
  await server?.stop();
});

const open: Array<{ quit: () => Promise<void> } | BotOnIrc> = [];
afterEach(async () => {
  for (const thing of open.splice(0).reverse()) {
    await ('bot' in thing ? thing.stop() : thing.quit());
  }
});

let channelCounter = 0;

/** A fresh channel per test: an op who made it, the bot, a voiced user and a plain one. */
async function scene(options: Parameters<typeof botOnIrc>[1] = {}) {
  const channel = `${CHANNEL}${++channelCounter}`;
  const op = new TestClient(`olivia${channelCounter}`, server.port);
  await op.connect();
  open.push(op);
  await op.join(channel);
  const botJoined = op.waitFor((l) => l.command === 'JOIN' && l.nick === BOT);
  const b = await botOnIrc(server.port, { ...options, settings: { channel, ...options.settings } });
  open.push(b);
  await botJoined;
  const voiced = new TestClient(`victor${channelCounter}`, server.port);
  const plain = new TestClient(`alice${channelCounter}`, server.port);
  for (const c of [voiced, plain]) {
    await c.connect();
    open.push(c);
    await c.join(channel);
  }
  const modeSeen = voiced.waitFor((l) => l.command === 'MODE' && l.params[2] === voiced.nick);
  op.send(`MODE ${channel} +v ${voiced.nick}`);
  await modeSeen;
  return { channel, op, voiced, plain, b };
}

/** What the bot says next in the channel (as the client sees it), after `from`. */
const botSays = (client: TestClient, test: (text: string) => boolean, from = client.lines.length) =>
  client.waitFor((l) => l.command === 'PRIVMSG' && l.nick === BOT && test(l.params[1] ?? ''), from);

describe('the bot on ngircd', () => {
  it('serves every command family from real clients', async () => {
    const { channel, op, voiced, plain, b } = await scene();
    // Track command: silent success, the state shows it.
    let mark = op.lines.length;
    plain.say(channel, '#swift now ring balancing');
    plain.say(channel, '#svift now oops');
    await botSays(
      op,
      (t) => t === `${plain.nick}: Unknown track 'svift'; did you mean #swift?`,
      mark,
    );
    expect(b.h.ptg().now).toEqual({ swift: 'ring balancing' });

    // Admin: op only.
    mark = op.lines.length;
    voiced.say(channel, '~add keystone');
    await botSays(op, (t) => t === `${voiced.nick}: Need op for admin commands`, mark);
    op.say(channel, '~add barbican');
    op.say(channel, '~list');
    await botSays(op, (t) => t.startsWith(`${op.nick}: Tracks: barbican, cinder`), mark);

    // User commands privately; replies come back privately.
    mark = plain.lines.length;
    plain.say(BOT, 'in #swift');
    const reply = await plain.waitFor(
      (l) => l.command === 'PRIVMSG' && l.nick === BOT && l.params[0] === plain.nick,
      mark,
    );
    expect(reply.params).toEqual([plain.nick, 'OK, checked in at #swift']);
    expect(b.h.ptg().last_check_in[plain.nick]?.location).toBe('#swift');

    // Subscriptions: a private notification when a matching topic is set.
    plain.say(BOT, 'subscribe nova');
    await plain.waitFor(
      (l) => l.nick === BOT && (l.params[1] ?? '').startsWith('OK, you will be told'),
    );
    mark = plain.lines.length;
    voiced.say(channel, '#nova now cells v2');
    const notice = await plain.waitFor(
      (l) => l.command === 'PRIVMSG' && l.nick === BOT && l.params[0] === plain.nick,
      mark,
    );
    expect(notice.params).toEqual([plain.nick, 'now in #nova (Harbour Hall): cells v2']);
  });

  it('the channel hears the bot only when a line was surely meant for it', async () => {
    const { channel, op, plain } = await scene();
    const mark = op.lines.length;
    for (const chat of ['#nova is great', '~5 minutes late, sorry', '~/bin is on my path'])
      plain.say(channel, chat);
    plain.say(channel, '#swift nwo rings');
    // The near miss is answered in the channel; the chat before it is not.
    await botSays(op, (t) => t.startsWith(`${plain.nick}: Unknown command 'nwo' for #swift`), mark);
    expect(op.messagesFrom(BOT, mark)).toHaveLength(1);
    // `#nova is great` may be a moderator who forgot `now`: only the sender is told.
    const hint = await plain.waitFor(
      (l) => l.command === 'PRIVMSG' && l.nick === BOT && l.params[0] === plain.nick,
      0,
    );
    expect(hint.params[1]).toMatch(/^If that was for the bot: .* say #nova now is great;/);
  });

  it('voice policy follows +v given and taken; a nick change keeps permissions', async () => {
    const { channel, op, voiced, plain, b } = await scene();
    op.say(channel, '~requirevoice');
    let mark = op.lines.length;
    plain.say(channel, '#swift now refused');
    await botSays(op, (t) => t === `${plain.nick}: Need voice to issue commands`, mark);

    let seen = plain.waitFor((l) => l.command === 'MODE' && l.params[1] === '+v');
    op.send(`MODE ${channel} +v ${plain.nick}`);
    await seen;
    mark = op.lines.length;
    plain.say(channel, '#swift now allowed');
    plain.say(channel, '~list');
    await botSays(op, (t) => t.includes('Need op'), mark);
    expect(b.h.ptg().now.swift).toBe('allowed');

    seen = plain.waitFor((l) => l.command === 'MODE' && l.params[1] === '-v');
    op.send(`MODE ${channel} -v ${plain.nick}`);
    await seen;
    mark = op.lines.length;
    plain.say(channel, '#swift now refused again');
    await botSays(op, (t) => t === `${plain.nick}: Need voice to issue commands`, mark);
    expect(b.h.ptg().now.swift).toBe('allowed');

    const renamed = `${voiced.nick}x`;
    seen = voiced.waitFor((l) => l.command === 'NICK');
    voiced.send(`NICK ${renamed}`);
    await seen;
    mark = op.lines.length;
    voiced.say(channel, '#swift now by a renamed voice');
    voiced.say(channel, '#svift now marker');
    await botSays(op, (t) => t === `${renamed}: Unknown track 'svift'; did you mean #swift?`, mark);
    expect(b.h.ptg().now.swift).toBe('by a renamed voice');
  });

  it('an exception while handling one line gets a short reply, and the bot goes on', async () => {
    const { channel, plain, b } = await scene();
    const handle = b.h.handler.handle.bind(b.h.handler);
    b.h.handler.handle = (line) =>
      line.text === '#swift now boom' ? Promise.reject(new Error('boom')) : handle(line);
    const mark = plain.lines.length;
    plain.say(channel, '#swift now boom');
    plain.say(channel, '#svift now after');
    await botSays(
      plain,
      (t) => t === `${plain.nick}: Unknown track 'svift'; did you mean #swift?`,
      mark,
    );
    expect(plain.messagesFrom(BOT, mark).map((l) => l.params[1])).toEqual([
      `${plain.nick}: Sorry, something went wrong with that command; it was logged`,
      `${plain.nick}: Unknown track 'svift'; did you mean #swift?`,
    ]);
  });

  it('rejoins after a kick, and knows the ops again', async () => {
    const { channel, op, b } = await scene();
    const back = op.waitFor((l) => l.command === 'JOIN' && l.nick === BOT);
    op.send(`KICK ${channel} ${BOT} :out`);
    await back;
    await b.reaches('joined');
    const mark = op.lines.length;
    op.say(channel, '~list');
    await botSays(op, (t) => t.startsWith(`${op.nick}: Tracks:`), mark);
  });

  it('a reply longer than 2,000 characters arrives whole, in lines under 512 bytes', async () => {
    const { channel, op } = await scene();
    const names = Array.from({ length: 120 }, (_, i) => `track-with-a-long-name-${i}`);
    for (let i = 0; i < names.length; i += 10)
      op.say(channel, `~add ${names.slice(i, i + 10).join(' ')}`);
    const mark = op.lines.length;
    op.say(channel, '~list');
    await botSays(op, (t) => t.includes('upgrades'), mark);
    const lines = op.messagesFrom(BOT, mark);
    const text = lines.map((l) => l.params[1]).join(' ');
    expect(text.length).toBeGreaterThan(2000);
    for (const name of names) expect(text).toContain(name);
    for (const l of lines) expect(Buffer.byteLength(`${l.raw}\r\n`)).toBeLessThanOrEqual(512);
    expect(lines.length).toBeGreaterThan(4);
  });
});

describe('the bot over TLS', () => {
  it('connects to the TLS port (self-signed certificate, verification off) and serves', async () => {
    const secure = await startNgircd({ tls: true });
    try {
      const client = new TestClient('tlsuser', secure.port);
      await client.connect();
      await client.join('#tls');
      const joined = client.waitFor((l) => l.command === 'JOIN' && l.nick === BOT);
      const b = await botOnIrc(secure.tlsPort as number, {
        settings: { channel: '#tls', tls: true, tlsVerify: false },
      });
      await joined;
      const mark = client.lines.length;
      client.say('#tls', '#svift now x');
      await botSays(
        client,
        (t) => t === "tlsuser: Unknown track 'svift'; did you mean #swift?",
        mark,
      );
      await b.stop();
      await client.quit();
    } finally {
      await secure.stop();
    }
  });
});

describe('the bot nick', () => {
  it('takes another nick when its own is taken, and regains it when it is free', async () => {
    const squatter = new TestClient(BOT, server.port);
    await squatter.connect();
    const watcher = new TestClient('watcher', server.port);
    await watcher.connect();
    await watcher.join('#nicks');
    const b = await botOnIrc(server.port, { settings: { channel: '#nicks' } });
    open.push(b, watcher);
    expect(b.bot.nick).toBe(`${BOT}_`);
    // It says which nick was taken and which it uses, in the log and on /healthz.
    expect(b.bot.lastError).toBe(`the nick ${BOT} is taken: using ${BOT}_ until it is free`);
    const health = await (await b.h.bot.app.request('/healthz')).json();
    expect(health.ircProblem).toBe(b.bot.lastError);
    const renamed = watcher.waitFor((l) => l.command === 'NICK' && l.params[0] === BOT);
    await squatter.quit();
    await renamed;
    expect(b.bot.nick).toBe(BOT);
  });
});

describe('the bot told why it cannot do what it was configured to', () => {
  it('SASL configured on a server without SASL: said in the log and on /healthz, and it goes on', async () => {
    const b = await botOnIrc(server.port, {
      settings: { channel: '#nosasl', account: 'ptgbot', password: 'secret' },
    });
    open.push(b);
    expect(b.bot.lastError).toBe(
      'the server does not offer SASL: continuing without logging in to ptgbot',
    );
    expect((await (await b.h.bot.app.request('/healthz')).json()).ircProblem).toBe(b.bot.lastError);
  });
});

describe('the bot alone with op', () => {
  it('first into an empty channel it holds op: it gives op to the organisers as they join, no one else', async () => {
    const b = await botOnIrc(server.port, {
      settings: { channel: '#lonely', organisers: ['Olivia[1]'] },
    });
    open.push(b);
    const visitor = new TestClient('visitor', server.port);
    await visitor.connect();
    open.push(visitor);
    await visitor.join('#lonely');
    // ngircd has no services: organisers are nicks here (and ascii: Olivia{1} is another).
    const twin = new TestClient('olivia{1}', server.port);
    await twin.connect();
    open.push(twin);
    await twin.join('#lonely');
    const organiser = new TestClient('olivia[1]', server.port);
    await organiser.connect();
    open.push(organiser);
    const opped = organiser.waitFor(
      (l) => l.command === 'MODE' && l.nick === BOT && l.params[1] === '+o',
    );
    await organiser.join('#lonely');
    expect((await opped).params).toEqual(['#lonely', '+o', 'olivia[1]']);
    // Nobody else was given op, and nothing of it was said in the channel.
    await visitor.waitFor((l) => l.command === 'MODE' && l.nick === BOT, 0);
    const modes = visitor.lines.filter((l) => l.command === 'MODE' && l.nick === BOT);
    expect(modes.map((l) => l.params[2])).toEqual(['olivia[1]']);
    expect(visitor.messagesFrom(BOT)).toEqual([]);
    const mark = organiser.lines.length;
    organiser.say('#lonely', '~list');
    const answer = await organiser.waitFor((l) => l.command === 'PRIVMSG' && l.nick === BOT, mark);
    expect(answer.params[1]).toMatch(/^olivia\[1\]: Tracks: /);
    // Gone and back: op again.
    organiser.send('PART #lonely');
    await visitor.waitFor((l) => l.command === 'PART' && l.nick === 'olivia[1]', 0);
    const again = organiser.waitFor(
      (l) => l.command === 'MODE' && l.nick === BOT && l.params[1] === '+o',
      organiser.lines.length,
    );
    await organiser.join('#lonely');
    expect((await again).params).toEqual(['#lonely', '+o', 'olivia[1]']);
  });
});

describe('the bot when the server goes away', () => {
  it('reconnects, rejoins and serves, with the state intact', async () => {
    const dir = tempDir();
    const statePath = `${dir.path}/state.json`;
    const { channel, voiced, b } = await scene({ statePath });
    const mark = voiced.lines.length;
    voiced.say(channel, '#swift now before the outage');
    voiced.say(channel, '#svift now x');
    await botSays(voiced, (t) => t.includes("Unknown track 'svift'; did you mean #swift?"), mark);

    const down = b.reaches('disconnected');
    await server.kill();
    await down;
    const rejoined = b.reaches('joined');
    await server.restart();
    await rejoined;
    expect(b.h.ptg().now.swift).toBe('before the outage');

    const again = new TestClient('returning', server.port);
    await again.connect();
    open.push(again);
    await again.join(channel);
    const at = again.lines.length;
    again.say(channel, '#swift next after the outage');
    again.say(channel, '#svift now y');
    await botSays(again, (t) => t === "returning: Unknown track 'svift'; did you mean #swift?", at);
    expect(b.h.ptg().next.swift).toEqual(['after the outage']);
    dir.cleanup();
  });

  it('dies and comes back three times in a row: the bot serves each time, invents and replays nothing', async () => {
    const channel = '#outages';
    const b = await botOnIrc(server.port, {
      settings: { channel, reconnect: { min: 300, max: 300 } },
    });
    open.push(b);
    const expected: string[] = [];
    for (let outage = 1; outage <= 3; outage++) {
      const down = b.reaches('disconnected');
      await server.kill();
      await down;
      const back = b.reaches('joined');
      await server.restart();
      const client = new TestClient(`user${outage}`, server.port);
      await client.connect();
      const names = client.lines.length;
      await client.join(channel);
      const botThere = client.lines
        .slice(names)
        .some(
          (l) =>
            l.command === '353' &&
            (l.params[3] ?? '').split(' ').some((n) => n.replace(/^[@+]/, '') === BOT),
        );
      // Said while the bot was away: it never hears it, so it must never act on it.
      if (!botThere) client.say(channel, `#swift next said while away ${outage}`);
      await back;
      const mark = client.lines.length;
      client.say(channel, `#swift next after outage ${outage}`);
      client.say(channel, '#svift now marker');
      await botSays(client, (t) => t.endsWith('did you mean #swift?'), mark);
      expected.push(`after outage ${outage}`);
      expect(b.h.ptg().next.swift).toEqual(expected);
      await client.quit();
    }
  });
});
