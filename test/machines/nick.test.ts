import { describe, expect, it } from 'vitest';
import { foldNick, keyByNick, readCasemapping, sameNick } from '../../src/machines/nick.js';

describe('nick identity', () => {
  it('folds by the casemapping the server announced', () => {
    expect(foldNick('Chair[1]~\\', 'rfc1459')).toBe('chair{1}^|');
    expect(foldNick('Chair[1]~\\', 'strict-rfc1459')).toBe('chair{1}~|');
    expect(foldNick('Chair[1]~\\', 'ascii')).toBe('chair[1]~\\');
    // No IRC casemapping folds letters outside ASCII.
    expect(foldNick('ÄRGER', 'rfc1459')).toBe('Ärger');
    expect(sameNick('Ärger', 'ärger', 'ascii')).toBe(false);
    expect(sameNick('Chair[1]', 'chair{1}', 'rfc1459')).toBe(true);
    expect(sameNick('Chair[1]', 'chair{1}', 'ascii')).toBe(false);
    expect(sameNick('a~', 'A^', 'strict-rfc1459')).toBe(false);
  });

  it('reads the ISUPPORT token; an unknown one folds ASCII only', () => {
    expect(readCasemapping('ascii')).toEqual({ casemapping: 'ascii', known: true });
    expect(readCasemapping('RFC1459')).toEqual({ casemapping: 'rfc1459', known: true });
    expect(readCasemapping(undefined)).toEqual({ casemapping: 'rfc1459', known: true });
    expect(readCasemapping('rfc7613')).toEqual({ casemapping: 'ascii', known: false });
  });

  it('re-keys records by their nicks; two people who collide are kept apart, never merged', () => {
    const made = new Map(
      Object.entries({
        'chair[1]': { nick: 'Chair[1]', at: 1 },
        'chair{1}': { nick: 'Chair{1}', at: 2 },
        bob: { nick: 'Bob', at: 3 },
      }),
    );
    const rfc = keyByNick(made, 'rfc1459');
    expect(rfc.changed).toBe(true);
    expect(rfc.keptApart).toEqual(['Chair[1]']);
    expect(Object.fromEntries(rfc.records)).toEqual({
      'chair{1}': { nick: 'Chair{1}', at: 2 },
      'Chair[1] (kept apart)': { nick: 'Chair[1]', at: 1 },
      bob: { nick: 'Bob', at: 3 },
    });
    // Back on an ascii network, the one kept apart takes its own key again.
    const back = keyByNick(rfc.records, 'ascii');
    expect(back.keptApart).toEqual([]);
    expect(back.records).toEqual(made);
    // Keys from Python's lower() (the original bot) follow the server's folding.
    expect(keyByNick(new Map([['tom[m]', { nick: 'Tom[m]' }]]), 'rfc1459').records).toEqual(
      new Map([['tom{m}', { nick: 'Tom[m]' }]]),
    );
    const same = new Map([['bob', { nick: 'Bob' }]]);
    expect(keyByNick(same, 'rfc1459').records).toBe(same);
  });

  it('never lets a nick reach Object.prototype', () => {
    const keyed = keyByNick(
      new Map([
        ['x', { nick: '__proto__' }],
        ['y', { nick: 'constructor' }],
      ]),
      'ascii',
    );
    expect([...keyed.records.keys()].sort()).toEqual(['__proto__', 'constructor']);
  });
});
