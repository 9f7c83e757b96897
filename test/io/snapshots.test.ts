import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import superjson from 'superjson';
import { afterEach, describe, expect, it } from 'vitest';
import { toEventImport } from '../../src/machines/eventData.js';
import { localTimeIn } from '../../src/io/clock/localTime.js';
import { CommandHandler } from '../../src/io/command/commandHandler.js';
import { EventRuntime } from '../../src/io/runtime/eventRuntime.js';
import {
  SnapshotError,
  SnapshotStore,
  type StateStore,
} from '../../src/io/persistence/snapshotStore.js';
import { MemoryStore } from '../../src/io/persistence/memoryStore.js';
import {
  fixtureData,
  fixturePath,
  harness,
  MONDAY_MORNING,
  OP,
  TIME_ZONE,
  tempDir,
} from '../helpers/harness.js';

const dirs: Array<() => void> = [];
const dir = () => {
  const d = tempDir();
  dirs.push(d.cleanup);
  return d.path;
};
afterEach(() => {
  for (const cleanup of dirs.splice(0)) cleanup();
});

/** A store whose saves (snapshot writes and journal appends) are counted, held back or failed. */
class ControlledStore extends SnapshotStore {
  writes = 0;
  failWith: NodeJS.ErrnoException | null = null;
  gate: Promise<void> | null = null;

  constructor(path: string) {
    super(path);
    const append = this.journal.append.bind(this.journal);
    this.journal.append = async (lines) => {
      await this.hold();
      await append(lines);
    };
  }

  private async hold(): Promise<void> {
    this.writes++;
    if (this.gate) await this.gate;
    if (this.failWith) throw this.failWith;
  }

  override async write(serialised: string): Promise<void> {
    await this.hold();
    await super.write(serialised);
  }
}

/** What a restart would find on disk. */
async function savedState(path: string) {
  const runtime = await EventRuntime.open({ store: new SnapshotStore(path) });
  return runtime.state();
}

const clock = () => localTimeIn(new Date(MONDAY_MORNING), TIME_ZONE);

async function open(store: StateStore) {
  const runtime = await EventRuntime.open({
    store,
    input: { eventid: 'test' },
    initialData: fixtureData('event-later.json'),
    initialTime: clock(),
  });
  const handler = new CommandHandler(runtime, { clock });
  const say = async (text: string, who: { nick: string; op?: boolean } = OP) =>
    (await handler.handle({ text, isPrivate: false, ...who })).map((m) => m.text);
  return { runtime, handler, say };
}

