import fc from 'fast-check';
import superjson from 'superjson';
import { describe, expect, it } from 'vitest';
import { decode, encode } from '../../src/io/persistence/codec.js';

/** What people type: any code unit (NUL, CR, LF), Object.prototype's names, 10 KB lines. */
const text = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.constantFrom(...Object.getOwnPropertyNames(Object.prototype), 'prototype', 'a\r\nb\u0000'),
  { arbitrary: fc.string({ unit: 'binary', minLength: 10_240, maxLength: 10_240 }), weight: 1 },
);
// superjson refuses to write these as a plain object's own keys (the machines keep such
// keys in Maps).
const refused = new Set(['__proto__', 'constructor', 'prototype']);
const key = text.filter((k) => !refused.has(k));
const plain = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    text,
    fc.boolean(),
    fc.constant(null),
    fc.integer(),
    fc.array(tie('value')),
    fc.dictionary(key, tie('value')),
  ),
})).value;

describe('the snapshot and journal codec', () => {
  it('writes plain JSON exactly as superjson would', () => {
    fc.assert(
      fc.property(plain, (value) => {
        expect(encode(value)).toBe(superjson.stringify(value));
      }),
    );
  });

  it('gives back Maps, and keys people type, as they were', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(text, plain)), plain, (entries, rest) => {
        const value = { people: new Map(entries), rest };
        expect(decode(encode(value))).toEqual(value);
      }),
    );
    const typed = new Map([['__proto__', { nick: 'constructor' }]]);
    expect(decode(encode({ typed }))).toEqual({ typed });
  });

  it('keeps a __proto__ key in plain JSON as data', () => {
    const line = JSON.parse('{"seq":1,"event":{"__proto__":{"polluted":true}}}');
    const back = decode(encode(line)) as { event: object };
    expect(Object.keys(back.event)).toEqual(['__proto__']);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });
});
