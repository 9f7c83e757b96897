import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { fixtureData, OP } from '../helpers/harness.js';
import { web } from '../helpers/web.js';

/** Parses a feed with ical.js (which throws on what RFC 5545 does not allow) into its events. */
function events(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents('vevent').map((v) => {
    const e = new ICAL.Event(v);
    return {
      uid: e.uid,
      summary: e.summary,
      location: e.location,
      start: e.startDate.toJSDate().toISOString(),
      end: e.endDate.toJSDate().toISOString(),
      url: v.getFirstPropertyValue('url') as string | null,
    };
  });
}

const data = fixtureData('event-later.json');
/** Room-slots given to a track in the fixture: each must be an event of the feed. */
const given = Object.values(data.schedule ?? {}).flatMap((b) =>
  Object.values(b).filter((t) => t !== ''),
).length;

describe('calendar feeds that match the schedule', () => {
  it('with the first day known, every scheduled or booked room-slot is an event, timed by its label', async () => {
    const w = await web({ data: { ...data, start_date: '2026-11-23' } });
    await w.say('#swift book Quay 2-TueA1', OP);
    await w.say('#nova url https://meet.example.org/nova-room', OP);
    const all = events(await (await w.app.request('/ptg.ics')).text());
    expect(all).toHaveLength(given + 1);
    expect(new Set(all.map((e) => e.uid)).size).toBe(all.length);
    // MonA2 is 10:45-12:30 in Berlin (UTC+1): from the label, on Monday the 23rd.
    const nova = events(await (await w.app.request('/nova.ics')).text());
    const monA2 = nova.find((e) => e.summary === '#nova (Monday 10:45-12:30)');
    expect(monA2).toMatchObject({
      start: '2026-11-23T09:45:00.000Z',
      end: '2026-11-23T11:30:00.000Z',
      location: 'Harbour Hall',
      url: 'https://meet.example.org/nova-room',
    });
    // Tuesday is the 24th; the booked slot is in the feed.
    const swift = events(await (await w.app.request('/swift.ics')).text());
    expect(swift.some((e) => e.location === 'Quay 2' && e.start.startsWith('2026-11-24'))).toBe(
      true,
    );
  });

  it('a stale realtime (another year) is ignored: the label on the day decides', async () => {
    const stale = structuredClone(data);
    const first = stale.slots?.Monday?.[0];
    if (first) first.realtime = '2020-06-01T09:00:00+01:00';
    const w = await web({ data: { ...stale, start_date: '2026-11-23' } });
    const nova = events(await (await w.app.request('/nova.ics')).text());
    expect(nova.find((e) => e.summary === '#nova (Monday 09:00-10:45)')?.start).toBe(
      '2026-11-23T08:00:00.000Z',
    );
  });

  it('without a first day, the feed holds what it can and says why the rest is missing', async () => {
    const w = await web();
    const text = await (await w.app.request('/ptg.ics')).text();
    expect(events(text).length).toBeLessThan(given);
    expect(text).toMatch(/are not in this calendar: their dates are unknown/);
  });

  it("a realtime from another year is stale, as on the page; each track's feed counts its own undated sessions", async () => {
    // No start_date: weekday-named days cannot be dated, and the one realtime is from 2020.
    const stale = structuredClone(data);
    delete stale.start_date;
    const monday = stale.slots?.Monday?.[0];
    if (!monday) throw new Error('fixture has no Monday slot');
    monday.realtime = '2020-11-23T09:00:00+01:00';
    const w = await web({ data: stale });
    const all = await (await w.app.request('/ptg.ics')).text();
    expect(events(all)).toEqual([]);
    expect(all).toMatch(new RegExp(`${given} sessions are not in this calendar`));
    const swift = await (await w.app.request('/swift.ics')).text();
    const swiftSessions = Object.values(data.schedule ?? {}).flatMap((b) =>
      Object.values(b).filter((t) => t === 'swift'),
    ).length;
    expect(swift).toMatch(new RegExp(`X-WR-CALDESC:${swiftSessions} sessions are not in this`));
  });
});
