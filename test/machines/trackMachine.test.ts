import { describe, expect, it } from 'vitest';
import { createActor, type SnapshotFrom } from 'xstate';
import { getShortestPaths, getSimplePaths } from 'xstate/graph';
import type { TrackEvent } from '../../src/machines/track/events.js';
import { trackMachine } from '../../src/machines/track/trackMachine.js';

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
  ].join('|');
const start = () => createActor(trackMachine, { input }).start();

const EVENTS: TrackEvent[] = [
  { type: 'topic.now', topic: 'rings', room: 'Pier' },
  { type: 'topic.now', topic: 'rings', room: 'Dock' },
  { type: 'topic.next', topic: 'erasure' },
  { type: 'topics.clean' },
  { type: 'location.set', location: 'Roof' },
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
  const { discussion, placement } = s.value as { discussion: string; placement: string };
  // Discussing exactly while there is a current topic.
  expect(discussion === 'discussing').toBe(s.context.now !== null);
  expect(s.hasTag('discussing')).toBe(discussion === 'discussing');
  // Moved exactly while the moderator's location stands.
  expect(placement === 'moved').toBe(s.context.location !== null);
  expect(s.hasTag('moved')).toBe(placement === 'moved');
}

describe('track machine', () => {
  it('starts idle and scheduled, with nothing but its name and colour', () => {
    const s = start().getSnapshot();
    expect(s.value).toEqual({ discussion: 'idle', placement: 'scheduled' });
    expect(s.context).toEqual({
      name: 'swift',
      now: null,
      next: [],
      color: '#123456',
      location: null,
      room: null,
      url: null,
      etherpad: null,
    });
  });

  it('now: discussing, the queue taken over; the room follows the schedule until the track is moved', () => {
    const track = start();
    track.send({ type: 'topic.next', topic: 'a' });
    track.send({ type: 'topic.now', topic: 'b', room: 'Pier' });
    expect(track.getSnapshot().value).toEqual({ discussion: 'discussing', placement: 'scheduled' });
    expect(track.getSnapshot().context).toMatchObject({ now: 'b', next: [], room: 'Pier' });
    track.send({ type: 'location.set', location: 'Roof' });
    expect(track.getSnapshot().value).toEqual({ discussion: 'discussing', placement: 'moved' });
    track.send({ type: 'topic.now', topic: 'c', room: 'Dock' });
    // In `moved`, a new topic does not place the track: it stays where its moderator put it.
    expect(track.getSnapshot().context).toMatchObject({ now: 'c', location: 'Roof', room: 'Pier' });
  });

  it('clean goes back to idle; a new day forgets topics and placement but keeps colour, url, pad', () => {
    const track = start();
    track.send({ type: 'topic.now', topic: 'b', room: 'Pier' });
    track.send({ type: 'topic.next', topic: 'c' });
    track.send({ type: 'topics.clean' });
    expect(track.getSnapshot().value).toEqual({ discussion: 'idle', placement: 'scheduled' });
    expect(track.getSnapshot().context.next).toEqual([]);
    track.send({ type: 'topic.now', topic: 'b', room: 'Pier' });
    track.send({ type: 'url.set', url: 'https://x.example.org/' });
    track.send({ type: 'etherpad.set', url: 'https://pad.example.org/p' });
    track.send({ type: 'location.set', location: 'Roof' });
    track.send({ type: 'day.reset' });
    expect(track.getSnapshot().value).toEqual({ discussion: 'idle', placement: 'scheduled' });
    expect(track.getSnapshot().context).toEqual({
      ...input,
      now: null,
      next: [],
      location: null,
      room: null,
      url: 'https://x.example.org/',
      etherpad: 'https://pad.example.org/p',
    });
  });

  it('an import decides both regions from what it brings', () => {
    const track = start();
    track.send({ type: 'fields.import', fields: { now: 'x', location: 'Lobby' } });
    expect(track.getSnapshot().value).toEqual({ discussion: 'discussing', placement: 'moved' });
    track.send({ type: 'fields.import', fields: { color: 'blue' } });
    expect(track.getSnapshot().value).toEqual({ discussion: 'discussing', placement: 'moved' });
    track.send({ type: 'fields.import', fields: { now: null, location: null } });
    expect(track.getSnapshot().value).toEqual({ discussion: 'idle', placement: 'scheduled' });
  });

  it('every state on every shortest path keeps the rules', () => {
    const paths = getShortestPaths(trackMachine, { events: EVENTS, input, serializeState: shape });
    const reached = new Set(paths.map((p) => JSON.stringify(p.state.value)));
    expect(reached).toEqual(
      new Set(
        ['idle', 'discussing'].flatMap((d) =>
          ['scheduled', 'moved'].map((p) => JSON.stringify({ discussion: d, placement: p })),
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
        ['topic.now', 'topic.next', 'location.set', 'day.reset', 'topics.clean'].includes(e.type),
      ),
      input,
      serializeState: shape,
    });
    expect(paths.length).toBeGreaterThan(10);
    for (const path of paths) for (const step of path.steps) invariants(step.state);
  });
});
