import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseEventData } from '../../src/io/eventData/parseEventData.js';
import { VOCABULARY } from '../../src/io/command/vocabulary.js';
import { fixtureData, harness, type Who } from '../helpers/harness.js';
import { hugeDatabase } from '../helpers/hugeImports.js';

/** Every command word and alias the bot knows, from the one vocabulary, and a few near misses. */
const WORDS = [
  ...new Set(VOCABULARY.flatMap((c) => c.words)),
  'reorder',
  'list',
  'confirm',
  'nwo',
  'lsit',
];
const PREFIXES = [
  '#',
  '~',
  '+',
  '',
  '#swift ',
  '#NOVA ',
  '~motd ',
  '~motd add ',
  '#in ',
  '+subscribe ',
  '#ghost ',
];
const ODD = [
  '\u0002bold\u0002',
  '\u000304,05red',
  '\u001f',
  '\u202eevil',
  '\ud800',
  '\u0000',
  'ｆｕｌｌ',
  '🏳️‍🌈',
  '\r\nPRIVMSG #x :injected',
  '%s%n',
  '${x}',
  '../../etc/passwd',
  '(a+)+$',
  '<script>',
  'Quay 2-TueA1',
  '-1',
  '0',
  '99999',
  'info',
  'danger',
  '#swift',
  'none',
  'auto',
  'https://example.org/x',
  'javascript:x',
];

const junk = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.constantFrom(...ODD),
);
const line = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(
        fc.constantFrom(...PREFIXES),
        fc.constantFrom(...WORDS),
        fc.array(junk, { maxLength: 4 }),
      )
      .map(([p, w, rest]) => `${p}${w} ${rest.join(' ')}`),
  },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  {
    weight: 1,
    arbitrary: fc.string({ unit: 'binary-ascii', minLength: 10_000, maxLength: 10_240 }),
  },
);
const sender = fc.record({
  nick: fc.constantFrom(
    'olivia',
    'victor',
    'alice',
    'Bob',
    'mallory[1]',
    'Mallory{1}',
    'mallory|x~',
    'MALLORY\\X^',
    '__proto__',
    'constructor',
    '\u00e9l\u00e8ve',
    '\u00c9L\u00c8VE',
  ),
  op: fc.boolean(),
  voice: fc.boolean(),
  isPrivate: fc.boolean(),
  account: fc.option(fc.constant('acct'), { nil: null }),
});

const casemapping = fc.option(
  fc.constantFrom(...(['ascii', 'rfc1459', 'strict-rfc1459'] as const)),
  {
    freq: 25,
    nil: null,
  },
);

/** What `~fetchdb` loads in a run: up to four times past each limit. */
const hugeImport = fc.record({
  tracks: fc.integer({ min: 0, max: 2_000 }),
  checkins: fc.integer({ min: 0, max: 20_000 }),
  subscriptions: fc.integer({ min: 0, max: 3_000 }),
  banners: fc.integer({ min: 0, max: 80 }),
});

const LINES_PER_RUN = 500;
const RUNS = 200; // 100,000 lines in all

describe('hostile input', () => {
  it(`${(LINES_PER_RUN * RUNS).toLocaleString('en-US')} random and adversarial lines: no crash, state always valid, every answer a clear line`, async () => {
    let lines = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(line, sender, casemapping), {
          minLength: LINES_PER_RUN,
          maxLength: LINES_PER_RUN,
        }),
        hugeImport,
        async (said, huge) => {
          const h = await harness({
            data: fixtureData('event-later.json'),
            // ~fetchdb of anything loads data far past every limit.
            fetchEventData: async () => parseEventData(hugeDatabase(huge)),
          });
          for (const [text, who, serverSays] of said) {
            // Now and then the server (a reconnect, another network) says how it folds nicks.
            if (serverSays) await h.handler.casemapping(serverSays);
            const out = await h.send(text, who as Who);
            lines++;
            for (const message of out) {
              expect(message.text.length).toBeGreaterThan(0);
              expect(message.text).not.toMatch(/[\r\n\0]/);
            }
          }
          const { timestamp: _t, ...ptg } = h.ptg();
          const reread = parseEventData(JSON.parse(JSON.stringify(ptg)));
          expect(reread.ok, reread.ok ? '' : reread.problem).toBe(true);
        },
      ),
      { numRuns: RUNS, seed: process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined },
    );
    expect(lines).toBe(LINES_PER_RUN * RUNS);
  }, 600_000);
});
