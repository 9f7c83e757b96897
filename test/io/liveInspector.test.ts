import { describe, expect, it } from 'vitest';
import type { InspectionEvent } from 'xstate';
import { LiveInspector } from '../../src/io/observe/liveInspector.js';
import { shown } from '../../src/io/observe/shown.js';

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

describe('what the inspectors show of a context', () => {
  it('a Map as its entries, nested ones too, and a key like __proto__ as data', () => {
    const context = {
      checkins: new Map([['__proto__', { nick: 'x', at: new Map([['in', '10:00']]) }]]),
      tags: new Set(['moved']),
      tracks: ['swift'],
    };
    const seen = shown(context) as Record<string, Record<string, unknown>>;
    expect(JSON.parse(JSON.stringify(seen))).toEqual({
      checkins: JSON.parse('{"__proto__": {"nick": "x", "at": {"in": "10:00"}}}'),
      tags: ['moved'],
      tracks: ['swift'],
    });
    expect(Object.getPrototypeOf(seen.checkins)).toBe(Object.prototype);
  });

  it('the built-in inspector keeps an actor’s context so', () => {
    const inspector = new LiveInspector();
    inspector.inspect({
      type: '@xstate.snapshot',
      actorRef: { id: 'x:0', systemId: 'eventDay' },
      snapshot: { value: {}, context: { links: new Map([['pad', 'https://pad.example.org/']]) } },
      event: { type: 'x' },
    } as unknown as InspectionEvent);
    expect(inspector.actors.get('eventDay')?.context).toEqual({
      links: { pad: 'https://pad.example.org/' },
    });
  });
});
