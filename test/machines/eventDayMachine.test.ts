import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { getShortestPaths } from 'xstate/graph';
import { toEventData } from '../../src/machines/eventData.js';
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
  data: toEventData({
    slots: {
      Monday: [
        { name: 'MonA', desc: '09:00-12:00' },
        { name: 'MonB', desc: '13:00-17:00' },
      ],
    },
    schedule: { Pier: { MonA: 'swift', MonB: '' } },
    rooms: { Pier: { desc: 'by the sea' } },
    tracks: ['nova'],
  }),
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

  const voice = (a: { getSnapshot: () => { value: unknown } }) =>
    (a.getSnapshot().value as { voice: string }).voice;
  const day = (a: { getSnapshot: () => { value: unknown } }) =>
    (a.getSnapshot().value as { day: string }).day;
  const tick = (time: string, date = '2026-11-23', weekday = 'Monday') => ({
    type: 'clock.tick' as const,
    at: { iso: `${date}T${time}:00+01:00`, date, weekday, time },
  });

  it('holds the voice policy in its voice region; there, track commands need voice or op', () => {
    const { actor, emitted } = started();
    actor.send(IMPORT);
    actor.send({ ...req, type: 'admin.voice.require' });
    expect(voice(actor)).toBe('voiceRequired');
    expect(actor.getSnapshot().hasTag('voice required')).toBe(true);
    emitted.length = 0;
    const from = { op: false, voice: false };
    actor.send({ ...req, requestId: 'q', from, type: 'track.now', track: 'swift', topic: 'x' });
    expect(emitted).toEqual([
      { type: 'reply', requestId: 'q', text: 'Need voice to issue commands' },
      { type: 'refused', requestId: 'q' },
    ]);
    actor.send({
      ...req,
      from: { op: false, voice: true },
      type: 'track.now',
      track: 'swift',
      topic: 'y',
    });
    expect(readEventState(actor.getSnapshot()).tracks.find((t) => t.name === 'swift')?.now).toBe(
      'y',
    );
    actor.send({ ...req, type: 'admin.emptydb', confirmed: false });
    expect(voice(actor)).toBe('voiceRequired'); // only asked for confirmation
    actor.send({ ...req, type: 'admin.emptydb', confirmed: true });
    expect(voice(actor)).toBe('open');
    actor.send({ ...IMPORT, data: { voice: true } } as EventDayEvent);
    expect(voice(actor)).toBe('voiceRequired');
    actor.send({ ...req, type: 'admin.undo' });
    expect(voice(actor)).toBe('open');
  });

  it('its day region follows the clock through the timetable', () => {
    const { actor } = started();
    actor.send(IMPORT);
    const seen: string[] = [];
    for (const [time, date, weekday] of [
      ['08:00', '2026-11-23', 'Monday'],
      ['10:00', '2026-11-23', 'Monday'],
      ['12:30', '2026-11-23', 'Monday'],
      ['14:00', '2026-11-23', 'Monday'],
      ['18:00', '2026-11-23', 'Monday'],
      ['10:00', '2026-11-24', 'Tuesday'],
    ] as const) {
      actor.send(tick(time, date, weekday));
      seen.push(day(actor));
    }
    expect(seen).toEqual([
      'beforeSessions',
      'inSlot',
      'betweenSlots',
      'inSlot',
      'afterSessions',
      'noEvent',
    ]);
  });

  it('tells a track it has no session only on an event day', () => {
    const { actor, emitted } = started();
    actor.send(IMPORT);
    actor.send(tick('10:00', '2026-11-24', 'Tuesday'));
    emitted.length = 0;
    actor.send({ ...req, type: 'track.now', track: 'nova', topic: 'x' });
    expect(emitted.filter((e) => e.type === 'reply')).toEqual([]);
    actor.send(tick('10:00'));
    actor.send({ ...req, requestId: 'n', type: 'track.now', track: 'nova', topic: 'y' });
    expect(emitted.filter((e) => e.type === 'reply')).toEqual([
      {
        type: 'reply',
        requestId: 'n',
        text: 'Note: #nova has no session scheduled today (Monday); the topic was set anyway',
      },
    ]);
  });

  it('newday resets tracks by event, without respawning them', () => {
    const { actor } = started();
    actor.send(IMPORT);
    const before = actor.getSnapshot().children['track:swift'];
    actor.send({ ...req, type: 'track.now', track: 'swift', topic: 'x' });
    actor.send({ ...req, type: 'admin.newday' });
    expect(actor.getSnapshot().children['track:swift']).toBe(before);
    expect(before?.getSnapshot().context.now).toBeNull();
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

  it('every state on every shortest path keeps its rules', () => {
    // Events that spawn tracks stay out: the graph's pure transitions share one actor
    // system, where a second spawn of the same systemId from the same state collides.
    const events: EventDayEvent[] = [
      { ...req, type: 'admin.motd.add', level: 'info', message: 'hi' },
      { ...req, type: 'admin.voice.require' },
      { ...req, type: 'admin.voice.allowEveryone' },
      { ...req, type: 'admin.emptydb', confirmed: true },
      { ...req, type: 'admin.undo' },
      {
        ...IMPORT,
        data: {
          voice: true,
          slots: IMPORT.type === 'admin.import' ? IMPORT.data.slots : new Map(),
        },
      } as EventDayEvent,
      { ...IMPORT, data: { voice: false } } as EventDayEvent,
      tick('08:00'),
      tick('10:00'),
      tick('12:30'),
      tick('18:00'),
      tick('10:00', '2026-11-24', 'Tuesday'),
    ];
    const paths = getShortestPaths(eventDayMachine, {
      events,
      input: {},
      serializeState: (s) =>
        `${JSON.stringify(s.value)}|${Math.min(s.context.motd.length, 1)}|${Object.keys(s.context.slots).length}|${s.context.clock?.iso}`,
    });
    const values = new Set(paths.map((p) => JSON.stringify(p.state.value)));
    for (const phase of ['noEvent', 'beforeSessions', 'inSlot', 'betweenSlots', 'afterSessions']) {
      expect(
        [...values].some((v) => v.includes(phase)),
        phase,
      ).toBe(true);
    }
    for (const path of paths) {
      for (const step of path.steps) {
        const s = step.state;
        const v = s.value as { voice: string; day: string };
        // The tags that decisions read agree with the regions.
        expect(s.hasTag('voice required')).toBe(v.voice === 'voiceRequired');
        expect(s.hasTag('event day')).toBe(v.day !== 'noEvent');
        expect(s.hasTag('in a slot')).toBe(v.day === 'inSlot');
        // The day region agrees with the timetable and the clock.
        if (s.context.clock) {
          const inSlot = s.context.currentSlot !== null;
          expect(v.day === 'inSlot').toBe(inSlot);
        }
        // After a confirmed emptydb, nothing is left but banners added after it.
        if (step.event.type === 'admin.emptydb') expect(s.context.tracks).toEqual([]);
      }
    }
  });
});

describe("the event day's context", () => {
  it('keeps fewer than 20 keys, whatever happens: V8 copies larger objects as slow dictionaries', () => {
    const { actor } = started();
    actor.send(IMPORT);
    actor.send({ ...req, type: 'track.now', track: 'swift', topic: 'rings' });
    actor.send({ ...req, type: 'user.in', location: '#swift' });
    actor.send({ ...req, type: 'admin.del', tracks: ['swift'] });
    actor.send({ ...req, type: 'admin.motd.add', level: 'info', message: 'hello' });
    actor.send({ ...req, type: 'admin.undo' });
    actor.send({ type: 'clock.tick', at });
    expect(Object.keys(actor.getSnapshot().context).length).toBeLessThanOrEqual(16);
  });
});
