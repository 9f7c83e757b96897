import { describe, expect, it } from 'vitest';
import type { InspectionEvent } from 'xstate';
import { LiveInspector } from '../../src/io/observe/liveInspector.js';

const received = (type: string, actor = 'eventDay') =>
  ({
    type: '@xstate.event',
    actorRef: { id: 'x:0', systemId: actor },
    event: { type },
  }) as unknown as InspectionEvent;

describe('the built-in inspector', () => {
  it('folds the clock into one line, so commands stay visible for three minutes', () => {
    let now = Date.parse('2026-11-23T09:00:00Z');
    const inspector = new LiveInspector(() => new Date(now));
    inspector.inspect(received('track.now'));
    // A tick every 15 s for three minutes, each followed by the check it raises.
    for (let i = 0; i < 12; i++) {
      now += 15_000;
      inspector.inspect(received('clock.tick'));
      inspector.inspect(received('day.check'));
    }
    expect(inspector.events.map((e) => [e.type, e.count])).toEqual([
      ['day.check', 24],
      ['track.now', 1],
    ]);
    // A busy minute: more than 50 commands; the older ones stay while they are young.
    for (let i = 0; i < 80; i++) inspector.inspect(received('track.next', 'track:swift'));
    expect(inspector.events).toHaveLength(82);
    expect(inspector.events.at(-1)?.type).toBe('track.now');
    // Older than three minutes, past the newest 50: let go.
    now += 3 * 60_000 + 1000;
    inspector.inspect(received('user.in'));
    expect(inspector.events).toHaveLength(50);
  });
});
