import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { getShortestPaths } from 'xstate/graph';
import { eventDayMachine } from '../../src/machines/event/eventDayMachine.js';
import type { EventDayEvent, EventEmitted } from '../../src/machines/event/events.js';
import { readEventState } from '../../src/machines/eventState.js';
import type { LocalTime } from '../../src/machines/model.js';

const at: LocalTime = {
  iso: '2026-11-23T09:30:00+01:00',
  date: '2026-11-23',
  weekday: 'Monday',
  time: '09:30',
};
const req = { requestId: 'r', at, nick: 'olivia' };

function started() {
  const actor = createActor(eventDayMachine, { input: { eventid: 'ev' } });
  const emitted: EventEmitted[] = [];
  actor.on('*', (e) => emitted.push(e));
  actor.start();
  return { actor, emitted };
}

const IMPORT: EventDayEvent = {
  ...req,
  type: 'admin.import',
  source: 'test',
  data: {
    slots: {
      Monday: [
        { name: 'MonA', desc: '09:00-12:00' },
        { name: 'MonB', desc: '13:00-17:00' },
      ],
    },
    schedule: { Pier: { MonA: 'swift', MonB: '' } },
    rooms: { Pier: { desc: 'by the sea' } },
    tracks: ['nova'],
  },
};

describe('event-day machine', () => {
  it('spawns a track actor per track, with id and systemId track:<name>', () => {
    const { actor } = started();
    actor.send(IMPORT);
    const snapshot = actor.getSnapshot();
    expect(snapshot.context.tracks).toEqual(['nova', 'swift']);
    expect(Object.keys(snapshot.children).sort()).toEqual(['track:nova', 'track:swift']);
    expect(actor.system.get('track:swift')).toBe(snapshot.children['track:swift']);
  });

  it('routes track commands to the child and emits replies tagged with the request', () => {
    const { actor, emitted } = started();
    actor.send(IMPORT);
    emitted.length = 0;
    actor.send({ ...req, requestId: 'q1', type: 'track.now', track: 'swift', topic: 'rings' });
    expect(actor.system.get('track:swift')?.getSnapshot().context.now).toBe('rings');
    expect(emitted).toEqual([{ type: 'changed' }]);
    actor.send({ ...req, requestId: 'q2', type: 'track.now', track: 'ghost', topic: 'x' });
    expect(emitted.at(-1)).toEqual({
      type: 'reply',
      requestId: 'q2',
      text: "Unknown track 'ghost'",
    });
  });

  it('holds the voice policy as its state', () => {
    const { actor } = started();
    actor.send({ ...req, type: 'admin.voice.require' });
    expect(actor.getSnapshot().value).toBe('voiceRequired');
    actor.send({ ...req, type: 'admin.emptydb' });
    expect(actor.getSnapshot().value).toBe('open');
    actor.send({ ...IMPORT, data: { voice: true } } as EventDayEvent);
    expect(actor.getSnapshot().value).toBe('voiceRequired');
  });

  it('newday resets tracks by event, without respawning them', () => {
    const { actor } = started();
    actor.send(IMPORT);
    const before = actor.getSnapshot().children['track:swift'];
    actor.send({ ...req, type: 'track.now', track: 'swift', topic: 'x' });
    actor.send({ ...req, type: 'admin.newday' });
    expect(actor.getSnapshot().children['track:swift']).toBe(before);
    expect(before?.getSnapshot().value).toBe('idle');
  });

  it('follows the clock: the current slot, and an automatic new day at the set time', () => {
    const actor = createActor(eventDayMachine, { input: { newdayAt: '07:00' } });
    const emitted: EventEmitted[] = [];
    actor.on('*', (e) => emitted.push(e));
    actor.start();
    actor.send(IMPORT);
    actor.send({ type: 'clock.tick', at });
    expect(actor.getSnapshot().context.currentSlot).toBe('MonA');
    actor.send({ ...req, type: 'track.now', track: 'swift', topic: 'x' });
    actor.send({
      type: 'clock.tick',
      at: { ...at, iso: '2026-11-23T13:05:00+01:00', time: '13:05' },
    });
    expect(actor.getSnapshot().context.currentSlot).toBe('MonB');
    expect(readEventState(actor.getSnapshot()).tracks.find((t) => t.name === 'swift')?.now).toBe(
      'x',
    );
    const tuesday = {
      iso: '2026-11-24T06:59:00+01:00',
      date: '2026-11-24',
      weekday: 'Tuesday',
      time: '06:59',
    };
    actor.send({ type: 'clock.tick', at: tuesday });
    expect(readEventState(actor.getSnapshot()).tracks.find((t) => t.name === 'swift')?.now).toBe(
      'x',
    );
    actor.send({
      type: 'clock.tick',
      at: { ...tuesday, time: '07:00', iso: '2026-11-24T07:00:00+01:00' },
    });
    expect(
      readEventState(actor.getSnapshot()).tracks.find((t) => t.name === 'swift')?.now,
    ).toBeNull();
    expect(emitted.filter((e) => e.type === 'announce')).toHaveLength(1);
    actor.send({
      type: 'clock.tick',
      at: { ...tuesday, time: '09:00', iso: '2026-11-24T09:00:00+01:00' },
    });
    expect(emitted.filter((e) => e.type === 'announce')).toHaveLength(1);
  });

  it('every shortest path over its states replays on a live actor', () => {
    // Events that spawn tracks stay out: the graph's pure transitions share one actor
    // system, where a second spawn of the same systemId from the same state collides.
    const events: EventDayEvent[] = [
      { ...req, type: 'admin.motd.add', level: 'info', message: 'hi' },
      { ...req, type: 'admin.voice.require' },
      { ...req, type: 'admin.voice.allowEveryone' },
      { ...req, type: 'admin.emptydb' },
      { ...IMPORT, data: { voice: true } } as EventDayEvent,
      { ...IMPORT, data: { voice: false } } as EventDayEvent,
    ];
    const paths = getShortestPaths(eventDayMachine, {
      events,
      input: {},
      serializeState: (s) => `${String(s.value)}|${Math.min(s.context.motd.length, 1)}`,
    });
    expect(new Set(paths.map((p) => p.state.value))).toEqual(new Set(['open', 'voiceRequired']));
    for (const path of paths) {
      const { actor } = started();
      for (const step of path.steps) {
        actor.send(step.event);
        expect(actor.getSnapshot().value).toEqual(step.state.value);
        expect(Math.min(actor.getSnapshot().context.motd.length, 1)).toBe(
          Math.min(step.state.context.motd.length, 1),
        );
      }
    }
  });
});
