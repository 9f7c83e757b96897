import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cliProcess.js';
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

const NICK = 'crashbot';
const CHANNEL = '#crash';
const BURST = 100;

describe('SIGKILL during a burst over IRC', () => {
  it('20 times: every acknowledged command survives, the snapshot reads, the bot is back in the channel', async () => {
    const dir = tempDir();
    writeFileSync(join(dir.path, 'event.json'), JSON.stringify({ tracks: ['keystone'] }));
    const config = join(dir.path, 'config.json');
    writeFileSync(
      config,
      JSON.stringify({
        irc_server: '127.0.0.1',
        irc_port: server.port,
        irc_channel: CHANNEL,
        irc_nick: NICK,
        http_port: 0,
        event_file: 'event.json',
        send_rate: { lines_per_second: 100, burst: 100 },
        // Every acknowledged track is kept: no cap gets in the way of counting them.
        limits: { tracks: 100_000 },
      }),
    );
    // The first in the channel holds op: each `~add` is confirmed, which is its acknowledgement.
    const moderator = new TestClient('moderator', server.port);
    await moderator.connect();
    await moderator.join(CHANNEL);

    const killAfter = fc.sample(fc.integer({ min: 1, max: BURST - 1 }), { numRuns: 20, seed: 7 });
    let sent = 0;
    /** The items whose `Added #itemN` reply arrived: each must survive every kill. */
    const acknowledged = new Set<number>();
    const botJoins = () => moderator.waitFor((l) => l.command === 'JOIN' && l.nick === NICK);
    let joined = botJoins();
    let cli = runCli([config]);
    // A bot that dies on its own fails the wait at once, with what it said.
    const inChannel = (current: ReturnType<typeof runCli>) =>
      Promise.race([joined, current.exit.then(() => Promise.reject(new Error(current.stderr())))]);
    for (const after of killAfter) {
      await inChannel(cli);
      const first = sent;
      const mark = moderator.lines.length;
      const lines = Array.from({ length: BURST }, () => `PRIVMSG ${CHANNEL} :~add item${++sent}`);
      moderator.send(lines.join('\r\n'));
      const acks = () =>
        moderator
          .messagesFrom(NICK, mark)
          .flatMap((l) => (l.params[1] ?? '').split(' | '))
          .flatMap((text) => /Added #item(\d+)/.exec(text)?.[1] ?? [])
          .map(Number);
      await moderator.until(() => acks().length >= after);
      cli.child.kill('SIGKILL');
      await cli.exit;
      for (const n of acks()) acknowledged.add(n);
      expect(Math.min(...acks())).toBeGreaterThan(first);

      joined = botJoins();
      cli = runCli([config]);
      const url = (await cli.logRecord((r) => typeof r.page === 'string')).page as string;
      const ptg = await (await fetch(`${url}ptg.json`)).json();
      const items: string[] = ptg.tracks;
      for (const n of acknowledged) {
        expect(
          items,
          `item ${n} was acknowledged before the kill after ${after} replies`,
        ).toContain(`item${n}`);
      }
      expect(new Set(items).size).toBe(items.length);
    }
    await inChannel(cli);
    cli.child.kill('SIGTERM');
    expect(await cli.exit).toBe(0);
    await moderator.quit();
    dir.cleanup();
  }, 300_000);
});
