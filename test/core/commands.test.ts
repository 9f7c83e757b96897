import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { fixtureData, harness, OP, tempDir, USER, VOICED, type Who } from '../helpers/harness.js';

const event = () => harness({ data: fixtureData('event-later.json') });
const PRIVATE = (who: Who): Who => ({ ...who, isPrivate: true });

describe('track commands', () => {
  it('now sets the one current topic, wipes next, and takes the scheduled room as location', async () => {
    const h = await event();
    expect(await h.say('#nova next cells', USER)).toEqual([]);
    expect(await h.say('#Nova NOW live migration', USER)).toEqual([]);
    const ptg = h.ptg();
    expect(ptg.now).toEqual({ nova: 'live migration' });
    expect(ptg.next).toEqual({});
    expect(ptg.location).toEqual({ nova: 'Harbour Hall' });
  });

  it('next appends in order', async () => {
    const h = await event();
    await h.say('#swift next a');
    await h.say('#swift next b c');
    expect(h.ptg().next).toEqual({ swift: ['a', 'b c'] });
  });

  it('warns, but keeps the topic, when the track is not scheduled today', async () => {
    const h = await event();
    expect(await h.say('#keystone now tokens', USER)).toEqual([
      'alice: Note: #keystone has no session scheduled today (Monday); the topic was set anyway',
    ]);
    expect(h.ptg().now).toEqual({ keystone: 'tokens' });
    expect(h.ptg().location).toEqual({});
    // Said once a day per track, not on every line.
    expect(await h.say('#keystone next more tokens', USER)).toEqual([]);
    expect(await h.say('#keystone now tokens again', USER)).toEqual([]);
  });

  it('says nothing of sessions on a day that is not an event day', async () => {
    const h = await event();
    h.setTime('2026-11-29T10:00:00+01:00');
    expect(await h.say('#keystone now tokens', USER)).toEqual([]);
  });

  it('a topic that came with the event data shows the room the track is scheduled in now', async () => {
    const h = await harness({
      data: { ...fixtureData('event-later.json'), now: { nova: 'cells' } },
    });
    expect(h.ptg().location).toEqual({ nova: 'Harbour Hall' });
    const track = await (await h.bot.app.request('/track/nova')).text();
    expect(track).toMatch(/<dt>Where<\/dt><dd>Harbour Hall<\/dd>/);
  });

  it('a manual location wins over the scheduled room', async () => {
    const h = await event();
    await h.say('#nova location Bar on the roof');
    await h.say('#nova now beers');
    expect(h.ptg().location).toEqual({ nova: 'Bar on the roof' });
  });

  it('clean and clear remove now and next, and take no parameter', async () => {
    const h = await event();
    await h.say('#swift now a');
    await h.say('#swift next b');
    expect(await h.say('#swift clean up', USER)).toEqual([
      'alice: Usage: #swift clean (it takes no parameter)',
    ]);
    expect(h.ptg().now).toEqual({ swift: 'a' });
    expect(await h.say('#swift clear')).toEqual([]);
    expect(h.ptg().now).toEqual({});
    expect(h.ptg().next).toEqual({});
  });

  it('color takes one valid CSS colour', async () => {
    const h = await event();
    expect(await h.say('#swift color #ff8800')).toEqual([]);
    expect(h.ptg().colors.swift).toBe('#ff8800');
    expect(await h.say('#swift color dark blue', USER)).toEqual([
      'alice: Usage: #swift color CSS_COLOR (e.g. #ff8800 or darkblue)',
    ]);
    expect(await h.say('#swift color red;background:url(x)', USER)).toEqual([
      "alice: 'red;background:url(x)' is not a CSS colour; try e.g. #ff8800 or darkblue",
    ]);
    expect(h.ptg().colors.swift).toBe('#ff8800');
  });

  it('url sets an http(s) meeting link, none removes it', async () => {
    const h = await event();
    expect(await h.say('#swift url https://meet.example.org/swift')).toEqual([]);
    expect(h.ptg().urls).toEqual({ swift: 'https://meet.example.org/swift' });
    expect(await h.say('#swift url javascript:alert(1)', USER)).toEqual([
      "alice: 'javascript:alert(1)' is not an http(s) URL",
    ]);
    expect(await h.say('#swift url none')).toEqual([]);
    expect(h.ptg().urls).toEqual({});
  });

  it('etherpad sets a pad, auto goes back to the generated one', async () => {
    const h = await event();
    await h.say('#swift etherpad https://pad.example.org/p/swift-notes');
    expect(h.ptg().etherpads).toEqual({ swift: 'https://pad.example.org/p/swift-notes' });
    await h.say('#swift etherpad auto');
    expect(h.ptg().etherpads).toEqual({});
    const swift = h.runtime.state().tracks.find((t) => t.name === 'swift');
    expect(swift?.etherpadUrl).toBe('https://etherpad.opendev.org/p/HBR-ptg-swift');
  });

  it('book takes a free slot and confirms; unbook frees only its own booking', async () => {
    const h = await event();
    expect(await h.say('#keystone book quay 2-TueA1', USER)).toEqual([
      'alice: Booked Quay 2 (Tuesday 09:00-10:45) for keystone',
    ]);
    expect(h.ptg().schedule['Quay 2']?.TueA1).toBe('keystone');
    expect(await h.say('#swift book Quay 2-TueA1', USER)).toEqual([
      'alice: Quay 2-TueA1 is not bookable: it is taken by keystone',
    ]);
    expect(await h.say('#swift unbook Quay 2-TueA1', USER)).toEqual([
      'alice: Quay 2-TueA1 is not booked by swift',
    ]);
    expect(await h.say('#swift book Quay 9-TueA1', USER)).toEqual(["alice: Unknown room 'Quay 9'"]);
    expect(await h.say('#swift book Quay 2-SunA1', USER)).toEqual([
      "alice: Room 'Quay 2' has no slot 'SunA1'",
    ]);
    expect(await h.say('#keystone unbook Quay 2-TueA1', USER)).toEqual([
      'alice: Freed Quay 2 (Tuesday 09:00-10:45); it is bookable again',
    ]);
    expect(h.ptg().schedule['Quay 2']?.TueA1).toBe('');
    // A slot that is over cannot be booked; one under way can.
    h.setTime('2026-11-23T11:00:00+01:00');
    expect(await h.say('#swift book Quay 2-MonA1', USER)).toEqual([
      'alice: Quay 2-MonA1 (Monday 09:00-10:45) is over: book a slot still to come',
    ]);
    expect((await h.say('#swift book Quay 2-MonA2', USER))[0]).toMatch(/^alice: Booked Quay 2/);
  });

  it('undo takes back the last change to the track, whoever made it, one level, and says what came back', async () => {
    const h = await event();
    expect(await h.say('#swift undo', USER)).toEqual([
      'alice: Nothing to undo on #swift: it has not changed since the day began or the event data was loaded',
    ]);
    await h.say('#swift now rings', USER);
    await h.say('#swift next shards', USER);
    // A wrong `now` wipes the queue; undo brings both back.
    await h.say('#swift now oops', VOICED);
    expect(h.ptg().next).toEqual({});
    expect(await h.say('#swift undo', USER)).toEqual([
      `alice: Took back victor's "#swift now oops"; #swift has now: rings`,
    ]);
    expect(h.ptg().now).toEqual({ swift: 'rings' });
    expect(h.ptg().next).toEqual({ swift: ['shards'] });
    expect(await h.say('#swift undo', USER)).toContain(
      'alice: Nothing to undo on #swift: it has not changed since the day began or the event data was loaded',
    );
    await h.say('#swift location Roof', USER);
    expect(await h.say('#Swift UNDO', USER)).toEqual([
      'alice: Took back your "#swift location Roof"; #swift has now: rings',
    ]);
    expect(h.ptg().location).toEqual({ swift: 'Lighthouse' });
    // An op's ~clean of the track is a change to it too.
    await h.say('~clean swift', OP);
    expect(await h.say('#swift undo', USER)).toEqual([
      `alice: Took back olivia's "~clean swift"; #swift has now: rings`,
    ]);
    // A booking goes back, unless the slot changed since.
    await h.say('#swift book Quay 2-TueA1', USER);
    expect(await h.say('#swift undo', USER)).toEqual([
      'alice: Took back your "#swift book Quay 2-TueA1": Quay 2 (Tuesday 09:00-10:45) is free again',
    ]);
    expect(h.ptg().schedule['Quay 2']?.TueA1).toBe('');
    expect(await h.say('#swift undo x', USER)).toEqual([
      'alice: Usage: #swift undo (it takes no parameter)',
    ]);
    // A new day leaves nothing to take back.
    await h.say('#swift now rings again', USER);
    await h.say('~newday', OP);
    await h.say('~newday confirm', OP);
    expect((await h.say('#swift undo', USER))[0]).toMatch(/Nothing to undo/);
  });

  it('undo follows the voice rule, and survives a restart', async () => {
    const dir = tempDir();
    try {
      const statePath = join(dir.path, 'state.json');
      const h = await harness({ data: fixtureData('event-later.json'), statePath });
      await h.say('#swift now rings', VOICED);
      await h.say('~requirevoice', OP);
      expect(await h.say('#swift undo', USER)).toEqual(['alice: Need voice to issue commands']);
      expect(h.ptg().now).toEqual({ swift: 'rings' });
      await h.runtime.stop();
      const again = await harness({ statePath });
      expect(await again.say('#swift undo', VOICED)).toEqual([
        `victor: Took back your "#swift now rings"; #swift has no topic now`,
      ]);
      expect(again.ptg().now).toEqual({});
      await again.runtime.stop();
    } finally {
      dir.cleanup();
    }
  });

  it('refuses unknown tracks, unknown command words and missing parameters, with hints', async () => {
    const h = await event();
    expect(await h.say('#svift now x', USER)).toEqual([
      "alice: Unknown track 'svift'; did you mean #swift?",
    ]);
    expect(await h.say('#swift nwo rings', USER)).toEqual([
      "alice: Unknown command 'nwo' for #swift; did you mean #swift now? Commands: now, next, clean, clear, color, colour, location, url, etherpad, book, unbook, undo",
    ]);
    // Maybe chat, maybe a moderator who forgot `now`: the hint goes to the sender alone.
    expect(await h.send('#swift discussing rings', USER)).toEqual([
      {
        type: 'reply',
        isPrivate: true,
        nick: 'alice',
        text: 'If that was for the bot: to set what #swift discusses, say #swift now discussing rings; commands: now, next, clean, clear, color, colour, location, url, etherpad, book, unbook, undo',
      },
    ]);
    expect(await h.say('#swift now', USER)).toEqual(['alice: Usage: #swift now TOPIC']);
    expect(await h.say('#swift book', USER)).toEqual(['alice: Usage: #swift book ROOM-SLOT']);
    expect(h.ptg().now).toEqual({});
  });

  it('takes the colon nick completion adds after the track', async () => {
    const h = await event();
    expect(await h.say('#swift: now rings', USER)).toEqual([]);
    expect(await h.say('#Swift, next shards', USER)).toEqual([]);
    expect(h.ptg().now).toEqual({ swift: 'rings' });
    expect(h.ptg().next).toEqual({ swift: ['shards'] });
  });

  it('stays quiet for chat that only looks like a command', async () => {
    const h = await event();
    const channel = async (text: string, who: Who) =>
      (await h.send(text, who)).filter((m) => m.type === 'reply' && !m.isPrivate);
    for (const chat of [
      '#swift is great',
      '#nova, the room is cold',
      '#swift rocks',
      '#nova: great session',
      '#1 thing to remember: lunch is at noon',
      '#hashtag party tonight',
      '+1',
      '++ nice',
      '#ghost is here',
      '~5 minutes late, sorry',
      '~/bin is on my path',
      '~',
    ]) {
      expect(await channel(chat, USER), chat).toEqual([]);
      expect(await channel(chat, OP), chat).toEqual([]);
    }
    // A non-op who types an admin command word, or a near miss, still hears why not.
    expect(await h.say('~list', USER)).toEqual(['alice: Need op for admin commands']);
    expect(await h.say('~lsit', USER)).toEqual(['alice: Need op for admin commands']);
  });

  it('needs voice when voice is required', async () => {
    const h = await event();
    expect(await h.say('~requirevoice', OP)).toEqual([
      'olivia: Voice is now required for track commands (voiced users and ops only)',
    ]);
    expect(await h.say('#swift now x', USER)).toEqual(['alice: Need voice to issue commands']);
    expect(h.ptg().now).toEqual({});
    expect(await h.say('#swift now x', VOICED)).toEqual([]);
    expect(await h.say('#swift next y', OP)).toEqual([]);
    expect(h.ptg().voice).toBe(1);
    await h.say('~alloweveryone', OP);
    expect(await h.say('#swift clean', USER)).toEqual([]);
    expect(h.ptg().voice).toBe(0);
  });

  it('ignores channel lines that are not for the bot', async () => {
    const h = await event();
    expect(await h.say('hello everyone, #swift now is great', USER)).toEqual([]);
    expect(await h.say('#', USER)).toEqual([]);
  });
});

