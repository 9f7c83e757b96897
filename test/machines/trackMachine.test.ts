import { describe, expect, it } from 'vitest';
import { createActor, type SnapshotFrom } from 'xstate';
import { getShortestPaths, getSimplePaths } from 'xstate/graph';
import type { TrackEvent } from '../../src/machines/track/events.js';
import { trackMachine } from '../../src/machines/track/trackMachine.js';
import { emptyFields, fieldsOf } from '../../src/machines/track/fields.js';

type Snap = SnapshotFrom<typeof trackMachine>;
const input = { name: 'swift', color: '#123456' };
/** States that differ only in how much text they hold are one state for the graph. */
const shape = (s: Snap) =>
  [
    JSON.stringify(s.value),
    s.context.now,
    Math.min(s.context.next.length, 1),
    s.context.location,
    s.context.room,
    s.context.undo?.before.now ?? '-',
    s.context.undo?.before.location ?? '-',
  ].join('|');
const start = () => createActor(trackMachine, { input }).start();

/** A change someone asks for: the event day sends the fields as they are just before it. */
function change(track: ReturnType<typeof start>, event: TrackEvent): void {
  const before = fieldsOf(track.getSnapshot().context);
  track.send({ ...event, by: { nick: 'alice', said: '#swift ...', before } } as TrackEvent);
}

const by = {
  nick: 'alice',
  said: '#swift ...',
  before: emptyFields(),
};
const EVENTS: TrackEvent[] = [
  { type: 'topic.now', topic: 'rings', room: 'Pier', by },
  { type: 'topic.now', topic: 'rings', room: 'Dock', by },
  { type: 'topic.next', topic: 'erasure', by },
  { type: 'topics.clean', by },
  { type: 'location.set', location: 'Roof', by },
  { type: 'change.undo' },
  { type: 'day.reset' },
  { type: 'fields.import', fields: { now: 'imported', next: ['n'] } },
  { type: 'fields.import', fields: { now: null, location: null } },
  { type: 'fields.import', fields: { location: 'Lobby' } },
];

/**
 * What must hold in every state the track can reach, whatever the path: the rules the
 * statechart encodes, checked against the context, not against the machine itself.
 */
function invariants(s: Snap): void {
  const { history, placement } = s.value as Record<string, string>;
  // Moved exactly while the moderator's location stands.
  expect(placement === 'moved').toBe(s.context.location !== null);
  expect(s.hasTag('moved')).toBe(placement === 'moved');
  // Something to take back exactly while the fields before a change are kept.
  expect(history === 'undoable').toBe((s.context.undo ?? null) !== null);
}

const value = (placement: string, history = 'nothingToUndo') => ({ history, placement });

