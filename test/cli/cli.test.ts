import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { runCli } from '../helpers/cliProcess.js';
import { freePort } from '../helpers/ports.js';
import { fixturePath, tempDir } from '../helpers/harness.js';
import { expected, read } from '../helpers/originalDb.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});
const dir = () => {
  const d = tempDir();
  cleanups.push(d.cleanup);
  return d.path;
};

const pageUrl = (record: Record<string, unknown>) => record.page as string;

describe('the ptgbot command', () => {
  it('--help lists the options and exits 0', async () => {
    const cli = runCli(['--help']);
    const line = await cli.stdoutLine((l) => l.includes('--inspect'));
    expect(line).toContain('--inspect');
    expect(await cli.exit).toBe(0);
  });

  it('a bad config exits 2 and names the key', async () => {
    const path = join(dir(), 'bad.json');
    writeFileSync(path, JSON.stringify({ irc_port: 'sixty', irc_channel: '#ok' }));
    const cli = runCli([path]);
    expect(await cli.exit).toBe(2);
    expect(cli.stderr()).toContain('irc_port');
  });

  it('bad usage exits 2', async () => {
    const cli = runCli(['--no-such-option']);
    expect(await cli.exit).toBe(2);
    expect(cli.stderr()).toContain('Usage: ptgbot');
  });

  it('the demo: a line typed into the console changes /ptg.json', async () => {
    const cli = runCli(['--port', '0']);
    const url = pageUrl(await cli.logRecord((r) => typeof r.page === 'string'));
    const before = await (await fetch(`${url}ptg.json`)).json();
    expect(before.eventid).toBe('demo');
    expect(before.now.cinder).toBeUndefined();
    cli.child.stdin?.write(
      '#cinder now typed in the console\n#svift now x\n/as bob /msg #cinder now privately\n',
    );
    await cli.stdoutLine((l) => l.includes("Unknown track 'svift'"));
    await cli.stdoutLine((l) => l.includes('Track commands work in the channel only'));
    const after = await (await fetch(`${url}ptg.json`)).json();
    expect(after.now.cinder).toBe('typed in the console');
    const health = await (await fetch(`${url}healthz`)).json();
    expect(health).toMatchObject({ ok: true, irc: 'not configured' });
    const metrics = await (await fetch(`${url}metrics`)).text();
    expect(metrics).toContain('ptgbot_commands_total{kind="track.now"} 2');
    expect(metrics).toContain('ptgbot_commands_total{kind="invalid"} 1');
    // Refused by the chart's guards: counted as such (and as what was asked).
    expect(metrics).toContain('ptgbot_commands_total{kind="refused"} 1');
    expect(metrics).toContain('ptgbot_replies_total{type="reply"} 2');
    expect(metrics).toMatch(/ptgbot_snapshot_save_seconds_count \d+/);
    expect(metrics).toContain('ptgbot_sse_clients 0');
    expect(metrics).toContain('ptgbot_send_queue_depth 0');
    cli.child.kill('SIGTERM');
    expect(await cli.exit).toBe(0);
  });

  it('--log-format pretty writes readable lines even when piped; a wrong format is a usage error', async () => {
    const cli = runCli(['--port', '0', '--log-format', 'pretty']);
    await cli.stdoutLine((l) => l.includes('/quit (or Ctrl-D)'));
    cli.child.stdin?.write('/quit\n');
    expect(await cli.exit).toBe(0);
    expect(cli.stderr()).toMatch(/INFO.*schedule page at http/);
    expect(cli.stderr()).not.toMatch(/^\{"level"/m);
    const wrong = runCli(['--log-format', 'xml']);
    expect(await wrong.exit).toBe(2);
    expect(wrong.stderr()).toMatch(/--log-format: 'xml' is neither pretty nor json/);
  });

  it('warns at start when help would point attendees to a loopback address', async () => {
    const d = dir();
    const config = join(d, 'config.json');
    const port = await freePort(); // nothing listens there: the bot keeps trying, which is fine
    writeFileSync(
      config,
      JSON.stringify({
        irc_server: '127.0.0.1',
        irc_port: port,
        http_port: 0,
        db_filename: 'ptg.json',
      }),
    );
    const cli = runCli([config]);
    const warning = await cli.logRecord((r) => String(r.msg).startsWith('help points attendees'));
    expect(warning.msg).toMatch(/set help_url to the page's public address/);
    await cli.logRecord((r) => typeof r.page === 'string');
    cli.child.kill('SIGTERM');
    expect(await cli.exit).toBe(0);
  });

  it('the console says how to leave it, and /quit stops the bot as SIGTERM does', async () => {
    const cli = runCli(['--port', '0']);
    await cli.stdoutLine((l) => l.includes('/quit (or Ctrl-D)'));
    cli.child.stdin?.write('#cinder now before quitting\n/quit\n');
    expect(await cli.exit).toBe(0);
    expect(cli.stderr()).toMatch(/"signal":"\/quit".*stopping: saving the state/);
  });

  it('input that is not a terminal ending (a pipe, /dev/null) does not stop the bot', async () => {
    const cli = runCli(['--port', '0']);
    const url = pageUrl(await cli.logRecord((r) => typeof r.page === 'string'));
    cli.child.stdin?.end();
    // Still serving after its input ended: the page answers.
    expect((await fetch(`${url}ptg.json`)).status).toBe(200);
    cli.child.kill('SIGTERM');
    expect(await cli.exit).toBe(0);
  });

  it('SIGTERM with a live page following: its stream ends and the bot exits 0', async () => {
    const cli = runCli(['--port', '0']);
    const url = pageUrl(await cli.logRecord((r) => typeof r.page === 'string'));
    const res = await fetch(`${url}api/events`);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let received = '';
    while (!received.includes('event: state')) {
      received += decoder.decode((await reader.read()).value, { stream: true });
    }
    cli.child.kill('SIGTERM');
    expect(await cli.exit).toBe(0);
    // A stream whose body runs until the connection closes ends when the bot closes it.
    for (;;) if ((await reader.read()).done) break;
  });

  it('SIGTERM saves the state and exits 0; the next start has it', async () => {
    const d = dir();
    const config = join(d, 'config.json');
    writeFileSync(
      config,
      JSON.stringify({
        db_filename: 'html/ptg.json',
        http_port: 0,
        event_file: fixturePath('event-later.json'),
        timezone: 'Europe/Berlin',
        irc_colour: 'unknown keys are warned about',
      }),
    );
    const refused = runCli([config]);
    expect(await refused.exit).toBe(2);
    expect(refused.stderr()).toContain('irc_colour: unknown key');
    const first = runCli([config, '--console', '--ignore-unknown-keys']);
    await first.logRecord((r) => typeof r.page === 'string');
    const warning = await first.logRecord((r) => r.level === 40);
    expect(warning.msg).toContain('irc_colour: unknown key');
    expect(warning.msg).toContain(': ignored');
    first.child.stdin?.write(
      '#swift now saved on the way out\n~motd add info kept\n#svift now x\n',
    );
    await first.stdoutLine((l) => l.includes("Unknown track 'svift'"));
    first.child.kill('SIGTERM');
    expect(await first.exit).toBe(0);
    const ptg = JSON.parse(readFileSync(join(d, 'html/ptg.json'), 'utf8'));
    expect(ptg.now.swift).toBe('saved on the way out');

    const second = runCli([config, '--ignore-unknown-keys']);
    const url = pageUrl(await second.logRecord((r) => typeof r.page === 'string'));
    const again = await (await fetch(`${url}ptg.json`)).json();
    expect(again.now.swift).toBe('saved on the way out');
    expect(again.motd).toEqual([{ level: 'info', message: 'kept' }]);
    second.child.kill('SIGINT');
    expect(await second.exit).toBe(0);
  });

  it("takes over the original bot's database at the first start: every field, on disk and served, across a restart", async () => {
    const d = dir();
    const db = read(fixturePath('original-db.json'));
    copyFileSync(fixturePath('original-db.json'), join(d, 'ptg.json'));
    const config = join(d, 'config.json');
    writeFileSync(
      config,
      JSON.stringify({ db_filename: 'ptg.json', http_port: 0, timezone: 'UTC' }),
    );
    for (const round of ['first start', 'restart']) {
      const cli = runCli([config]);
      if (round === 'first start') {
        const taken = await cli.logRecord((r) => String(r.msg).startsWith('took over'));
        expect(taken).toMatchObject({
          tracks: 5,
          topics: 3,
          checkins: 3,
          subscriptions: 2,
          banners: 2,
        });
      }
      const url = pageUrl(await cli.logRecord((r) => typeof r.page === 'string'));
      const { timestamp: _a, ...served } = await (await fetch(`${url}ptg.json`)).json();
      expect(served, round).toEqual(expected(db));
      cli.child.kill('SIGTERM');
      expect(await cli.exit).toBe(0);
      const { timestamp: _b, ...onDisk } = JSON.parse(readFileSync(join(d, 'ptg.json'), 'utf8'));
      expect(onDisk, round).toEqual(expected(db));
    }
  });

  it("the config's timetable and the database's live state, said in the log; every start says what it holds", async () => {
    const d = dir();
    const config = JSON.parse(readFileSync(fixturePath('config-original.json'), 'utf8'));
    Object.assign(config, {
      db_filename: 'ptg.json',
      http_port: 0,
      timezone: 'UTC',
      irc_server: '',
    });
    writeFileSync(join(d, 'config.json'), JSON.stringify(config));
    writeFileSync(
      join(d, 'ptg.json'),
      JSON.stringify({
        tracks: ['swift', 'cinder', 'zuul'],
        slots: {
          Sunday: [{ name: 'SunAM', desc: '09:00-12:00' }],
          Monday: [{ name: 'MonPM', desc: '14:00-17:00' }],
        },
        schedule: { Boathouse: { MonPM: 'zuul' }, Attic: { SunAM: 'docs' } },
        now: { swift: 'ring balancing' },
      }),
    );
    const first = runCli([join(d, 'config.json')]);
    const page = pageUrl(await first.logRecord((r) => typeof r.page === 'string'));
    const served = await (await fetch(`${page}ptg.json`)).json();
    expect(Object.keys(served.slots)).toEqual(['Monday', 'Tuesday']);
    expect(served.schedule.Boathouse.MonPM).toBe('zuul');
    expect(served.schedule.Pier.MonAM).toBe('swift');
    expect(served.now).toEqual({ swift: 'ring balancing' });
    const log = first.stderr();
    expect(log).toMatch(/taking over: the timetable \(slots, schedule, rooms\): the config/);
    expect(log).toMatch(/taking over: bookings kept from the database: Boathouse-MonPM \(zuul\)/);
    expect(log).toMatch(/taking over: set aside .*: Attic-SunAM \(docs\)/);
    const started = await first.logRecord((r) => String(r.msg).startsWith('started from'));
    expect(started).toMatchObject({
      msg: expect.stringMatching(/^started from took over /),
      rooms: 3,
      slots: 4,
    });
    first.child.kill('SIGTERM');
    expect(await first.exit).toBe(0);
    const again = runCli([join(d, 'config.json')]);
    const resumed = await again.logRecord((r) => String(r.msg).startsWith('started from'));
    expect(resumed).toMatchObject({
      msg: expect.stringMatching(/^started from resumed from /),
      topics: 1,
    });
    again.child.kill('SIGTERM');
    expect(await again.exit).toBe(0);
  });

  it('a database it cannot read is never replaced', async () => {
    const d = dir();
    writeFileSync(join(d, 'ptg.json'), '{"tracks": [');
    const config = join(d, 'config.json');
    writeFileSync(config, JSON.stringify({ db_filename: 'ptg.json', http_port: 0 }));
    const cli = runCli([config]);
    expect(await cli.exit).toBe(2);
    expect(cli.stderr()).toMatch(/db_filename: .*ptg\.json is not JSON .*left untouched/);
    expect(readFileSync(join(d, 'ptg.json'), 'utf8')).toBe('{"tracks": [');
  });

  it('a port in use stops the start with one line and exit 2, writing nothing', async () => {
    const d = dir();
    const busy = createServer().listen(0, '127.0.0.1');
    await new Promise((r) => busy.once('listening', r));
    const port = (busy.address() as { port: number }).port;
    const config = join(d, 'config.json');
    writeFileSync(config, JSON.stringify({ db_filename: 'ptg.json', http_port: port }));
    const cli = runCli([config]);
    expect(await cli.exit).toBe(2);
    expect(cli.stderr().trim()).toBe(
      `ptgbot: http_port: port ${port} on 127.0.0.1 is already in use (set http_port, or --port)`,
    );
    expect(readdirSync(d)).toEqual(['config.json']);
    busy.close();
  });

  it('the airbag on the real CLI: a command whose handling throws is undone and answered; the page serves; the next command works', async () => {
    const d = dir();
    const config = join(d, 'config.json');
    writeFileSync(
      config,
      JSON.stringify({
        db_filename: 'ptg.json',
        http_port: 0,
        event_file: fixturePath('event-later.json'),
      }),
    );
    const cli = runCli([config, '--console'], { env: { PTGBOT_TEST_FAULT_ON: 'track.next' } });
    const url = pageUrl(await cli.logRecord((r) => typeof r.page === 'string'));
    cli.child.stdin?.write('#swift now before\n#swift next boom\n');
    await cli.stdoutLine((l) =>
      l.includes('hit a bug in the bot; it was logged and nothing changed'),
    );
    const fault = await cli.logRecord((r) => String(r.msg).startsWith('a bug met while handling'));
    expect(fault).toMatchObject({
      event: 'track.next',
      err: { message: 'injected fault in track.next' },
    });
    const ptg = await (await fetch(`${url}ptg.json`)).json();
    expect(ptg.now.swift).toBe('before');
    expect(ptg.next.swift).toBeUndefined();
    expect((await fetch(url)).status).toBe(200);
    // Console lines are handled in order: the answer to ~list means `now after` is applied.
    cli.child.stdin?.write('#swift now after\n~list\n');
    await cli.stdoutLine((l) => l.includes('Tracks:'));
    const metrics = await (await fetch(`${url}metrics`)).text();
    expect(metrics).toContain('ptgbot_handler_faults_total 1');
    cli.child.kill('SIGTERM');
    expect(await cli.exit).toBe(0);
    const saved = JSON.parse(readFileSync(join(d, 'ptg.json'), 'utf8'));
    expect(saved.now.swift).toBe('after');
  });

  it('an unreadable snapshot stops start-up and names the file', async () => {
    const d = dir();
    writeFileSync(join(d, 'ptgbot-state.json'), '{"json": nope');
    const config = join(d, 'config.json');
    writeFileSync(config, JSON.stringify({ db_filename: 'ptg.json', http_port: 0 }));
    const cli = runCli([config]);
    expect(await cli.exit).toBe(1);
    expect(cli.stderr()).toContain(join(d, 'ptgbot-state.json'));
    expect(readFileSync(join(d, 'ptgbot-state.json'), 'utf8')).toBe('{"json": nope');
  });

  it('--inspect=log:FILE records the event actor and each track actor', async () => {
    const file = join(dir(), 'inspect.jsonl');
    const cli = runCli(['--port', '0', `--inspect=log:${file}`]);
    await cli.logRecord((r) => typeof r.page === 'string');
    cli.child.stdin?.write('#swift now inspected\n#svift now x\n');
    await cli.stdoutLine((l) => l.includes("Unknown track 'svift'"));
    cli.child.kill('SIGTERM');
    expect(await cli.exit).toBe(0);
    const records = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const actors = new Set(
      records.filter((r) => r.type === '@xstate.actor').map((r) => r.systemId ?? r.actorId),
    );
    for (const track of [
      'nova',
      'swift',
      'cinder',
      'ironic',
      'docs',
      'api-sig',
      'infra',
      'security',
    ]) {
      expect(actors).toContain(`track:${track}`);
    }
    // The event day is announced before its system id is set; its snapshots carry it.
    expect(records.some((r) => r.type === '@xstate.actor' && r.actorId === 'x:0')).toBe(true);
    expect(records.some((r) => r.type === '@xstate.snapshot' && r.systemId === 'eventDay')).toBe(
      true,
    );
    const swiftChange = records.find(
      (r) =>
        r.type === '@xstate.snapshot' &&
        r.systemId === 'track:swift' &&
        r.context?.now === 'inspected',
    );
    expect(swiftChange?.value).toMatchObject({ history: 'undoable' });
    // The context's Maps are written as their entries, not as JSON's empty `{}`.
    const day = records.findLast((r) => r.type === '@xstate.snapshot' && r.systemId === 'eventDay');
    expect(Object.keys(day?.context.rooms ?? {})).toContain('Aurora Hall');
  });

  it('--inspect=PORT relays every actor to a WebSocket inspector', async () => {
    const port = await freePort();
    const cli = runCli(['--port', '0', `--inspect=${port}`]);
    await cli.logRecord((r) => typeof r.page === 'string');
    // The relay's page frames the Stately inspector; it listens on loopback alone.
    expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toContain('stately.ai/inspect');
    const outside = Object.values(networkInterfaces())
      .flat()
      .find((a) => a && a.family === 'IPv4' && !a.internal);
    if (outside) {
      await expect(fetch(`http://${outside.address}:${port}/`)).rejects.toThrow();
    }
    const socket = new WebSocket(`ws://127.0.0.1:${port}`);
    const messages: string[] = [];
    const seen = new Promise<void>((resolve) => {
      socket.on('message', (data) => {
        messages.push(data.toString());
        if (data.toString().includes('relayed to the inspector')) resolve();
      });
    });
    await new Promise((resolve) => socket.once('open', resolve));
    cli.child.stdin?.write('#swift now relayed to the inspector\n');
    await seen;
    expect(messages.some((m) => m.includes('track:swift'))).toBe(true);
    // The context's Maps reach the inspector as their entries (JSON alone writes `{}`).
    expect(messages.some((m) => m.includes('"Venue map"'))).toBe(true);
    socket.close();
    cli.child.kill('SIGTERM');
    expect(await cli.exit).toBe(0);
  });

  it('--inspect=page serves the machines live at /inspect: each actor, its states drawn, its context, the last events', async () => {
    const cli = runCli(['--port', '0', '--inspect=page']);
    const url = pageUrl(await cli.logRecord((r) => typeof r.page === 'string'));
    const page = await (await fetch(`${url}inspect`)).text();
    expect(page).toContain('data-actor="eventDay"');
    expect(page).toContain('data-actor="track:swift"');
    // The charts are drawn with their transitions; the states the actors are in are lit.
    expect(page).toMatch(/class="chart-state active"[^>]*><span class="chart-name">open</);
    expect(page).toContain('admin.* [it confirms the waiting command] &rarr; ready');
    const res = await fetch(`${url}inspect/events`);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let seen = '';
    cli.child.stdin?.write('#swift now inspected live\n');
    while (!seen.includes('inspected live')) {
      const { value, done } = await reader.read();
      if (done) break;
      seen += decoder.decode(value);
    }
    expect(seen).toContain('track.now');
    await reader.cancel();
    cli.child.kill('SIGTERM');
    expect(await cli.exit).toBe(0);
  });

  it('--statecharts prints each machine as Mermaid', async () => {
    const cli = runCli(['--statecharts']);
    await cli.stdoutLine((l) => l.includes('%% track'));
    expect(await cli.exit).toBe(0);
  });
});
