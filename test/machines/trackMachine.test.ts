import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { getShortestPaths, getSimplePaths } from 'xstate/graph';
import type { TrackEvent } from '../../src/machines/track/events.js';
import { trackMachine } from '../../src/machines/track/trackMachine.js';

const input = { name: 'swift', color: '#123456' };
/** States that differ only in how much text they hold are one state for the graph. */
const shape = (s: ReturnType<typeof trackMachine.getInitialSnapshot>) =>
  [
    s.value,
    s.context.now,
    Math.min(s.context.next.length, 1),
    s.context.location,
    s.context.url,
  ].join('|');
const start = () => createActor(trackMachine, { input }).start();

const EVENTS: TrackEvent[] = [
  { type: 'topic.now', topic: 'rings', room: 'Pier' },
  { type: 'topic.next', topic: 'erasure' },
  { type: 'topics.clean' },
  { type: 'color.set', color: 'red' },
  { type: 'location.set', location: 'Roof' },
  { type: 'url.set', url: 'https://meet.example.org/x' },
  { type: 'etherpad.set', url: null },
  { type: 'day.reset' },
  { type: 'fields.import', fields: { now: 'imported', next: ['n'] } },
  { type: 'fields.import', fields: { now: null } },
];

describe('track machine', () => {
  it('starts idle with nothing but its name and colour', () => {
    const { value, context } = start().getSnapshot();
    expect(value).toBe('idle');
    expect(context).toEqual({
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

  it('now: discussing, next wiped, scheduled room kept unless a location was set', () => {
    const track = start();
    track.send({ type: 'topic.next', topic: 'a' });
    track.send({ type: 'topic.now', topic: 'b', room: 'Pier' });
    expect(track.getSnapshot().value).toBe('discussing');
    expect(track.getSnapshot().context).toMatchObject({ now: 'b', next: [], room: 'Pier' });
    track.send({ type: 'location.set', location: 'Roof' });
    track.send({ type: 'topic.now', topic: 'c', room: 'Dock' });
    expect(track.getSnapshot().context).toMatchObject({ now: 'c', location: 'Roof', room: 'Pier' });
  });

  it('clean goes back to idle; reset forgets the day but keeps colour, url, pad', () => {
    const track = start();
    track.send({ type: 'topic.now', topic: 'b', room: 'Pier' });
    track.send({ type: 'topics.clean' });
    expect(track.getSnapshot().value).toBe('idle');
    track.send({ type: 'topic.now', topic: 'b', room: 'Pier' });
    track.send({ type: 'url.set', url: 'https://x.example.org/' });
    track.send({ type: 'etherpad.set', url: 'https://pad.example.org/p' });
    track.send({ type: 'location.set', location: 'Roof' });
    track.send({ type: 'day.reset' });
    expect(track.getSnapshot().value).toBe('idle');
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

  it('an import decides the state from the topic it brings', () => {
    const track = start();
    track.send({ type: 'fields.import', fields: { now: 'x' } });
    expect(track.getSnapshot().value).toBe('discussing');
    track.send({ type: 'fields.import', fields: { color: 'blue' } });
    expect(track.getSnapshot().value).toBe('discussing');
    track.send({ type: 'fields.import', fields: { now: null } });
    expect(track.getSnapshot().value).toBe('idle');
  });

  const replay = (paths: ReturnType<typeof getShortestPaths<typeof trackMachine>>) => {
    for (const path of paths) {
      const track = start();
      for (const step of path.steps) {
        track.send(step.event);
        expect(shape(track.getSnapshot())).toEqual(shape(step.state));
      }
    }
  };

  it('every shortest path the graph finds replays on a live actor', () => {
    const paths = getShortestPaths(trackMachine, { events: EVENTS, input, serializeState: shape });
    expect(paths.length).toBeGreaterThan(5);
    expect(new Set(paths.map((p) => p.state.value))).toEqual(new Set(['idle', 'discussing']));
    replay(paths);
  });

  it('simple paths (bounded) replay on a live actor', () => {
    // Simple paths grow fast with events: the ones that change the state's shape suffice.
    const paths = getSimplePaths(trackMachine, {
      events: EVENTS.filter((e) =>
        ['topic.now', 'topic.next', 'topics.clean', 'day.reset'].includes(e.type),
      ),
      input,
      serializeState: shape,
    });
    expect(paths.length).toBeGreaterThan(3);
    replay(paths);
  });
});