describe('track machine', () => {
  it('starts scheduled, with nothing but its name and colour', () => {
    const s = start().getSnapshot();
    expect(s.value).toEqual(value('scheduled'));
    expect(s.context).toEqual({ ...emptyFields(), name: 'swift', color: '#123456', undo: null });
  });

  it('now: the queue taken over; the room follows the schedule until the track is moved', () => {
    const track = start();
    track.send({ type: 'topic.next', topic: 'a' });
    track.send({ type: 'topic.now', topic: 'b', room: 'Pier' });
    expect(track.getSnapshot().value).toEqual(value('scheduled'));
    expect(track.getSnapshot().context).toMatchObject({ now: 'b', next: [], room: 'Pier' });
    track.send({ type: 'location.set', location: 'Roof' });
    expect(track.getSnapshot().value).toEqual(value('moved'));
    track.send({ type: 'topic.now', topic: 'c', room: 'Dock' });
    // In `moved`, a new topic does not place the track: it stays where its moderator put it.
    expect(track.getSnapshot().context).toMatchObject({ now: 'c', location: 'Roof', room: 'Pier' });
  });

  it('clean empties the topics; a new day forgets topics and placement but keeps colour, url, pad', () => {
    const track = start();
    track.send({ type: 'topic.now', topic: 'b', room: 'Pier' });
    track.send({ type: 'topic.next', topic: 'c' });
    track.send({ type: 'topics.clean' });
    expect(track.getSnapshot().value).toEqual(value('scheduled'));
    expect(track.getSnapshot().context.next).toEqual([]);
    track.send({ type: 'topic.now', topic: 'b', room: 'Pier' });
    track.send({
      type: 'fields.set',
      fields: { url: 'https://x.example.org/', etherpad: 'https://pad.example.org/p' },
    });
    track.send({ type: 'location.set', location: 'Roof' });
    track.send({ type: 'day.reset' });
    expect(track.getSnapshot().value).toEqual(value('scheduled'));
    expect(track.getSnapshot().context).toEqual({
      ...emptyFields(),
      ...input,
      url: 'https://x.example.org/',
      etherpad: 'https://pad.example.org/p',
      undo: null,
    });
  });

  it('an import decides both regions from what it brings', () => {
    const track = start();
    track.send({ type: 'fields.import', fields: { now: 'x', location: 'Lobby' } });
    expect(track.getSnapshot().value).toEqual(value('moved'));
    track.send({ type: 'fields.import', fields: { color: 'blue' } });
    expect(track.getSnapshot().value).toEqual(value('moved'));
    track.send({ type: 'fields.import', fields: { now: null, location: null } });
    expect(track.getSnapshot().value).toEqual(value('scheduled'));
  });

  it('undo puts back the fields as they were before the last change, one level, and decides both regions', () => {
    const track = start();
    change(track, { type: 'topic.now', topic: 'rings', room: 'Pier' });
    change(track, { type: 'topic.next', topic: 'erasure' });
    change(track, { type: 'location.set', location: 'Roof' });
    expect(track.getSnapshot().value).toEqual(value('moved', 'undoable'));
    expect(track.getSnapshot().context.undo?.before).toMatchObject({
      location: null,
      room: 'Pier',
    });
    track.send({ type: 'change.undo' });
    expect(track.getSnapshot().value).toEqual(value('scheduled'));
    expect(track.getSnapshot().context).toMatchObject({
      now: 'rings',
      next: ['erasure'],
      location: null,
    });
    // One level: a second undo changes nothing.
    track.send({ type: 'change.undo' });
    expect(track.getSnapshot().context).toMatchObject({ now: 'rings', next: ['erasure'] });

    change(track, { type: 'topic.now', topic: 'cells', room: 'Dock' });
    expect(track.getSnapshot().context).toMatchObject({ now: 'cells', next: [], room: 'Dock' });
    track.send({ type: 'change.undo' });
    // The topic and the queue it wiped come back, with the room the topic had placed it in.
    expect(track.getSnapshot().context).toMatchObject({
      now: 'rings',
      next: ['erasure'],
      room: 'Pier',
    });

    change(track, { type: 'topics.clean' });
    track.send({ type: 'change.undo' });
    expect(track.getSnapshot().value).toEqual(value('scheduled'));
  });

  it('a new day and imports leave nothing to take back; the bot’s own changes are not kept', () => {
    const track = start();
    change(track, { type: 'topic.now', topic: 'rings', room: 'Pier' });
    track.send({ type: 'day.reset' });
    expect(track.getSnapshot().value).toEqual(value('scheduled'));
    change(track, { type: 'topic.now', topic: 'rings', room: 'Pier' });
    track.send({ type: 'fields.import', fields: { now: 'imported' } });
    expect(track.getSnapshot().context.undo).toBeNull();
    track.send({ type: 'topics.clean' });
    track.send({ type: 'change.undo' });
    expect(track.getSnapshot().context.now).toBeNull();
  });

  it('every state on every shortest path keeps the rules', () => {
    const paths = getShortestPaths(trackMachine, { events: EVENTS, input, serializeState: shape });
    const reached = new Set(paths.map((p) => JSON.stringify(p.state.value)));
    expect(reached).toEqual(
      new Set(
        ['nothingToUndo', 'undoable'].flatMap((h) =>
          ['scheduled', 'moved'].map((p) => JSON.stringify(value(p, h))),
        ),
      ),
    );
    for (const path of paths) {
      const track = start();
      for (const step of path.steps) {
        track.send(step.event);
        invariants(track.getSnapshot());
      }
    }
  });

  it('simple paths (bounded) keep the rules too', () => {
    const paths = getSimplePaths(trackMachine, {
      events: EVENTS.filter((e) =>
        ['topic.now', 'location.set', 'day.reset', 'topics.clean', 'change.undo'].includes(e.type),
      ),
      input,
      // Its regions and whether there is a topic and a location: simple paths of the finer
      // shape are too many to walk.
      serializeState: (s) =>
        [JSON.stringify(s.value), s.context.now !== null, s.context.location !== null].join('|'),
    });
    expect(paths.length).toBeGreaterThan(10);
    for (const path of paths) for (const step of path.steps) invariants(step.state);
  });
});
