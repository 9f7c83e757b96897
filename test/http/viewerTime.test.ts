import { describe, expect, it } from 'vitest';
import { viewerSlotTime } from '../../src/http/render/viewerTime.js';

const BERLIN = 'Europe/Berlin';
const slot = { name: 'MonA1', desc: '09:00-10:45' };

describe("slot times on the viewer's clock", () => {
  it('reads the label on the day dated by start_date, in the event zone', () => {
    const zones = { event: BERLIN, viewer: 'America/New_York' };
    expect(viewerSlotTime(slot, 'Monday', '2026-11-23', zones)).toBe('03:00-04:45');
    expect(viewerSlotTime(slot, 'Monday', '2026-11-23', { ...zones, viewer: 'Asia/Tokyo' })).toBe(
      '17:00-18:45',
    );
  });

  it('names the weekday when it is another day for the viewer', () => {
    const zones = { event: BERLIN, viewer: 'Pacific/Honolulu' };
    expect(viewerSlotTime(slot, 'Monday', '2026-11-23', zones)).toBe('Sun 22:00-23:45');
    const late = { name: 'MonP2', desc: '23:00-23:59' };
    expect(viewerSlotTime(late, 'Monday', '2026-11-23', { ...zones, viewer: 'Asia/Tokyo' })).toBe(
      'Tue 07:00-07:59',
    );
  });

  it('uses a realtime that fits its day, with its duration', () => {
    const timed = { ...slot, realtime: '2026-11-23T09:00:00+01:00', duration: 90 };
    const zones = { event: BERLIN, viewer: 'UTC' };
    expect(viewerSlotTime(timed, 'Monday', null, zones)).toBe('08:00-09:30');
  });

  it('says nothing when the clocks agree or the date cannot be known', () => {
    expect(viewerSlotTime(slot, 'Monday', '2026-11-23', { event: BERLIN, viewer: BERLIN })).toBe(
      null,
    );
    expect(
      viewerSlotTime(slot, 'Monday', '2026-11-23', { event: BERLIN, viewer: 'Europe/Paris' }),
    ).toBe(null);
    expect(viewerSlotTime(slot, 'Monday', null, { event: BERLIN, viewer: 'UTC' })).toBe(null);
    expect(
      viewerSlotTime({ name: 'x', desc: 'Morning' }, '2026-11-23', null, {
        event: BERLIN,
        viewer: 'UTC',
      }),
    ).toBe(null);
  });
});
