import { describe, expect, it } from 'vitest';
import { localTimeIn } from '../../src/io/clock/localTime.js';
import { EventRuntime } from '../../src/io/runtime/eventRuntime.js';
import { fixtureData, TIME_ZONE } from '../helpers/harness.js';

describe('the clock and the day', () => {
  it('moves the current slot as time is driven, and starts a new day by itself at the set time', async () => {
    let now = new Date('2026-11-23T10:50:00+01:00');
    const clock = () => localTimeIn(now, TIME_ZONE);
    const runtime = await EventRuntime.open({
      input: { eventid: 'test', newdayAt: '07:30' },
      initialData: fixtureData('event-later.json'),
      initialTime: clock(),
    });
    const announced: string[] = [];
    runtime.onAnnounce((text) => announced.push(text));
    const tick = async (iso: string) => {
      now = new Date(iso);
      runtime.send({ type: 'clock.tick', at: clock() });
      await runtime.durable();
    };

    await tick('2026-11-23T10:50:00+01:00');
    expect(runtime.state().currentSlot).toBe('MonA2');
    await tick('2026-11-23T13:30:00+01:00');
    expect(runtime.state().currentSlot).toBe('MonP1');
    await tick('2026-11-23T12:45:00+01:00');
    expect(runtime.state().currentSlot).toBeNull();

    runtime.send({
      type: 'track.now',
      requestId: 'r',
      nick: 'olivia',
      at: clock(),
      track: 'swift',
      topic: 'late topic',
    });
    runtime.send({
      type: 'user.in',
      requestId: 'r2',
      nick: 'alice',
      at: clock(),
      location: '#swift',
    });
    await tick('2026-11-24T07:29:00+01:00');
    expect(runtime.state().tracks.find((t) => t.name === 'swift')?.now).toBe('late topic');
    expect(announced).toEqual([]);
    await tick('2026-11-24T07:30:00+01:00');
    expect(runtime.state().tracks.find((t) => t.name === 'swift')?.now).toBeNull();
    expect(runtime.state().checkins).toEqual({});
    expect(announced).toEqual([
      'Good morning! A new day (Tuesday) has started: topics, locations and check-ins were cleared',
    ]);
    await tick('2026-11-24T09:00:00+01:00');
    expect(runtime.state().currentSlot).toBe('TueA1');
    expect(announced).toHaveLength(1);
  });
});
