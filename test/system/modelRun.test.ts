import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, it } from 'vitest';
import type { OutgoingMessage } from '../../src/io/command/commandHandler.js';
import { type Harness, harness, tempDir, type Who } from '../helpers/harness.js';
import type { ParsedEventData } from '../../src/io/eventData/parseEventData.js';
import type { EventImport } from '../../src/machines/model.js';
import { MODEL_EVENT, ReferenceModel } from './referenceModel.js';

interface Real {
  h: Harness;
  statePath: string;
}

const SENDERS: Who[] = [
  { nick: 'olivia', op: true },
  { nick: 'victor', voice: true },
  { nick: 'alice' },
  { nick: 'Bob' },
  // Twins: two people on an ascii server (the model run's), one on an rfc1459 one.
  { nick: 'Chair[1]', op: true },
  { nick: 'Chair{1}' },
];
const TRACKS = ['swift', 'nova', 'cinder', 'ghost', 'Swift'];
const TOPICS = ['rings', 'cells and #nova', 'https://example.org/x?a=1', '<b>bold</b>', 'a'];

/** The full projection must match; on a mismatch, say which keys differ. */
function expectSame(r: Real, m: ReferenceModel): void {
  const { timestamp: _t, ...actual } = r.h.ptg();
  const expected = m.project();
  const differing = Object.keys(expected).filter(
    (k) =>
      JSON.stringify(actual[k as keyof typeof actual]) !==
      JSON.stringify(expected[k as keyof typeof expected]),
  );
  const detail = differing.map(
    (k) =>
      `${k}: real ${JSON.stringify(actual[k as keyof typeof actual])} / model ${JSON.stringify(expected[k as keyof typeof expected])}`,
  );
  if (detail.length > 0) throw new Error(detail.join('\n'));
}

const mayTrack = (m: ReferenceModel, who: Who) =>
  !m.voiceRequired || who.op === true || who.voice === true;

/** What the bot says for a line: a reply to its sender or not, and who is told privately. */
interface Expected {
  reply: boolean;
  notify: string[];
}
const SILENT: Expected = { reply: false, notify: [] };
const REPLY: Expected = { reply: true, notify: [] };

/** The bot's answer must be the one the model expects: no more, no less. */
function expectAnswer(line: Line, expected: Expected, out: OutgoingMessage[]): void {
  const replies = out.filter((o) => o.type === 'reply');
  const notified = out.flatMap((o) => (o.type === 'notify' ? [o.nick] : [])).sort();
  const problems = [
    replies.length !== (expected.reply ? 1 : 0) &&
      `${replies.length} replies (${replies.map((o) => o.text).join(' | ')}), expected ${expected.reply ? 1 : 0}`,
    replies.some((o) => o.nick !== line.who.nick) && 'a reply to someone else',
    JSON.stringify(notified) !== JSON.stringify([...expected.notify].sort()) &&
      `notified ${JSON.stringify(notified)}, expected ${JSON.stringify(expected.notify)}`,
  ].filter(Boolean);
  if (problems.length > 0) throw new Error(`${line.toString()}: ${problems.join('; ')}`);
}

/** One line said by someone, with what the reference model says it does and answers. */
class Line implements fc.AsyncCommand<ReferenceModel, Real> {
  constructor(
    readonly text: string,
    readonly who: Who,
    readonly apply: (m: ReferenceModel, who: Who) => Expected,
  ) {}
  check = () => true;
  async run(m: ReferenceModel, r: Real): Promise<void> {
    const expected = this.apply(m, this.who);
    expectAnswer(this, expected, await r.h.send(this.text, this.who));
    expectSame(r, m);
  }
  toString = () => `${this.who.nick}: ${this.text}`;
}

const TOPICS_URL = 'https://data.example.org/topics.json';
/** What `~fetchdb` finds at each address (the others are not found). */
const FETCHED: Record<string, EventImport> = {
  [TOPICS_URL]: {
    now: { nova: 'imported topic' },
    motd: [{ level: 'info', message: 'from the data' }],
  },
  'https://data.example.org/quiet.json': { motd: [] },
};
const fetchEventData = async (url: string): Promise<ParsedEventData> => {
  const data = FETCHED[url];
  return data
    ? { ok: true, data: structuredClone(data), ignoredKeys: [], skipped: [] }
    : { ok: false, problem: 'HTTP 404' };
};

class Restart implements fc.AsyncCommand<ReferenceModel, Real> {
  check = () => true;
  async run(m: ReferenceModel, r: Real): Promise<void> {
    await r.h.runtime.stop();
    r.h = await harness({ statePath: r.statePath, fetchEventData });
    await r.h.handler.casemapping('ascii');
    expectSame(r, m);
  }
  toString = () => 'persist and restore';
}

