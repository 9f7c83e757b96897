import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseEventData } from '../../src/io/eventData/parseEventData.js';
import { fixtureData, harness } from '../helpers/harness.js';

const read = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

describe('event data in both shapes', () => {
  it('loads the later base file: rooms with metadata, "" as bookable', async () => {
    const h = await harness({ data: fixtureData('event-later.json') });
    const ptg = h.ptg();
    expect(ptg.eventid).toBe('HBR-ptg');
    expect(ptg.tracks).toEqual([
      'cinder',
      'docs-i18n',
      'edge',
      'first-contact',
      'keystone',
      'nova',
      'swift',
      'tripleo',
      'upgrades',
    ]);
    expect(ptg.schedule['Harbour Hall']).toMatchObject({
      desc: 'Seats 80',
      cap_icon: 'facetime-video',
      url: 'https://meet.example.org/harbour',
      MonA1: 'nova',
    });
    expect(ptg.schedule['Quay 2']?.TueP2).toBe('');
    expect(Object.keys(ptg.slots)).toEqual(['Monday', 'Tuesday', 'Wednesday']);
    expect(Object.keys(ptg.colors)).toHaveLength(9);
  });

  it('loads the original config shape: scheduled and extrarooms', async () => {
    const h = await harness({ data: fixtureData('config-original.json') });
    const ptg = h.ptg();
    expect(ptg.tracks).toEqual(['cinder', 'swift']);
    expect(ptg.schedule).toEqual({
      Pier: { MonAM: 'swift', MonPM: 'swift', TueAM: 'swift', TuePM: 'swift' },
      Dock: { MonAM: 'cinder', MonPM: 'cinder', TueAM: 'cinder', TuePM: 'cinder' },
      Boathouse: { MonAM: '', MonPM: '', TueAM: '', TuePM: '' },
    });
    expect(await h.say('#swift book Boathouse-TueAM')).toEqual([
      'olivia: Booked Boathouse (Tuesday 09:00-12:00) for swift',
    ]);
  });

  it('round-trips: ptg.json loads back into the same page-facing state', async () => {
    const h = await harness({ data: fixtureData('event-later.json') });
    await h.say('#nova now cells');
    await h.say('#nova next quotas');
    await h.say('#swift location Roof');
    await h.say('#swift color #abcdef');
    await h.say('~motd add warning Fire drill');
    const exported = h.ptg();
    const parsed = parseEventData(JSON.parse(JSON.stringify(exported)));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.ignoredKeys).toEqual([]);
    expect(parsed.skipped).toEqual([]);
    const again = await harness({ data: parsed.data });
    expect(again.ptg()).toEqual(exported);
  });

  it.each([
    [{ slots: { Monday: [{ name: 'A' }, { name: 'B', desc: 'x' }] } }, 'slots.Monday[0]', 'slots'],
    [{ tracks: ['ok', 'not ok'] }, 'tracks[1]', 'tracks'],
    [{ tracks: ['swift'], colors: { swift: 'url(x)', nova: 'red' } }, 'colors.swift', 'colors'],
    [{ urls: { swift: 'javascript:alert(1)', nova: 'https://x.org' } }, 'urls.swift', 'urls'],
    [
      { schedule: { Pier: { MonA: 'bad name!', MonB: 'swift' } } },
      'schedule.Pier.MonA',
      'schedule',
    ],
    [
      {
        motd: [
          { level: 'loud', message: 'x' },
          { level: 'info', message: 'y' },
        ],
      },
      'motd[0]',
      'motd',
    ],
    [{ subscriptions: { bob: '(a', carol: 'swift' } }, 'subscriptions.bob', 'subscriptions'],
    [
      {
        slots: { Monday: [{ name: 'A', desc: 'x' }] },
        schedule: { Pier: { A: 'nova', B: 'swift' } },
      },
      'schedule.Pier.B',
      'schedule',
    ],
    [
      { slots: { Mon: [{ name: 'A', desc: 'x' }], Tue: [{ name: 'A', desc: 'y' }] } },
      'slots.Tue[0]',
      'slots',
    ],
    [{ scheduled: { Pier: 'swift', Dock: { A: 'nova' } } }, 'scheduled.Pier', 'schedule'],
  ])(
    'a value that cannot be used is skipped by key path; the rest loads: %j',
    (json, path, kept) => {
      const parsed = parseEventData(json);
      expect(parsed.ok).toBe(true);
      if (!parsed.ok) return;
      expect(parsed.skipped.map((s) => s.path)).toEqual([path]);
      expect(Object.keys(parsed.data)).toContain(kept);
    },
  );

  it.each([
    [[1, 2], '(top level): expected a JSON object'],
    [{ colors: { swift: 'url(x)' } }, 'no event data in it; colors.swift: must be a CSS colour'],
    [{ unrelated: 1 }, 'no event data in it'],
  ])('only data with nothing usable is refused: %j', (json, message) => {
    const parsed = parseEventData(json);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problem).toContain(message);
  });

  it('names that are properties of every object are data like any other', async () => {
    const json = JSON.parse(
      '{"tracks":["constructor","tostring"],"now":{"constructor":"x"},' +
        '"schedule":{"__proto__":{"A":"constructor"},"hasOwnProperty":{"A":""}},' +
        '"slots":{"__proto__":[{"name":"A","desc":"09:00-10:00"}]},' +
        '"links":{"__proto__":"https://a.org"},' +
        '"last_check_in":{"__proto__":{"location":"x","in":"2026-11-24 10:05:00"}},' +
        '"subscriptions":{"__proto__":"swift","constructor":"nova"}}',
    );
    const parsed = parseEventData(json);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.skipped).toEqual([]);
    expect(Object.keys(parsed.data.schedule ?? {})).toEqual(['__proto__', 'hasOwnProperty']);
    expect(Object.getPrototypeOf(parsed.data.schedule)).toBe(Object.prototype);
    const h = await harness({ data: parsed.data });
    const ptg = h.ptg();
    expect(ptg.now).toEqual({ constructor: 'x' });
    expect(Object.keys(ptg.schedule)).toEqual(['__proto__', 'hasOwnProperty']);
    expect(Object.keys(ptg.last_check_in)).toEqual(['__proto__']);
    expect(ptg.subscriptions).toEqual(JSON.parse('{"__proto__":"swift","constructor":"nova"}'));
  });
});

const SHARED = new URL('../../../shared/fixtures/', import.meta.url).pathname;
const sharedPresent = existsSync(`${SHARED}upstream-base.json`);

describe.skipIf(!sharedPresent)(
  `compatibility with real event data${sharedPresent ? '' : ' (SKIPPED: no shared fixtures beside the checkout)'}`,
  () => {
    it('loads a real event base file', async () => {
      const parsed = parseEventData(read(`${SHARED}upstream-base.json`));
      expect(parsed.ok, parsed.ok ? '' : parsed.problem).toBe(true);
      if (!parsed.ok) return;
      const h = await harness({ data: parsed.data });
      const ptg = h.ptg();
      expect(ptg.tracks.length).toBeGreaterThanOrEqual(40);
      expect(Object.keys(ptg.schedule).length).toBeGreaterThan(20);
      const bookable = Object.values(ptg.schedule)
        .flatMap((r) => Object.entries(r))
        .filter(([, v]) => v === '');
      expect(bookable.length).toBeGreaterThan(0);
    });

    it('loads the original bot config sample', () => {
      const parsed = parseEventData(read(`${SHARED}seed-config.sample.json`));
      expect(parsed.ok, parsed.ok ? '' : parsed.problem).toBe(true);
    });
  },
);
