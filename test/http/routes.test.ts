import { ircSettings } from '../helpers/botOnIrc.js';
import { brotliDecompressSync } from 'node:zlib';
import { applyPatch } from 'rfc6902';
import { describe, expect, it } from 'vitest';
import { listen } from '../helpers/browser.js';
import { freePort } from '../helpers/ports.js';
import { harness } from '../helpers/harness.js';
import { OP } from '../helpers/harness.js';
import { parseFrame, sseReader, web } from '../helpers/web.js';

describe('HTTP routes', () => {
  it('/ serves the page with the state in it, a CSP without inline script, and 304s', async () => {
    const w = await web();
    await w.say('#nova now live migration', OP);
    const res = await w.app.request('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    const body = await res.text();
    expect(body).toContain('live migration');
    expect(body).toContain('id="initial-state"');
    const etag = res.headers.get('etag') as string;
    const again = await w.app.request('/', { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    await w.say('#nova next cells', OP);
    expect((await w.app.request('/', { headers: { 'If-None-Match': etag } })).status).toBe(200);
  });

  it('the page shows a join button from the track url, else from its room', async () => {
    const w = await web();
    await w.say('#nova now cells', OP);
    await w.say('#swift now rings', OP);
    await w.say('#swift url https://meet.example.org/swift', OP);
    await w.say('+in #swift', { nick: 'alice' });
    const body = await (await w.app.request('/')).text();
    expect(body).toContain('<a class="join" href="https://meet.example.org/harbour"');
    expect(body).toContain('<a class="join" href="https://meet.example.org/swift"');
    expect(body).toContain('<span class="people" title="alice">1 here</span>');
  });

  it('the board shows now and next side by side per track, and when it last changed', async () => {
    const w = await web();
    expect(await (await w.app.request('/')).text()).toContain(
      '<time datetime="2026-11-23T09:30:00+01:00">09:30</time>',
    );
    await w.say('#swift next erasure codes', OP);
    w.setTime('2026-11-23T09:42:00+01:00');
    await w.say('#nova now cells', OP);
    await w.say('#nova next placement', OP);
    await w.runtime.durable();
    const body = await (await w.app.request('/')).text();
    const row = (track: string) =>
      new RegExp(`<tr data-track="${track}">[\\s\\S]*?</tr>`).exec(body)?.[0] ?? '';
    expect(row('swift')).toMatch(/class="topic"><span class="idle">/);
    expect(row('swift')).toMatch(/class="next">.*<li>erasure codes<\/li>/);
    expect(row('nova')).toMatch(/class="topic">cells<\/td>/);
    expect(row('nova')).toMatch(/class="next">.*<li>placement<\/li>/);
    expect(body).not.toContain('id="next"');
    expect(body).toContain('Last change: <time datetime="2026-11-23T09:42:00+01:00">09:42</time>');
    w.setTime('2026-11-24T08:00:00+01:00');
    await w.runtime.durable();
    expect(await (await w.app.request('/')).text()).toContain('>Monday 09:42</time>');
  });

  it("schedule cells link to the session's meeting: the track's own link, else the room's", async () => {
    const w = await web();
    await w.say('#swift url https://meet.example.org/swift', OP);
    const body = await (await w.app.request('/')).text();
    const schedule = body.slice(body.indexOf('id="schedule"'));
    expect(schedule).toContain(
      'href="https://meet.example.org/swift" rel="noopener noreferrer" aria-label="Join the meeting of #swift"',
    );
    expect(schedule).toContain(
      'href="https://meet.example.org/harbour" rel="noopener noreferrer" aria-label="Join the meeting of #nova"',
    );
  });

  it('/ptg.json keeps the later bot field names, with ETag, CORS and compression', async () => {
    const w = await web();
    await w.say('#swift now rings', OP);
    const res = await w.app.request('/ptg.json', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const gunzipped = (res.body as ReadableStream).pipeThrough(new DecompressionStream('gzip'));
    const json = await new Response(gunzipped).json();
    expect(Object.keys(json).sort()).toEqual(
      [
        'colors',
        'etherpads',
        'eventid',
        'last_check_in',
        'links',
        'location',
        'motd',
        'next',
        'now',
        'schedule',
        'slots',
        'subscriptions',
        'timestamp',
        'tracks',
        'urls',
        'voice',
      ].sort(),
    );
    expect(json.now).toEqual({ swift: 'rings' });
    expect(res.headers.get('vary')).toBe('Accept-Encoding');
    const etag = res.headers.get('etag') as string;
    const again = { 'If-None-Match': etag, 'Accept-Encoding': 'gzip' };
    expect((await w.app.request('/ptg.json', { headers: again })).status).toBe(304);
    // Each encoding is its own representation, with its own ETag.
    const plain = await w.app.request('/ptg.json', { headers: { 'If-None-Match': etag } });
    expect(plain.status).toBe(200);
    expect(plain.headers.get('content-encoding')).toBeNull();
    const br = await w.app.request('/ptg.json', { headers: { 'Accept-Encoding': 'gzip, br' } });
    expect(br.headers.get('content-encoding')).toBe('br');
    const bytes = Buffer.from(await br.arrayBuffer());
    expect(JSON.parse(brotliDecompressSync(bytes).toString())).toEqual(json);
  });

  it('/api/state is the typed state', async () => {
    const w = await web();
    const state = await (await w.app.request('/api/state')).json();
    expect(state.eventid).toBe('HBR-ptg');
    expect(state.tracks.find((t: { name: string }) => t.name === 'swift')).toMatchObject({
      discussing: false,
      etherpadUrl: 'https://etherpad.opendev.org/p/HBR-ptg-swift',
    });
  });

  it('/api/events sends the state on connect, each change after, and resumes by Last-Event-ID', async () => {
    const w = await web();
    const server = await listen(w.bot.listener);
    const events = (headers: Record<string, string> = {}) =>
      fetch(`${server.url}/api/events`, { headers });
    const res = await events();
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(res.headers.get('content-encoding')).toBeNull();
    const frames = sseReader(res.body as ReadableStream<Uint8Array>);
    expect(await frames.next()).toBe('retry: 2000');
    const first = parseFrame(await frames.next());
    expect(first.event).toBe('state');
    expect(first.id).toBe(w.view.snapshot.version);
    // Then whether updates are paused (the bot cut off from IRC): here they are not.
    expect(parseFrame(await frames.next())).toEqual({ event: 'notice', data: '{"paused":null}' });
    await w.say('#swift now rings', OP);
    // A change is a small JSON Patch from the version before it.
    const second = parseFrame(await frames.next());
    expect(second.event).toBe('patch');
    const { from, patch } = JSON.parse(second.data as string);
    expect(from).toBe(first.id);
    const state = JSON.parse(first.data as string);
    expect(applyPatch(state, patch).every((e) => e === null)).toBe(true);
    expect(state).toEqual(w.runtime.state());
    expect((second.data as string).length).toBeLessThan(400);
    await frames.cancel();

    // Up to date: nothing until the next change.
    const resumed = await events({ 'Last-Event-ID': second.id as string });
    const more = sseReader(resumed.body as ReadableStream<Uint8Array>);
    expect(await more.next()).toBe('retry: 2000');
    expect(parseFrame(await more.next()).event).toBe('notice');
    await w.say('#swift next erasure', OP);
    const third = parseFrame(await more.next());
    expect(third.id).not.toBe(second.id);
    expect(third.data).toContain('erasure');
    await more.cancel();

    // Behind: the current state at once.
    const behind = await events({ 'Last-Event-ID': 'old' });
    const catchUp = sseReader(behind.body as ReadableStream<Uint8Array>);
    await catchUp.next();
    expect(parseFrame(await catchUp.next()).id).toBe(third.id);
    await catchUp.cancel();
    // Each page that went away leaves the hub once its socket closes.
    await new Promise<void>((resolve) => {
      const check = () => (w.hub.size === 0 ? resolve() : setImmediate(check));
      check();
    });
    await server.close();
  });

  it("/signage shows today's rooms and slots, the current one marked, with topics", async () => {
    const w = await web();
    await w.tick();
    await w.say('#nova now cells v2', OP);
    const body = await (await w.app.request('/signage')).text();
    expect(body).toContain('data-view="signage"');
    expect(body).toContain('Monday');
    expect(body).toMatch(
      /<th scope="col" class="current"><span class="time">09:00<\/span>-<wbr><span class="time">10:45<\/span>/,
    );
    expect(body).toContain('cells v2');
  });

  it("/etherpads lists each track's pad, own or generated; /links the event links", async () => {
    const w = await web();
    await w.say('#swift etherpad https://pad.example.org/p/swift', OP);
    const pads = await (await w.app.request('/etherpads')).text();
    expect(pads).toContain('https://pad.example.org/p/swift');
    expect(pads).toContain('https://etherpad.opendev.org/p/HBR-ptg-nova');
    const links = await (await w.app.request('/links')).text();
    expect(links).toContain('https://example.org/harbour/map.pdf');
  });

  it('/TRACK.ics and /ptg.ics are iCalendar feeds of slots with a start time', async () => {
    const w = await web();
    const all = await w.app.request('/ptg.ics');
    expect(all.headers.get('content-type')).toMatch(/^text\/calendar/);
    const text = await all.text();
    expect(text).toContain('BEGIN:VCALENDAR');
    // MonA1 is the only slot with a start time (09:00 +01:00, 105 minutes).
    expect(text.match(/BEGIN:VEVENT/g)).toHaveLength(4);
    expect(text).toContain('DTSTART:20261123T080000Z');
    expect(text).toContain('DTEND:20261123T094500Z');
    const nova = await (await w.app.request('/nova.ics')).text();
    expect(nova.match(/BEGIN:VEVENT/g)).toHaveLength(1);
    expect(nova).toContain('SUMMARY:#nova (Monday 09:00-10:45)');
    expect(nova).toContain('LOCATION:Harbour Hall');
    expect((await w.app.request('/ghost.ics')).status).toBe(404);
    const etag = (await w.app.request('/nova.ics')).headers.get('etag') as string;
    expect((await w.app.request('/nova.ics', { headers: { 'If-None-Match': etag } })).status).toBe(
      304,
    );
  });

  it('static files have ETags; unknown paths are 404', async () => {
    const w = await web();
    const js = await w.app.request('/app.js');
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    expect((await js.text()).length).toBeGreaterThan(1000);
    const css = await w.app.request('/style.css');
    const etag = css.headers.get('etag') as string;
    expect((await w.app.request('/style.css', { headers: { 'If-None-Match': etag } })).status).toBe(
      304,
    );
    for (const path of ['/nope', '/ptg.json/x', '/../package.json', '/.ics', '/NOVA.ICS']) {
      expect((await w.app.request(path)).status, path).toBe(404);
    }
  });

  it('/api/machines serves each machine with its Mermaid statechart', async () => {
    const w = await web();
    const machines = await (await w.app.request('/api/machines')).json();
    expect(Object.keys(machines)).toEqual(['eventDay', 'track', 'ircConnection']);
    const drawn = {
      track: [
        'history_nothingToUndo --> history_undoable : topic.now [asked for by someone]',
        'placement_scheduled --> placement_moved : location.set',
        'history_undoable --> history_nothingToUndo : change.undo',
      ],
      ircConnection: [
        'online_registering --> online_identifying : irc.registered [NickServ is to be asked]',
        'backingOff --> online : after the retry delay',
      ],
      eventDay: [
        'voice_open --> voice_voiceRequired : voice.set [voice is to be required]',
        // Who may do what is on the chart, with what the refused sender hears.
        'in voice.voiceRequired, track.* [the sender has neither voice nor op]: refuse "Need voice to issue commands"',
        'in administration.ready, admin.* [the sender is not an op]: refuse "Need op for admin commands"',
        // A destructive command waits in a state for its op's confirm.
        'administration_awaitingConfirmation --> administration_ready : admin.* [it confirms the waiting command]',
        // The day is a cycle, left for `placing` only when the clock jumps.
        'day_betweenSlots --> day_inSlot : day.check [the clock says inSlot]',
      ],
    };
    for (const [name, lines] of Object.entries(drawn)) {
      for (const line of lines) expect(machines[name].mermaid).toContain(line);
    }
    expect(machines.eventDay.mermaid).not.toContain('day_betweenSlots --> day_beforeSessions');
    expect(machines.eventDay.graph.children.map((c: { id: string }) => c.id)).toEqual([
      'eventDay.voice',
      'eventDay.administration',
      'eventDay.day',
    ]);
  });

  it('/healthz answers 200 without IRC, and 503 with the reason while IRC is down', async () => {
    const w = await web();
    expect(await (await w.app.request('/healthz')).json()).toMatchObject({
      ok: true,
      irc: 'not configured',
    });
    const port = await freePort();
    const down = await harness({
      irc: ircSettings(port, { rate: { linesPerSecond: 1, burst: 1 } }),
    });
    const irc = down.bot.irc;
    if (!irc) throw new Error('no IRC');
    const failed = new Promise<void>((resolve) => {
      const off = irc.onStatus((s) => s === 'disconnected' && (off(), resolve()));
    });
    irc.start();
    await failed;
    const res = await down.bot.app.request('/healthz');
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({
      ok: false,
      irc: 'disconnected',
      ircProblem: `connection refused by 127.0.0.1:${port}: is the server running, and is the port right?`,
    });
    await down.bot.stop();
  });

  it("the original bot's page names redirect permanently to ours; a favicon", async () => {
    const w = await web();
    for (const [old, now] of [
      // Relative to the old page, so that they hold under a path a proxy adds (/ptg/).
      ['/ptg.html', './'],
      ['/index.html', 'links'],
      ['/etherpads.html', 'etherpads'],
      ['/signage.html', 'signage'],
      ['/logo.png', 'favicon.svg'],
      ['/favicon.ico', 'favicon.svg'],
    ]) {
      const res = await w.app.request(old as string);
      expect(res.status, old).toBe(301);
      expect(res.headers.get('location'), old).toBe(now);
    }
    const icon = await w.app.request('/favicon.svg');
    expect(icon.headers.get('content-type')).toBe('image/svg+xml');
    expect(await icon.text()).toMatch(/^<svg /);
  });

  it('the page has the help that `help` points to, listing every command', async () => {
    const w = await web();
    const page = await (await w.app.request('/')).text();
    expect(page).toContain('<section id="help"');
    expect(page).toContain('<code>#TRACK now TOPIC</code>');
    expect(page).toContain('<code>+subscribe REGEX</code>');
    expect(page).toContain('<code>~undo</code>');
    expect(page).toMatch(/for example <code>#TRACK book [^<]+-[^<]+<\/code>/);
    expect(page).toContain('<base href="./">');
    expect(page).toContain('<link rel="icon" href="favicon.svg"');
  });

  it('/track/NAME: now, next, where, its sessions, its pad and link; badges link to it', async () => {
    const w = await web();
    await w.say('#nova now cells', OP);
    await w.say('#nova next quotas', OP);
    await w.say('#nova url https://meet.example.org/nova', OP);
    const res = await w.app.request('/track/nova');
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('cells');
    expect(page).toContain('quotas');
    expect(page).toContain('Harbour Hall');
    expect(page).toContain('https://meet.example.org/nova');
    expect(page).toMatch(/Monday 09:00-10:45: Harbour Hall/);
    // A page one level down has its links start one level up: at the app's root.
    expect(page).toContain('<base href="../">');
    expect((await w.app.request('/track/ghost')).status).toBe(404);
    expect(await (await w.app.request('/')).text()).toContain('href="track/nova"');
  });

  it('/signage/ROOM: the screen outside one room', async () => {
    const w = await web();
    await w.tick();
    await w.say('#nova now cells', OP);
    const page = await (
      await w.app.request(`/signage/${encodeURIComponent('Harbour Hall')}`)
    ).text();
    expect(page).toContain('<h2 class="signage-room">Harbour Hall</h2>');
    expect(page).toContain('<p class="room-topic">cells</p>');
    expect((await w.app.request('/signage/Nowhere')).status).toBe(404);
    await w.say('#nova location Lobby corner', OP);
    const moved = await (await w.app.request('/signage/Harbour%20Hall')).text();
    expect(moved).toContain('moved to Lobby corner');
    expect(moved).not.toContain('<p class="room-topic">');
  });

  it('banners show on every page with their web links clickable, and nothing else', async () => {
    const w = await web();
    await w.say(
      '~motd add info Lunch moved, see https://example.org/lunch; javascript:alert(1) <b>x</b>',
      OP,
    );
    for (const path of ['/', '/links', '/etherpads', '/signage/Harbour%20Hall']) {
      const page = await (await w.app.request(path)).text();
      expect(page, path).toContain('<a href="https://example.org/lunch"');
      expect(page, path).not.toContain('href="javascript:');
      expect(page, path).toContain('&lt;b&gt;x&lt;/b&gt;');
    }
  });
});