const who = fc.constantFrom(...SENDERS);
const track = fc.constantFrom(...TRACKS);
const topic = fc.constantFrom(...TOPICS);
const known = (m: ReferenceModel, name: string) => m.tracks[name.toLowerCase()];

/**
 * A track command on a random track by a random sender, with a parameter from `param`. A
 * sender without the right, or an unknown track, gets a hint; else the effect says.
 */
interface TrackCommand<P> {
  build: (t: string, p: P) => string;
  effect: (m: ReferenceModel, t: string, p: P, sender: Who) => Expected;
}
const trackCommand = <P>(t: string, p: P, w: Who, { build, effect }: TrackCommand<P>) =>
  new Line(build(t, p), w, (m, sender) =>
    mayTrack(m, sender) && known(m, t) ? effect(m, t.toLowerCase(), p, sender) : REPLY,
  );
const trackLine = <P>(
  param: fc.Arbitrary<P>,
  build: TrackCommand<P>['build'],
  effect: TrackCommand<P>['effect'],
) => fc.tuple(track, param, who).map(([t, p, w]) => trackCommand(t, p, w, { build, effect }));

const none = fc.constant(null);

/** An admin or attendee command: whatever it does, its sender is answered. */
const answered =
  (effect: (m: ReferenceModel, sender: Who) => void) =>
  (m: ReferenceModel, sender: Who): Expected => {
    effect(m, sender);
    return REPLY;
  };

/** `~newday` by an op: Monday morning is during a session, so with topics set it asks first. */
function newday(m: ReferenceModel, sender: Who, confirm: boolean): void {
  const confirms = m.adminLine(sender.nick, confirm ? 'admin.newday' : null);
  if (m.hasTopics()) {
    if (!confirm) m.ask('admin.newday', sender.nick);
    if (!confirms) return;
  }
  m.remember();
  m.newday();
}

/** Lines that only look like commands: the bot takes them for chat and stays silent. */
const CHAT = ['#', '~', '+', 'hello #swift now x', '~5 minutes late'];

const setNow: TrackCommand<string> = {
  build: (t, p) => `#${t} now ${p}`,
  effect: (m, name, p, sender) => {
    const tr = m.tracks[name];
    if (!tr) return REPLY;
    m.change(name);
    tr.now = p;
    tr.next = [];
    if (tr.location === null) tr.room = m.roomToday(name);
    return {
      reply: m.unscheduledNote(name),
      notify: m.subscribersTold(`#${name} now ${p}`, sender.nick),
    };
  },
};

const undoTrack: TrackCommand<null> = {
  build: (t) => `#${t} undo`,
  effect: (m, name) => {
    const track = m.tracks[name];
    const last = track?.undo;
    if (!track || !last) return REPLY;
    if (last.booking) {
      const { room, slot, holder } = last.booking;
      const bookings = m.schedule[room];
      // A slot that changed since stays as it is.
      if (!bookings || bookings[slot] !== (holder === '' ? name : '')) return REPLY;
      bookings[slot] = holder;
    }
    Object.assign(track, structuredClone(last.before), { undo: null });
    return REPLY;
  },
};

/** `~fetchdb URL [confirm]`: over a live event it asks first; tracks the schedule names come back. */
const fetchdb = (w: Who, url: string, confirm: boolean) =>
  new Line(
    `~fetchdb ${url}${confirm ? ' confirm' : ''}`,
    w,
    answered((m, sender) => {
      const data = FETCHED[url];
      // Refused before fetching, or not found: nothing else happens.
      if (!sender.op || !data) return;
      const key = `admin.import ${url}`;
      const confirms = m.adminLine(sender.nick, confirm ? key : null);
      const live = m.hasTopics() || Object.values(m.checkins).some((c) => c.out === null);
      if (live) {
        if (!confirm) m.ask(key, sender.nick);
        if (!confirms) return;
      }
      m.remember();
      m.importData(data);
    }),
  );

const adminUndo = (w: Who) =>
  new Line(
    '~undo',
    w,
    answered((m, sender) => {
      if (!sender.op) return;
      m.adminLine(sender.nick, null);
      m.restore();
    }),
  );

const newdayLine = (w: Who, line: '~newday' | '~newday confirm') =>
  new Line(
    line,
    w,
    answered((m, sender) => {
      if (sender.op) newday(m, sender, line !== '~newday');
    }),
  );

