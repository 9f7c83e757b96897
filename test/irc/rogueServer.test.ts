import { createServer, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { botOnIrc, BOT, CHANNEL, ircSettings } from '../helpers/botOnIrc.js';
import { harness } from '../helpers/harness.js';
import type { IrcBot } from '../../src/io/irc/ircBot.js';

/**
 * A fake IRC server that registers the bot, lets it join, then sends what a rogue or
 * broken server might. Each connection's lines are kept so the test can read replies.
 */
async function rogueServer(hostile: string[]) {
  const sockets: Socket[] = [];
  const received: string[][] = [];
  const waiters: Array<{ test: (line: string) => boolean; resolve: () => void }> = [];
  let connections = 0;
  const server = createServer((socket) => {
    sockets.push(socket);
    const mine: string[] = [];
    received.push(mine);
    connections++;
    let buffer = '';
    socket.setEncoding('utf8');
    socket.on('error', () => {});
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      let end: number;
      while ((end = buffer.indexOf('\r\n')) !== -1) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        mine.push(line);
        for (const w of waiters.filter((w) => w.test(line))) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve();
        }
        const say = (l: string) => socket.write(`${l}\r\n`);
        if (line.startsWith('USER ')) {
          say(`:rogue 001 ${BOT} :Welcome`);
          say(`:rogue 376 ${BOT} :End of MOTD`);
        } else if (line.startsWith('JOIN ')) {
          say(`:${BOT}!b@h JOIN ${CHANNEL}`);
          say(`:rogue 353 ${BOT} = ${CHANNEL} :${BOT} @olivia alice`);
          say(`:rogue 366 ${BOT} ${CHANNEL} :End`);
          if (connections === 1) for (const h of hostile) say(h);
          say(`:olivia!o@h PRIVMSG ${CHANNEL} :~list`);
        } else if (line.startsWith('PING ')) {
          say(`PONG ${line.slice(5)}`);
        }
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    received,
    /** Resolves when the bot sends a line that passes the test (or has sent one). */
    sent: (test: (line: string) => boolean) =>
      received.flat().some(test)
        ? Promise.resolve()
        : new Promise<void>((resolve) => waiters.push({ test, resolve })),
    get connections() {
      return connections;
    },
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

const MALFORMED = [
  ':alice!a@h PRIVMSG',
  ':alice!a@h PRIVMSG :',
  `:rogue 353 ${BOT}`,
  `:rogue 353`,
  ':alice!a@h JOIN',
  ':alice!a@h KICK',
  `:alice!a@h KICK ${CHANNEL}`,
  ':alice!a@h MODE',
  `:alice!a@h MODE ${CHANNEL} +o`,
  ':alice!a@h NICK',
  ':alice!a@h PART',
  ':alice!a@h QUIT',
  ':alice!a@h ACCOUNT',
  ':rogue 005',
  ':rogue 433',
  `:alice!a@h PRIVMSG ${BOT} :\u0001VERSION\u0001`,
  `@account=;bad=\\ PRIVMSG ${CHANNEL} :#swift now x`,
  ':',
  '@',
  ':x!y@z CAP * LS',
  ':rogue 904',
  ':rogue 900',
];

describe('a rogue IRC server', () => {
  let close: (() => Promise<void>) | null = null;
  afterEach(async () => {
    await close?.();
    close = null;
  });

  it.each(MALFORMED)('survives %j, and serves the next command', async (line) => {
    const server = await rogueServer([line]);
    const b = await botOnIrc(server.port);
    close = async () => {
      await b.stop();
      await server.close();
    };
    // The ~list after the hostile line is answered on the same connection: a line the
    // library cannot handle is skipped, never a reason to reconnect.
    await server.sent((l) => l.startsWith(`PRIVMSG ${CHANNEL} :olivia: Tracks:`));
    expect(server.connections).toBe(1);
    expect(server.received.flat().some((l) => l.includes('VERSION'))).toBe(false);
  });

  it('a server that refuses the connection: its own words are the reason, on /healthz too', async () => {
    const refusal =
      'Closing Link: 127.0.0.1 (Connection refused, too many connections from your IP address)';
    const sockets: Socket[] = [];
    const server = createServer((socket) => {
      sockets.push(socket);
      socket.on('error', () => {});
      socket.end(`ERROR :${refusal}\r\n`);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    const h = await harness({
      irc: ircSettings(port),
    });
    const irc = h.bot.irc as IrcBot;
    const refused = new Promise<void>((resolve) =>
      irc.onStatus((status) => status === 'disconnected' && resolve()),
    );
    irc.start();
    await refused;
    expect(irc.lastError).toBe(`the server said: ${refusal}`);
    const health = await (await h.bot.app.request('/healthz')).json();
    expect(health).toMatchObject({ ok: false, ircProblem: `the server said: ${refusal}` });
    await h.bot.stop();
    for (const socket of sockets) socket.destroy();
    await new Promise((r) => server.close(r));
  });
});
