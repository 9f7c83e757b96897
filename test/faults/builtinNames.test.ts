import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseEventData } from '../../src/io/eventData/parseEventData.js';
import { calendarFeed } from '../../src/http/feeds/calendar.js';
import type { Who } from '../helpers/harness.js';
import { web } from '../helpers/web.js';

/** Every name a plain object answers without holding it, and the ones that set prototypes. */
const BUILTIN = [
  ...Object.getOwnPropertyNames(Object.prototype),
  'prototype',
  '__proto__',
  'constructor',
];
const builtin = fc.constantFrom(...BUILTIN);
const lowerBuiltin = builtin.map((name) => name.toLowerCase());

/** A line where each user-text field may be a built-in name. */
const line = fc.oneof(
  builtin.map((n) => `+seen ${n}`),
  builtin.map((n) => `seen ${n}`),
  builtin.map((n) => `+in ${n}`),
  builtin.map((n) => `+in #${n}`),
  lowerBuiltin.map((n) => `~add ${n}`),
  lowerBuiltin.map((n) => `~del ${n}`),
  lowerBuiltin.map((n) => `~clean ${n}`),
  fc.tuple(lowerBuiltin, builtin).map(([t, topic]) => `#${t} now ${topic} #${t}`),
  fc.tuple(lowerBuiltin, builtin).map(([t, topic]) => `#${t} next ${topic}`),
  lowerBuiltin.map((t) => `#${t} location ${t}`),
  fc.tuple(lowerBuiltin, builtin, builtin).map(([t, r, s]) => `#${t} book ${r}-${s}`),
  fc.tuple(lowerBuiltin, builtin, builtin).map(([t, r, s]) => `#${t} unbook ${r}-${s}`),
  builtin.map((n) => `+subscribe ${n}`),
  fc.constantFrom('+unsubscribe', '+subscribe', '+out', '~list', '~newday'),
  builtin.map((n) => `#swift now talking about ${n}`),
);
const sender = fc.record({
  nick: fc.oneof(builtin, fc.constantFrom('olivia', 'alice')),
  op: fc.boolean(),
  voice: fc.constant(true),
  isPrivate: fc.boolean(),
});

// Rooms, slots, days and links named after built-ins, so booking and rendering meet them.
const parsed = parseEventData(
  JSON.parse(`{
    "slots": {"__proto__": [{"name": "constructor", "desc": "09:00-10:00"}],
              "Monday": [{"name": "toString", "desc": "10:00-11:00"}, {"name": "MonA1", "desc": "11:00-12:00"}]},
    "schedule": {"__proto__": {"constructor": "", "toString": "swift"},
                 "hasOwnProperty": {"constructor": "valueof", "toString": "", "MonA1": "constructor"}},
    "links": {"__proto__": "https://example.org/", "constructor": "https://example.org/c"},
    "tracks": ["swift", "constructor", "tostring", "valueof"]
  }`),
);
if (!parsed.ok) throw new Error(parsed.problem);
const HOSTILE_EVENT = parsed.data;

describe('names of built-in object properties', () => {
  it('in every field people type, over the whole command set and the page: nothing breaks', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(line, sender), { minLength: 1, maxLength: 40 }),
        async (said) => {
          const w = await web({ data: HOSTILE_EVENT });
          for (const [text, who] of said) {
            const out = await w.send(text, who as Who);
            for (const m of out) expect(m.text).not.toMatch(/hit a bug/);
            if (/^\+?seen /.test(text) && out.length === 1) {
              expect(out[0]?.text).toMatch(/never checked in|checked (in|out)/);
            }
          }
          for (const path of [
            '/',
            '/signage',
            '/etherpads',
            '/links',
            '/ptg.json',
            '/api/state',
            '/ptg.ics',
          ]) {
            const res = await w.app.request(path);
            expect(res.status, path).toBe(200);
          }
          const ptg = JSON.parse(JSON.stringify(w.ptg()));
          const reread = parseEventData(ptg);
          expect(reread.ok).toBe(true);
          expect(() =>
            calendarFeed(w.runtime.state(), 'constructor', new Date(0), 'UTC'),
          ).not.toThrow();
          expect(Object.getPrototypeOf(w.ptg().last_check_in)).toBe(Object.prototype);
        },
      ),
      { numRuns: 150, seed: process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined },
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }, 120_000);

  it('+seen of a built-in name answers plainly, even privately from outside', async () => {
    const w = await web();
    for (const name of BUILTIN) {
      expect(await w.say(`seen ${name}`, { nick: 'x', isPrivate: true })).toEqual([
        `${name} never checked in`,
      ]);
    }
    expect(await w.say('+in the bar', { nick: '__proto__' })).toEqual([
      '__proto__: OK, checked in at the bar',
    ]);
    expect(await w.say('seen __PROTO__', { nick: 'x', isPrivate: true })).toEqual([
      expect.stringMatching(/^__proto__ checked in at the bar/),
    ]);
  });
});
