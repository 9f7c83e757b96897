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
    expect(parsed.ignoredKeys).toEqual(['timestamp']);
    const again = await harness({ data: parsed.data });
    expect(again.ptg()).toEqual(exported);
  });

  it.each([
    [
      { slots: { Monday: [{ name: 'A' }] } },
      'slots.Monday.0.desc: Invalid input: expected string, received undefined',
    ],
    [{ tracks: ['ok', 'not ok'] }, "tracks.1: Invalid track name 'not ok'"],
    [{ colors: { swift: 'url(x)' } }, 'colors.swift: must be a CSS colour'],
    [{ urls: { swift: 'javascript:alert(1)' } }, 'urls.swift: must be an http(s) URL'],
    [
      { schedule: { Pier: { MonA: 'bad name!' } } },
      "schedule.Pier.MonA: Invalid track name 'bad name!'",
    ],
    [{ motd: [{ level: 'loud', message: 'x' }] }, 'motd.0.level'],
    [{ subscriptions: { bob: '(a' } }, "subscriptions.bob: Invalid pattern '(a'"],
    [
      { slots: { Monday: [{ name: 'A', desc: 'x' }] }, schedule: { Pier: { B: 'swift' } } },
      'schedule.Pier.B: no slot of that name in slots',
    ],
    [[1, 2], '(top level): expected a JSON object'],
    [{ scheduled: { Pier: 'swift' } }, 'scheduled.Pier'],
  ])('a file of the wrong shape is refused, naming the key: %j', (json, message) => {
    const parsed = parseEventData(json);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problem).toContain(message);
  });

  it('a bad import changes nothing', async () => {
    const h = await harness({ data: fixtureData('event-later.json') });
    const before = h.ptg();
    const parsed = parseEventData({ tracks: ['fine'], colors: { fine: 'nope' } });
    expect(parsed.ok).toBe(false);
    expect(h.ptg()).toEqual(before);
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
