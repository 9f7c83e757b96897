import { describe, expect, it } from 'vitest';
import { takeOverData } from '../../src/io/eventData/startData.js';

const timetable = {
  slots: { Monday: [{ name: 'MonAM', desc: '09:00-12:00' }] },
  schedule: { Pier: { MonAM: 'swift' }, Boathouse: { MonAM: '' } },
  rooms: { Pier: {}, Boathouse: {} },
};

describe("the first start on the original's database", () => {
  it("keeps the config's timetable and the database's live state and bookings", () => {
    const database = {
      slots: { Sunday: [{ name: 'SunAM', desc: '09:00-12:00' }] },
      schedule: { Boathouse: { MonAM: 'zuul' }, Attic: { SunAM: 'docs' }, Pier: { MonAM: 'nova' } },
      now: { swift: 'rings' },
      motd: [{ level: 'info' as const, message: 'hello' }],
    };
    const { data, notes } = takeOverData(timetable, database);
    expect(data.slots).toEqual(timetable.slots);
    expect(data.schedule).toEqual({ Pier: { MonAM: 'swift' }, Boathouse: { MonAM: 'zuul' } });
    expect(data.now).toEqual({ swift: 'rings' });
    expect(data.motd).toEqual(database.motd);
    expect(notes).toEqual([
      'the timetable (slots, schedule, rooms): the config',
      'the live state (topics, locations, banners, check-ins, subscriptions): the database',
      'bookings kept from the database: Boathouse-MonAM (zuul)',
      "set aside (the config's timetable has no free room-slot for them): Attic-SunAM (docs), Pier-MonAM (nova)",
    ]);
  });

  it('without a timetable in the config, the database is the whole start', () => {
    const database = { slots: timetable.slots, now: { swift: 'rings' } };
    expect(takeOverData({ links: {} }, database)).toEqual({
      data: database,
      notes: ['the timetable and the live state: the database'],
    });
  });
});