describe('admin commands', () => {
  it('need op', async () => {
    const h = await event();
    expect(await h.say('~add foo', VOICED)).toEqual(['victor: Need op for admin commands']);
    expect(await h.say('~add', USER)).toEqual(['alice: Need op for admin commands']);
    expect(h.ptg().tracks).not.toContain('foo');
  });

  it('list, add and del tracks', async () => {
    const h = await event();
    await h.say('~emptydb');
    await h.say('~emptydb confirm');
    expect(await h.say('~list')).toEqual(['olivia: No tracks yet']);
    expect(await h.say('~add Swift #nova')).toEqual(['olivia: Added #swift, #nova']);
    expect(await h.say('~add swift')).toEqual(['olivia: Already there: #swift']);
    expect(await h.say('~list')).toEqual(['olivia: Tracks: nova, swift']);
    expect(await h.say('~del nova ghost')).toEqual(["olivia: Unknown track 'ghost'"]);
    expect(h.ptg().tracks).toEqual(['nova', 'swift']);
    expect(await h.say('~del nova')).toEqual(['olivia: Removed #nova; 1 track left']);
    expect(h.ptg().tracks).toEqual(['swift']);
    expect(await h.say('~add in')).toEqual([
      "olivia: 'in' is a command word and cannot be a track name; nothing was added",
    ]);
    expect(await h.say('~add a/b ok-name Bad_Name!')).toEqual([
      "olivia: Invalid track name 'a/b': use letters, digits, '-', '_' or '.', at most 40; Invalid track name 'bad_name!': use letters, digits, '-', '_' or '.', at most 40; nothing was added",
    ]);
    expect(await h.say('~add vitrage swift zun')).toEqual([
      'olivia: Added #vitrage, #zun; already there: #swift',
    ]);
    expect(await h.say('~add')).toEqual(['olivia: Usage: ~add TRACK [TRACK...]']);
  });

  it('lists tracks with numbers in numeric order: team-2 before team-10', async () => {
    const h = await event();
    await h.say('~emptydb');
    await h.say('~emptydb confirm');
    await h.say('~add team-10 team-2 team-1.5 team-1');
    expect(h.ptg().tracks).toEqual(['team-1', 'team-1.5', 'team-2', 'team-10']);
    expect(await h.say('~list')).toEqual(['olivia: Tracks: team-1, team-1.5, team-2, team-10']);
  });

  it('clean removes now and next of the tracks named', async () => {
    const h = await event();
    await h.say('#swift now a');
    await h.say('#nova now b');
    expect(await h.say('~clear swift')).toEqual(['olivia: Cleared the topics of #swift']);
    expect(h.ptg().now).toEqual({ nova: 'b' });
  });

  it('newday removes every now, next, manual location and check-in', async () => {
    const h = await event();
    await h.say('#swift now a');
    await h.say('#swift next b');
    await h.say('#nova location Roof');
    await h.say('#nova color #123456');
    await h.say('+in #swift', USER);
    // A session is on and tracks have topics: it asks first.
    expect(await h.say('~newday')).toEqual([
      'olivia: A session is on: ~newday would clear the topics of #swift. To go ahead, say ~newday confirm within a minute',
    ]);
    expect(h.ptg().now).toEqual({ swift: 'a' });
    expect(await h.say('~newday confirm')).toEqual([
      'olivia: New day started: topics, locations and check-ins were cleared',
    ]);
    const ptg = h.ptg();
    expect([ptg.now, ptg.next, ptg.location, ptg.last_check_in]).toEqual([{}, {}, {}, {}]);
    expect(ptg.colors.nova).toBe('#123456');
  });

  it('emptydb (and wipe) reset to an empty event', async () => {
    const h = await event();
    await h.say('#swift now a');
    await h.say('~motd add info hi');
    const before = h.ptg();
    expect(await h.say('~wipe')).toEqual([
      'olivia: ~emptydb would remove 9 tracks (1 topic now), the schedule of 5 rooms, 1 banner, 2 links, 0 check-ins and 0 subscriptions. To go ahead, say ~emptydb confirm within a minute',
    ]);
    expect(h.ptg()).toEqual(before);
    expect(await h.say('~emptydb confirm', { nick: 'mallory', op: true })).toEqual([
      'mallory: Nothing to confirm: say ~emptydb first',
    ]);
    expect(await h.say('~emptydb confirm')).toEqual([
      'olivia: The event was emptied (~undo brings it back)',
    ]);
    const ptg = h.ptg();
    expect([ptg.tracks, ptg.now, ptg.schedule, ptg.slots, ptg.motd]).toEqual([[], {}, {}, {}, []]);
    expect(await h.say('~undo')).toEqual(['olivia: Undid ~emptydb']);
    const { timestamp: _a, ...restored } = h.ptg();
    const { timestamp: _b, ...original } = before;
    expect(restored).toEqual(original);
    expect(await h.say('~undo')).toEqual(['olivia: Nothing to undo']);
  });

  it('a confirmation runs out after a minute', async () => {
    const h = await event();
    await h.say('~emptydb');
    h.setTime('2026-11-23T09:31:01+01:00');
    expect(await h.say('~emptydb confirm')).toEqual([
      'olivia: Nothing to confirm: say ~emptydb first',
    ]);
    expect(h.ptg().tracks.length).toBeGreaterThan(0);
  });

  it('del of a track with a topic asks first; undo brings a track back with its topic', async () => {
    const h = await event();
    await h.say('#swift now rings');
    expect(await h.say('~del swift')).toEqual([
      'olivia: #swift has a topic now. To go ahead, say ~del swift confirm within a minute',
    ]);
    expect(await h.say('~del swift confirm')).toEqual([
      expect.stringMatching(/^olivia: Removed #swift/),
    ]);
    expect(h.ptg().tracks).not.toContain('swift');
    expect(await h.say('~undo')).toEqual(['olivia: Undid ~del swift']);
    expect(h.ptg().now).toEqual({ swift: 'rings' });
  });

  it('undoing the change after a del keeps the deleted track deleted, though the schedule names it', async () => {
    const h = await event();
    await h.say('~del swift');
    expect(h.ptg().tracks).not.toContain('swift');
    expect(Object.values(h.ptg().schedule).some((b) => Object.values(b).includes('swift'))).toBe(
      true,
    );
    await h.say('~requirevoice');
    expect(await h.say('~undo')).toEqual(['olivia: Undid ~requirevoice']);
    expect(h.ptg().tracks).not.toContain('swift');
    expect(h.ptg().voice).toBe(0);
  });

  it('motd add, del, reorder, clean', async () => {
    const h = await event();
    expect(await h.say('~motd list')).toEqual(['olivia: There are no banners']);
    expect(await h.say('~motd add info one')).toEqual(['olivia: Banner 1 added']);
    await h.say('~motd add warning two');
    await h.say('~motd add DANGER three');
    expect(await h.say('~motd list')).toEqual([
      'olivia: 1 [info] one | 2 [warning] two | 3 [danger] three',
    ]);
    expect(h.ptg().motd.map((b) => b.message)).toEqual(['one', 'two', 'three']);
    expect(await h.say('~motd add loud four')).toEqual([
      'olivia: Usage: ~motd add LEVEL MESSAGE, LEVEL one of info, success, warning, danger',
    ]);
    expect(await h.say('~motd reorder 3 1')).toEqual([
      'olivia: Banners reordered; 2 banners shown',
    ]);
    expect(h.ptg().motd).toEqual([
      { level: 'danger', message: 'three' },
      { level: 'info', message: 'one' },
    ]);
    expect(await h.say('~motd del 3')).toEqual([
      'olivia: No banner 3: banners are numbered 1 to 2 (~motd list shows them)',
    ]);
    expect(await h.say('~motd reorder 1 1')).toEqual(['olivia: Name each banner at most once']);
    expect(await h.say('~motd del 1')).toEqual(['olivia: Banner 1 removed; 1 left']);
    expect(h.ptg().motd).toEqual([{ level: 'info', message: 'one' }]);
    expect(await h.say('~motd clear')).toEqual(['olivia: Banners cleared']);
    expect(h.ptg().motd).toEqual([]);
    expect(await h.say('~motd')).toEqual([
      'olivia: Usage: ~motd list | ~motd add LEVEL MESSAGE | ~motd del N | ~motd reorder X Y [Z...] | ~motd clean',
    ]);
  });

  it('fetchdb without a URL shows the form', async () => {
    const h = await event();
    expect(await h.say('~fetchdb')).toEqual(['olivia: Usage: ~fetchdb URL']);
    expect(await h.say('~fetchdb file:///etc/passwd')).toEqual([
      "olivia: 'file:///etc/passwd' is not an http(s) URL",
    ]);
  });

  it('a near miss of an admin word gets the list; any other word is chat', async () => {
    const h = await event();
    expect(await h.say('~frobnicate')).toEqual([]);
    expect(await h.say('~lsit')).toEqual([
      expect.stringMatching(/^olivia: Unknown admin command '~lsit'; did you mean ~list\?/),
    ]);
  });
});

describe('lines addressed to the bot by its nick', () => {
  it('ptgbot: help is answered in the channel; so is any command after the nick', async () => {
    const h = await event();
    expect((await h.say('ptgbot: help', USER))[0]).toMatch(/^alice: /);
    expect((await h.say('PTGBOT, in #swift', USER))[0]).toBe('alice: OK, checked in at #swift');
    expect(await h.say('ptgbot: #swift now rings', USER)).toEqual([]);
    expect(h.ptg().now).toEqual({ swift: 'rings' });
    // Someone else's nick, or the bot's inside a sentence, is chat.
    expect(await h.say('alice: help', USER)).toEqual([]);
    expect(await h.say('thanks ptgbot: help', USER)).toEqual([]);
  });
});

describe('user commands', () => {
  it('in, out and seen, privately and in the channel', async () => {
    const h = await event();
    expect(await h.say('in swift', PRIVATE(USER))).toEqual(['OK, checked in at #swift']);
    expect(await h.say('+seen ALICE', VOICED)).toEqual([
      'victor: alice checked in at #swift at 09:30 today',
    ]);
    h.setTime('2026-11-23T10:05:00+01:00');
    expect(await h.say('#out', USER)).toEqual(['alice: OK, checked out of #swift']);
    expect(await h.say('seen alice', PRIVATE(VOICED))).toEqual([
      'alice checked out of #swift at 10:05 today',
    ]);
    expect(await h.say('+seen bob', USER)).toEqual(['alice: bob never checked in']);
    expect(await h.say('+out', USER)).toEqual(['alice: You are not checked in anywhere']);
    expect(await h.say('+in #nosuch', USER)).toEqual(["alice: Unknown track 'nosuch'"]);
    expect(await h.say('+in the pub', USER)).toEqual(['alice: OK, checked in at the pub']);
    expect(h.ptg().last_check_in.alice?.location).toBe('the pub');
  });

  it('subscribe notifies privately on matching now/next lines, never the sender', async () => {
    const h = await event();
    expect(await h.say('subscribe swift.*(ring|erasure)', PRIVATE(USER))).toEqual([
      "OK, you will be told privately of every now/next line matching 'swift.*(ring|erasure)'",
    ]);
    expect(await h.say('subscribe', PRIVATE(USER))).toEqual([
      "You are subscribed to 'swift.*(ring|erasure)'",
    ]);
    const out = await h.send('#swift now Ring balancing', VOICED);
    expect(out).toEqual([
      { type: 'notify', nick: 'alice', text: 'now in #swift (Lighthouse): Ring balancing' },
    ]);
    expect(await h.send('#nova now ring', VOICED)).toEqual([]);
    expect(await h.send('#swift next erasure codes', USER)).toEqual([]);
    expect(await h.say('+unsubscribe', USER)).toEqual(['alice: OK, subscription cancelled']);
    expect(await h.send('#swift now ring', VOICED)).toEqual([]);
  });

  it('refuses an invalid pattern', async () => {
    const h = await event();
    expect(await h.say('+subscribe (unclosed', USER)).toEqual([
      "alice: Invalid pattern '(unclosed': missing closing ): `(unclosed`",
    ]);
  });

  it('help, from any prefix', async () => {
    const h = await event();
    for (const line of ['#help', '~help', '+help']) {
      const [reply] = await h.say(line, USER);
      expect(reply).toMatch(/^alice: Moderators: #TRACK now TOPIC, .* Help: the schedule page$/);
    }
  });

  it('track and admin commands are refused privately', async () => {
    const h = await event();
    expect(await h.say('#swift now x', PRIVATE(OP))).toEqual([
      'Track commands work in the channel only',
    ]);
    expect(await h.say('~list', PRIVATE(OP))).toEqual(['Admin commands work in the channel only']);
  });

  it('with identified-users-only, the unidentified are ignored', async () => {
    const h = await harness({ data: fixtureData('event-later.json'), identifiedOnly: true });
    expect(await h.say('#swift now x', { nick: 'anon', op: true, account: null })).toEqual([]);
    expect(await h.say('~list', { nick: 'anon', op: true })).toEqual([]);
    expect(h.ptg().now).toEqual({});
    expect(await h.say('#swift now x', { nick: 'ida', account: 'ida' })).toEqual([]);
    expect(h.ptg().now).toEqual({ swift: 'x' });
  });
});