/** Lines said one after another, as one step of the run. */
class Scenario implements fc.AsyncCommand<ReferenceModel, Real> {
  constructor(readonly lines: Line[]) {}
  check = () => true;
  async run(m: ReferenceModel, r: Real): Promise<void> {
    for (const line of this.lines) await line.run(m, r);
  }
  toString = () => this.lines.map(String).join(' / ');
}

const OP = SENDERS[0] as Who;

const commands = [
  trackLine(topic, setNow.build, setNow.effect),
  trackLine(
    topic,
    (t, p) => `#${t} next ${p}`,
    (m, name, p, sender) => {
      const tr = m.tracks[name];
      if (!tr || tr.next.length >= 20) return REPLY;
      m.change(name);
      tr.next.push(p);
      return {
        reply: m.unscheduledNote(name),
        notify: m.subscribersTold(`#${name} next ${p}`, sender.nick),
      };
    },
  ),
  trackLine(
    none,
    (t) => `#${t} clean`,
    (m, name) => {
      m.change(name);
      Object.assign(m.tracks[name] ?? {}, { now: null, next: [] });
      return SILENT;
    },
  ),
  trackLine(
    fc.constantFrom('red', '#123', 'not-a-colour', 'rgb(1 2 3)'),
    (t, c) => `#${t} color ${c}`,
    (m, name, c) => {
      if (c === 'not-a-colour') return REPLY;
      m.change(name);
      Object.assign(m.tracks[name] ?? {}, { color: c });
      return SILENT;
    },
  ),
  trackLine(
    fc.constantFrom('Roof', 'the bar'),
    (t, l) => `#${t} location ${l}`,
    (m, name, l) => {
      m.change(name);
      Object.assign(m.tracks[name] ?? {}, { location: l });
      return SILENT;
    },
  ),
  trackLine(
    fc.constantFrom('https://meet.example.org/a', 'none', 'ftp://x'),
    (t, u) => `#${t} url ${u}`,
    (m, name, u) => {
      if (u === 'ftp://x') return REPLY;
      m.change(name);
      Object.assign(m.tracks[name] ?? {}, { url: u === 'none' ? null : u });
      return SILENT;
    },
  ),
  trackLine(
    fc.constantFrom('https://pad.example.org/p/a', 'auto'),
    (t, u) => `#${t} etherpad ${u}`,
    (m, name, u) => {
      m.change(name);
      Object.assign(m.tracks[name] ?? {}, { etherpad: u === 'auto' ? null : u });
      return SILENT;
    },
  ),
  trackLine(
    fc.tuple(
      fc.constantFrom('book', 'unbook'),
      fc.constantFrom('Pier-MonB', 'dock-TueA', 'Dock-MonA', 'Pier-MonA', 'Attic-MonA'),
    ),
    (t, [verb, code]) => `#${t} ${verb} ${code}`,
    (m, name, [verb, code]) => {
      const dash = code.lastIndexOf('-');
      const room = Object.keys(m.schedule).find(
        (r) => r.toLowerCase() === code.slice(0, dash).toLowerCase(),
      );
      const slot = code.slice(dash + 1);
      const bookings = room === undefined ? undefined : m.schedule[room];
      // Booking answers either way: what was booked or freed, or why not.
      if (!bookings || bookings[slot] === undefined) return REPLY;
      if (verb === 'book' && bookings[slot] === '') {
        m.change(name, { room: room as string, slot, holder: '' });
        bookings[slot] = name;
      }
      if (verb === 'unbook' && bookings[slot] === name) {
        m.change(name, { room: room as string, slot, holder: name });
        bookings[slot] = '';
      }
      return REPLY;
    },
  ),
  trackLine(none, undoTrack.build, undoTrack.effect),
  // A moderator's change, then whatever replaces the tracks' fields (asked and confirmed
  // over a live event), then the moderator's undo: what it may take back then is rare
  // enough to aim at.
  fc
    .tuple(
      track,
      topic,
      fc.constantFrom<Line[]>(
        [fetchdb(OP, TOPICS_URL, false), fetchdb(OP, TOPICS_URL, true)],
        [adminUndo(OP)],
        [newdayLine(OP, '~newday'), newdayLine(OP, '~newday confirm')],
      ),
    )
    .map(
      ([t, p, replace]) =>
        new Scenario([
          trackCommand(t, p, OP, setNow),
          ...replace,
          trackCommand(t, null, OP, undoTrack),
        ]),
    ),
  fc
    .tuple(
      fc.constantFrom('add', 'del', 'clean', 'del'),
      fc.subarray(TRACKS, { minLength: 1 }),
      fc.boolean(),
      who,
    )
    .map(([verb, names, confirm, w]) => {
      const line = `~${verb} ${names.join(' ')}${verb === 'del' && confirm ? ' confirm' : ''}`;
      return new Line(
        line,
        w,
        answered((m, sender) => {
          if (!sender.op) return;
          const lower = [...new Set(names.map((n) => n.toLowerCase()))];
          const key = `admin.del ${lower.join(' ')}`;
          const confirms = m.adminLine(sender.nick, verb === 'del' && confirm ? key : null);
          if (verb === 'add') {
            if (lower.every((n) => m.tracks[n])) return;
            m.remember();
            for (const n of lower) m.add(n);
            return;
          }
          if (!lower.every((n) => m.tracks[n])) return;
          if (verb === 'del' && m.hasTopics(lower)) {
            if (!confirm) m.ask(key, sender.nick);
            if (!confirms) return;
          }
          m.remember();
          for (const n of lower) {
            if (verb === 'del') delete m.tracks[n];
            else {
              m.change(n);
              Object.assign(m.tracks[n] ?? {}, { now: null, next: [] });
            }
          }
        }),
      );
    }),
  fc
    .tuple(who, fc.constantFrom('~newday' as const, '~newday confirm' as const))
    .map(([w, line]) => newdayLine(w, line)),
  // Ops asked to confirm, confirming, or moving on: the `administration` region's paths.
  fc
    .tuple(
      fc.constantFrom(...SENDERS.filter((s) => s.op)),
      fc.constantFrom('~newday', '~newday confirm', '~list'),
    )
    .map(
      ([w, line]) =>
        new Line(
          line,
          w,
          answered((m, sender) => {
            if (line === '~list') m.adminLine(sender.nick, null);
            else newday(m, sender, line === '~newday confirm');
          }),
        ),
    ),
  fc
    .tuple(
      fc.constantFrom(...SENDERS.filter((s) => s.op), ...SENDERS),
      fc.constantFrom(...Object.keys(FETCHED), 'https://data.example.org/missing.json'),
      fc.boolean(),
    )
    .map(([w, url, confirm]) => fetchdb(w, url, confirm)),
  fc.tuple(who, fc.constantFrom('~emptydb', '~emptydb confirm')).map(
    ([w, line]) =>
      new Line(
        line,
        w,
        answered((m, sender) => {
          if (!sender.op) return;
          const confirm = line !== '~emptydb';
          const confirms = m.adminLine(sender.nick, confirm ? 'admin.emptydb' : null);
          const anything =
            Object.keys(m.tracks).length > 0 ||
            Object.keys(m.schedule).length > 0 ||
            m.motd.length > 0;
          if (anything) {
            if (!confirm) m.ask('admin.emptydb', sender.nick);
            if (!confirms) return;
          }
          m.remember();
          m.emptydb();
        }),
      ),
  ),
  who.map(adminUndo),
  fc.tuple(who, fc.constantFrom('~requirevoice', '~alloweveryone')).map(
    ([w, line]) =>
      new Line(
        line,
        w,
        answered((m, sender) => {
          if (!sender.op) return;
          m.adminLine(sender.nick, null);
          m.remember();
          m.voiceRequired = line === '~requirevoice';
        }),
      ),
  ),
  fc
    .tuple(
      who,
      fc.constantFrom('info', 'danger', 'loud'),
      fc.constantFrom('hi', '<script>x</script>'),
    )
    .map(
      ([w, level, msg]) =>
        new Line(
          `~motd add ${level} ${msg}`,
          w,
          answered((m, sender) => {
            if (!sender.op) return;
            m.adminLine(sender.nick, null);
            if (level === 'loud' || m.motd.length >= 20) return;
            m.remember();
            m.motd.push({ level: level as 'info', message: msg });
          }),
        ),
    ),
  fc.tuple(who, fc.integer({ min: 0, max: 3 })).map(
    ([w, n]) =>
      new Line(
        `~motd del ${n}`,
        w,
        answered((m, sender) => {
          if (!sender.op) return;
          m.adminLine(sender.nick, null);
          if (n < 1 || n > m.motd.length) return;
          m.remember();
          m.motd.splice(n - 1, 1);
        }),
      ),
  ),
  fc.tuple(who, fc.constantFrom('list', 'clean', 'reorder 2 1', 'reorder 1 1', 'reorder 3')).map(
    ([w, rest]) =>
      new Line(
        `~motd ${rest}`,
        w,
        answered((m, sender) => {
          if (!sender.op) return;
          m.adminLine(sender.nick, null);
          if (rest === 'list' || m.motd.length === 0) return;
          if (rest === 'clean') {
            m.remember();
            m.motd = [];
            return;
          }
          const order = rest.split(' ').slice(1).map(Number);
          if (order.some((n) => n > m.motd.length) || new Set(order).size !== order.length) return;
          m.remember();
          m.motd = order.map((n) => m.motd[n - 1] as (typeof m.motd)[number]);
        }),
      ),
  ),
  fc.tuple(who, fc.constantFrom('#swift', 'SWIFT', 'the pub', '#ghost')).map(
    ([w, where]) =>
      new Line(
        `+in ${where}`,
        w,
        answered((m, sender) => {
          const asTrack = where.replace(/^#/, '').toLowerCase();
          const location = m.tracks[asTrack] ? `#${asTrack}` : where.startsWith('#') ? null : where;
          if (location === null) return;
          m.checkins[sender.nick.toLowerCase()] = {
            nick: sender.nick,
            location,
            in: '2026-11-23T09:30:00+01:00',
            out: null,
          };
        }),
      ),
  ),
  who.map(
    (w) =>
      new Line(
        '+out',
        w,
        answered((m, sender) => {
          const c = m.checkins[sender.nick.toLowerCase()];
          if (c && c.out === null) c.out = '2026-11-23T09:30:00+01:00';
        }),
      ),
  ),
  // Answered, and nothing changes.
  fc.tuple(who, fc.constantFrom('+seen Bob', '+seen nobody', '+help', '#help', '~help')).map(
    ([w, line]) =>
      new Line(
        line,
        w,
        answered(() => {}),
      ),
  ),
  who.map(
    (w) =>
      new Line(
        '+unsubscribe',
        w,
        answered((m, sender) => {
          delete m.subscriptions[sender.nick.toLowerCase()];
        }),
      ),
  ),
  fc.tuple(who, fc.constantFrom('swift', '(a+)+$', '(bad', '')).map(
    ([w, pattern]) =>
      new Line(
        `+subscribe ${pattern}`.trim(),
        w,
        answered((m, sender) => {
          if (pattern !== '' && pattern !== '(bad')
            m.subscriptions[sender.nick.toLowerCase()] = pattern;
        }),
      ),
  ),
  fc
    .tuple(
      who,
      fc.constantFrom(
        '#',
        '~',
        '+',
        '#swift',
        '#swift now',
        '~motd',
        'hello #swift now x',
        '#swift colour',
        '\u0003#swift\u000f now',
        '~add a/b',
        '~5 minutes late',
        '#swift dance all night',
        '#nova, the room is cold',
      ),
    )
    .map(
      ([w, garbage]) =>
        // Formatting codes are stripped, then each of these is refused with a hint, or
        // taken for chat and let be: nothing changes. A track's name alone, or with a word
        // that is no command (a hint to the sender alone), gets a hint only while it is a
        // track: once deleted, `#swift` is chat like any other.
        new Line(garbage, w, (m, sender) => {
          // An op's admin line that is no chat drops a command of theirs waiting for a confirm.
          if (sender.op && garbage.startsWith('~') && !CHAT.includes(garbage))
            m.adminLine(sender.nick, null);
          const track = /^#(\w+)/.exec(garbage)?.[1] ?? '';
          const chatOnceDeleted = ['#swift', '#swift dance all night', '#nova, the room is cold'];
          return CHAT.includes(garbage) || (chatOnceDeleted.includes(garbage) && !m.tracks[track])
            ? SILENT
            : REPLY;
        }),
    ),
  fc.constant(new Restart()),
];

const dirs: Array<() => void> = [];
afterAll(() => {
  for (const cleanup of dirs) cleanup();
});

describe('the whole system against a reference model', () => {
  it('random command sequences keep ptg.json equal to the model, across restarts', async () => {
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 50 }), async (cmds) => {
        const dir = tempDir();
        dirs.push(dir.cleanup);
        const statePath = join(dir.path, 'state.json');
        const real: Real = {
          h: await harness({ data: MODEL_EVENT, statePath, fetchEventData }),
          statePath,
        };
        // As an ascii server (ngircd) says: Chair[1] and Chair{1} are two people.
        await real.h.handler.casemapping('ascii');
        await fc.asyncModelRun(() => ({ model: new ReferenceModel(), real }), cmds);
        await real.h.runtime.stop();
      }),
      {
        numRuns: Number(process.env.FC_RUNS ?? (process.env.CI ? 400 : 100)),
        seed: process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined,
        reporter: (details) => {
          if (details.failed) {
            throw new Error(
              `${fc.defaultReportMessage(details)}\n${(details.errorInstance as Error | null)?.message ?? ''}\nReplay with FC_SEED=${details.seed}`,
            );
          }
        },
      },
    );
  });
});
