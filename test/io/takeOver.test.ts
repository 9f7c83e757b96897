import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseEventData } from '../../src/io/eventData/parseEventData.js';
import { fixturePath, harness } from '../helpers/harness.js';
import { expected, type Json, read } from '../helpers/originalDb.js';

async function takeOver(db: Json) {
  const parsed = parseEventData(db);
  expect(parsed.ok, parsed.ok ? '' : parsed.problem).toBe(true);
  if (!parsed.ok) throw new Error('unreadable');
  const h = await harness({ data: parsed.data });
  const { timestamp: _t, ...ptg } = h.ptg();
  return { ptg, skipped: parsed.skipped };
}

const OWN = ['original-db.json', 'original-db-old-motd.json', 'original-base-realtime.json'];

describe('take-over of what the original bot wrote', () => {
  it.each(OWN)('%s: every field arrives, nothing is lost', async (name) => {
    const db = read(fixturePath(name));
    const { ptg } = await takeOver(db);
    expect(ptg).toEqual(expected(db));
  });

  it('names the original made into tracks from room descriptions are skipped and reported', async () => {
    const { skipped } = await takeOver(read(fixturePath('original-db.json')));
    expect(skipped.map((s) => s.path)).toEqual([
      'tracks[0]',
      'tracks[1]',
      'colors.6 person table',
      'colors.Seats a team of 6',
    ]);
  });

  it('nicks fold the IRC way: Bob[m] is bob{m}, and +seen finds him either way', async () => {
    const parsed = parseEventData(read(fixturePath('original-db.json')));
    if (!parsed.ok) throw new Error(parsed.problem);
    const h = await harness({ data: parsed.data });
    expect(await h.say('+seen bob{M}', { nick: 'x' })).toEqual([
      'x: Bob[m] checked out of #nova at 10:02 today',
    ]);
  });
});

const SHARED = new URL('../../../shared/fixtures/upstream-written/', import.meta.url).pathname;
const sharedPresent = existsSync(SHARED);
const sharedFiles = sharedPresent
  ? [
      'db-after-a-morning.json',
      'db-cancelled-subscription.json',
      'db-old-motd.json',
      'base-after-add_realtime.json',
    ]
  : [];

describe.skipIf(!sharedPresent)(
  `files the original bot itself wrote${sharedPresent ? '' : ' (SKIPPED: no shared fixtures beside the checkout)'}`,
  () => {
    it.each(sharedFiles)('%s: every field arrives, nothing is lost', async (name) => {
      const db = read(`${SHARED}${name}`);
      const { ptg } = await takeOver(db);
      expect(ptg).toEqual(expected(db));
    });
  },
);
