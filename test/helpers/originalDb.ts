import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { foldNick } from '../../src/machines/nick.js';
import { byTrackName, trackNameProblem } from '../../src/machines/trackName.js';

export type Json = Record<string, unknown>;
export const read = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Json;
const isTrack = (name: string) => trackNameProblem(name) === null;
const iso = (time: unknown) =>
  typeof time === 'string'
    ? time.replace(' ', 'T').replace(/T(\d\d:\d\d)(Z|[+-]|$)/, 'T$1:00$2')
    : time;
const keepTracks = (record: unknown) =>
  Object.fromEntries(Object.entries((record ?? {}) as Json).filter(([k]) => isTrack(k)));

/**
 * What an original database must become, field by field, by the rules of the take-over:
 * names the original's own import bug made into tracks are skipped; check-ins are keyed
 * by folded nick with ISO times; a cancelled (null) subscription is no subscription; the
 * old single `motd` is a list; realtime gains its seconds.
 */
export function expected(db: Json) {
  const motd = Array.isArray(db.motd)
    ? db.motd
    : db.motd && (db.motd as Json).message
      ? [db.motd]
      : [];
  const slots = Object.fromEntries(
    Object.entries((db.slots ?? {}) as Record<string, Json[]>).map(([day, list]) => [
      day,
      list.map((s) => ({ ...s, ...(s.realtime ? { realtime: iso(s.realtime) } : {}) })),
    ]),
  );
  return {
    eventid: db.eventid ?? '',
    voice: db.voice ?? 0,
    tracks: [...new Set((db.tracks as string[]).filter(isTrack))].sort(byTrackName),
    slots,
    now: keepTracks(db.now),
    next: keepTracks(db.next),
    colors: expect.objectContaining(keepTracks(db.colors)),
    // What the original placed, and more: a topic it had not placed shows the room the
    // timetable gives the track now.
    location: expect.objectContaining(keepTracks(db.location)),
    urls: keepTracks(db.urls),
    etherpads: keepTracks(db.etherpads),
    schedule: db.schedule,
    motd,
    links: db.links ?? {},
    last_check_in: Object.fromEntries(
      Object.entries((db.last_check_in ?? {}) as Record<string, Json>).map(([nick, c]) => [
        foldNick(nick, 'rfc1459'),
        { ...c, in: iso(c.in), out: c.out ? iso(c.out) : null },
      ]),
    ),
    subscriptions: Object.fromEntries(
      Object.entries((db.subscriptions ?? {}) as Json).filter(([, p]) => p !== null),
    ),
  };
}