/** A saved snapshot, spoiled on purpose. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Snap = any;

describe('durable snapshots', () => {
  it('restores the whole actor system, children included, after a restart', async () => {
    const path = join(dir(), 'state.json');
    const first = await harness({ data: fixtureData('event-later.json'), statePath: path });
    await first.say('#swift now rings');
    await first.say('#swift next erasure');
    await first.say('~requirevoice');
    await first.say('~motd add info hello');
    await first.say('+in #swift', { nick: 'alice' });
    await first.say('+subscribe nova', { nick: 'alice' });
    const before = first.ptg();
    await first.runtime.stop();

    const second = await harness({ statePath: path });
    expect(second.ptg()).toEqual(before);
    expect(second.runtime.voiceRequired).toBe(true);
    expect(await second.send('#nova now cells', { nick: 'olivia', op: true })).toEqual([
      { type: 'notify', nick: 'alice', text: 'now in #nova (Harbour Hall): cells' },
    ]);
  });

  it('a snapshot an earlier version wrote (format 2) loads, and is saved again as format 4', async () => {
    const path = join(dir(), 'state.json');
    writeFileSync(path, readFileSync(fixturePath('snapshot-v2.json')));
    const { runtime, say } = await open(new SnapshotStore(path));
    const state = runtime.state();
    expect(state.eventid).toBe('HBR-ptg');
    expect(state.tracks.find((t) => t.name === 'swift')).toMatchObject({
      now: 'ring balancing',
      next: ['erasure codes'],
    });
    expect(state.tracks.find((t) => t.name === 'nova')?.where).toBe('Lobby corner');
    expect(state.checkins.alice?.location).toBe('#swift');
    expect(state.motd).toEqual([{ level: 'info', message: 'Lunch at noon' }]);
    expect(await say('#swift now placement')).toEqual([]);
    // Regions that came later (a track's `history`) start in their initial state.
    expect(await say('#swift undo')).toEqual([
      'olivia: Took back your "#swift now placement"; #swift has now: ring balancing',
    ]);
    expect(await say('#swift now placement')).toEqual([]);
    await runtime.stop();
    const saved = JSON.parse(readFileSync(path, 'utf8')) as Snap;
    expect(saved.json.version).toBe(4);
    expect(saved.json.snapshot.context.settings).toMatchObject({
      eventid: 'HBR-ptg',
      padBase: 'https://etherpad.opendev.org/p',
    });
    expect(saved.json.snapshot.context).not.toHaveProperty('eventid');
    expect((await savedState(path)).tracks.find((t) => t.name === 'swift')?.now).toBe('placement');
  });

  it('releases a reply only once its state is on disk', async () => {
    const store = new ControlledStore(join(dir(), 'state.json'));
    const { say } = await open(store);
    let open_: () => void = () => {};
    store.gate = new Promise((resolve) => {
      open_ = resolve;
    });
    let replied = false;
    const reply = say('#swift book Quay 2-TueA1').then((r) => {
      replied = true;
      return r;
    });
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(replied).toBe(false);
    expect((await savedState(store.path)).schedule['Quay 2']?.TueA1).toBe('');
    open_();
    expect(await reply).toEqual(['olivia: Booked Quay 2 (Tuesday 09:00-10:45) for swift']);
    expect((await savedState(store.path)).schedule['Quay 2']?.TueA1).toBe('swift');
  });

  it('what is reported saved is what is on disk, not what was applied while the save ran', async () => {
    const store = new ControlledStore(join(dir(), 'state.json'));
    const { say, runtime } = await open(store);
    const reported: Array<string | null | undefined> = [];
    runtime.onSaved(({ state }) =>
      reported.push(state.tracks.find((t) => t.name === 'swift')?.now),
    );
    let release: () => void = () => {};
    store.gate = new Promise((resolve) => {
      release = resolve;
    });
    const first = say('#swift now first');
    await new Promise((resolve) => setImmediate(resolve));
    // Applied while the first save waits on the disk: it is owed a save of its own.
    const second = say('#swift now second');
    store.gate = null;
    release();
    await Promise.all([first, second]);
    expect(reported).toEqual(['first', 'second']);
  });

  it('commands that arrive together share one write', async () => {
    const store = new ControlledStore(join(dir(), 'state.json'));
    const { say } = await open(store);
    const writesBefore = store.writes;
    await Promise.all(Array.from({ length: 100 }, (_, i) => say(`+in room ${i}`)));
    expect(store.writes - writesBefore).toBeLessThanOrEqual(2);
    expect((await savedState(store.path)).checkins.olivia?.location).toBe('room 99');
  });

  it('a failed save is not acknowledged: the sender is told, and the state goes back', async () => {
    const store = new ControlledStore(join(dir(), 'state.json'));
    const { say, runtime } = await open(store);
    await say('#swift now before');
    store.failWith = Object.assign(new Error('no space'), { code: 'ENOSPC' });
    expect(await say('#swift now after')).toEqual([
      'olivia: Sorry, that could not be saved (the disk is full); nothing changed, please try again',
    ]);
    expect(runtime.state().tracks.find((t) => t.name === 'swift')?.now).toBe('before');
    store.failWith = null;
    expect(await say('#swift now after')).toEqual([]);
    expect(runtime.state().tracks.find((t) => t.name === 'swift')?.now).toBe('after');
  });

  it.each([
    ['', 'it is empty'],
    ['{"json": tru', 'it is not valid JSON'],
    ['{"json":{"format":"ptgbot-snapshot","version":99}}', 'it has version 99'],
    ['{"json":{"format":"something-else","version":1}}', 'it is not a ptgbot snapshot'],
  ])(
    'an unreadable snapshot stops start-up, naming the file, and is left untouched (%j)',
    async (content, problem) => {
      const path = join(dir(), 'state.json');
      writeFileSync(path, content);
      const error = await open(new SnapshotStore(path)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SnapshotError);
      expect((error as Error).message).toContain(path);
      expect((error as Error).message).toContain(problem);
      expect(readFileSync(path, 'utf8')).toBe(content);
    },
  );

  it('journal lines an earlier version wrote (colour and link commands) replay as they did', async () => {
    const path = join(dir(), 'state.json');
    const first = await open(new SnapshotStore(path));
    await first.say('#swift color red');
    await first.say('#swift url https://meet.example.org/a');
    const written = readFileSync(`${path}.journal`, 'utf8').trim().split('\n');
    // The same changes as the earlier version wrote them: `track.color`, `track.url`, as
    // plain JSON lines.
    const [color, url] = written.map((l) => JSON.parse(l).json);
    color.event = { ...color.event, type: 'track.color', color: 'red' };
    url.event = { ...url.event, type: 'track.url', url: 'https://meet.example.org/b' };
    for (const record of [color, url]) {
      delete record.event.fields;
      delete record.event.said;
    }
    writeFileSync(`${path}.journal`, `${[color, url].map((r) => JSON.stringify(r)).join('\n')}\n`);
    const replayed = await savedState(path);
    expect(replayed.tracks.find((t) => t.name === 'swift')).toMatchObject({
      color: 'red',
      url: 'https://meet.example.org/b',
    });
  });

  it('saves commands as journal lines, replays them at start, and compacts on a clean stop', async () => {
    const path = join(dir(), 'state.json');
    const first = await open(new SnapshotStore(path));
    await first.say('#swift now one');
    await first.say('#swift next two');
    const journal = readFileSync(`${path}.journal`, 'utf8').trim().split('\n');
    expect(journal.map((l) => JSON.parse(l).json.event.type)).toEqual(['track.now', 'track.next']);

    // As after a crash: no clean stop, the journal holds the last changes.
    const replayed = await savedState(path);
    expect(replayed.tracks.find((t) => t.name === 'swift')).toMatchObject({
      now: 'one',
      next: ['two'],
    });

    await first.runtime.stop();
    expect(readFileSync(`${path}.journal`, 'utf8')).toBe('');
    const compacted = await savedState(path);
    expect(compacted.tracks.find((t) => t.name === 'swift')).toMatchObject({
      now: 'one',
      next: ['two'],
    });
  });

  it('a journal line cut short by a crash was never acknowledged and is left out; a broken line inside is refused', async () => {
    const path = join(dir(), 'state.json');
    const first = await open(new SnapshotStore(path));
    await first.say('#swift now kept');
    const whole = readFileSync(`${path}.journal`, 'utf8');
    writeFileSync(`${path}.journal`, `${whole}{"seq":3,"event":{"type":"track.n`);
    expect((await savedState(path)).tracks.find((t) => t.name === 'swift')?.now).toBe('kept');

    writeFileSync(`${path}.journal`, `not json\n${whole}`);
    const error = await savedState(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SnapshotError);
    expect((error as Error).message).toContain(`${path}.journal: line 1 is not valid JSON`);
  });

  it('a journal without the snapshot it follows is refused, not replaced by an empty event', async () => {
    const path = join(dir(), 'state.json');
    writeFileSync(`${path}.journal`, '{"seq":1,"event":{"type":"admin.newday"}}\n');
    const error = await open(new SnapshotStore(path)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SnapshotError);
    expect((error as Error).message).toContain(
      `${path}.journal: it holds changes but there is no snapshot`,
    );
  });

  it('a snapshot whose type annotations do not fit its data is refused cleanly', async () => {
    const path = join(dir(), 'state.json');
    const first = await open(new SnapshotStore(path));
    await first.say('#swift now x');
    await first.runtime.stop();
    const file = JSON.parse(readFileSync(path, 'utf8'));
    file.json.snapshot.context.checkins = 5; // annotated as a Map
    writeFileSync(path, JSON.stringify(file));
    const error = await open(new SnapshotStore(path)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SnapshotError);
    expect((error as Error).message).toContain('its type annotations do not fit its data');
  });

  it('a truncated snapshot is refused too', async () => {
    const path = join(dir(), 'state.json');
    const first = await open(new SnapshotStore(path));
    await first.say('#swift now x');
    const full = readFileSync(path, 'utf8');
    writeFileSync(path, full.slice(0, Math.floor(full.length / 2)));
    await expect(open(new SnapshotStore(path))).rejects.toThrow(SnapshotError);
  });

  it.each([
    ['context.checkins', (s: Snap) => (s.context.checkins = 5)],
    ['context.schedule', (s: Snap) => (s.context.schedule = { Pier: { A: 7 } })],
    ['context.motd', (s: Snap) => (s.context.motd = [{ level: 'info' }])],
    ['children', (s: Snap) => (s.children['track:swift'] = { src: 'track', snapshot: {} })],
    ['children', (s: Snap) => (s.children['track:x'] = { src: 'evil', snapshot: {} })],
    ['context.tracks', (s: Snap) => (s.context.tracks = 'swift')],
  ])(
    'a hostile snapshot is refused cleanly, naming the file and the key (%s)',
    async (key, spoil) => {
      const path = join(dir(), 'state.json');
      const first = await open(new SnapshotStore(path));
      await first.say('#swift now x');
      await first.runtime.stop();
      const file = JSON.parse(readFileSync(path, 'utf8'));
      spoil(file.json.snapshot);
      // Spoiled by hand: superjson's annotation of that key (a Map) goes with it.
      if (file.meta?.values) delete file.meta.values[`snapshot.${key}`];
      const content = JSON.stringify(file);
      writeFileSync(path, content);
      const error = await open(new SnapshotStore(path)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SnapshotError);
      expect((error as Error).message).toContain(path);
      expect((error as Error).message).toContain(key);
      expect(readFileSync(path, 'utf8')).toBe(content);
    },
  );

  it('a journal whose event breaks the machines is refused cleanly, not with a crash', async () => {
    const path = join(dir(), 'state.json');
    const first = await open(new SnapshotStore(path));
    await first.say('#swift now x');
    const whole = readFileSync(`${path}.journal`, 'utf8');
    const seq = JSON.parse(whole.trim().split('\n').at(-1) as string).json.seq + 1;
    const broken = { seq, event: { type: 'track.now', track: 'swift' } };
    writeFileSync(`${path}.journal`, `${whole}${JSON.stringify(broken)}\n`);
    const error = await open(new SnapshotStore(path)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SnapshotError);
    expect((error as Error).message).toMatch(/could not be restored/);
  });

  it('a store in memory gives back its journal as the files do', async () => {
    const store = new MemoryStore();
    const first = await open(store);
    await first.say('#swift now rings');
    await first.say('#swift next cells');
    const second = await open(store);
    expect(second.runtime.state().tracks.find((t) => t.name === 'swift')).toMatchObject({
      now: 'rings',
      next: ['cells'],
    });
  });

  it('rooms, nicks and slots named __proto__ survive a restart', async () => {
    const path = join(dir(), 'state.json');
    const first = await open(new SnapshotStore(path));
    await first.say('+in the bar', { nick: '__proto__' });
    await first.runtime.stop();
    const second = await open(new SnapshotStore(path));
    expect(Object.keys(second.runtime.state().checkins)).toContain('__proto__');
  });

  it('a snapshot the previous version wrote (format 3: plain JSON) loads, __proto__ nicks included, and ~undo still works', async () => {
    const path = join(dir(), 'state.json');
    const first = await open(new SnapshotStore(path));
    await first.say('+in the bar', { nick: '__proto__' });
    await first.say('#swift now rings');
    await first.say('~motd add info kept for undo');
    await first.runtime.stop();
    // The same state as format 3 wrote it: plain objects where the machines now keep Maps,
    // and each track with a `discussion` region.
    const envelope = superjson.parse<Snap>(readFileSync(path, 'utf8'));
    const context = envelope.snapshot.context;
    for (const key of ['slots', 'rooms', 'links', 'checkins', 'subscriptions', 'warnedUnscheduled'])
      context[key] = Object.fromEntries(context[key]);
    context.schedule = Object.fromEntries(
      [...context.schedule].map(([room, b]: [string, Map<string, string>]) => [
        room,
        Object.fromEntries(b),
      ]),
    );
    context.undo.before = toEventImport(context.undo.before);
    for (const child of Object.values(envelope.snapshot.children) as Snap[]) {
      const { value, context: track } = child.snapshot;
      value.discussion = track.now === null ? 'idle' : 'discussing';
    }
    writeFileSync(path, JSON.stringify({ json: { ...envelope, version: 3 } }));

    const second = await open(new SnapshotStore(path));
    expect(Object.keys(second.runtime.state().checkins)).toContain('__proto__');
    expect(second.runtime.state().tracks.find((t) => t.name === 'swift')).toMatchObject({
      now: 'rings',
      discussing: true,
    });
    expect(await second.say('~undo')).toEqual(['olivia: Undid ~motd add']);
    expect(second.runtime.state().motd).toEqual([]);
    await second.runtime.stop();
    expect(JSON.parse(readFileSync(path, 'utf8')).json.version).toBe(4);
    expect(Object.keys((await savedState(path)).checkins)).toContain('__proto__');
  });

  it('a snapshot on disk is a success even when emptying the journal then fails: no false "nothing changed", no duplicate on retry', async () => {
    const store = new ControlledStore(join(dir(), 'state.json'));
    const { runtime, say } = await open(store);
    const reset = store.journal.reset.bind(store.journal);
    let failReset = true;
    store.journal.reset = async () => {
      if (failReset) throw Object.assign(new Error('EIO'), { code: 'EIO' });
      await reset();
    };
    // Force the next save to be a whole snapshot, as after 2,000 journal lines.
    (runtime as unknown as { log: { snapshotNext: boolean } }).log.snapshotNext = true;
    expect(await say('#swift next one')).toEqual([]);
    failReset = false;
    expect(await say('#swift next two')).toEqual([]);
    await runtime.stop();
    expect((await savedState(store.path)).tracks.find((t) => t.name === 'swift')?.next).toEqual([
      'one',
      'two',
    ]);
  });
});
