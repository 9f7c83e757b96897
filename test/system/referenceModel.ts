import type { Banner, CheckIn, EventImport } from '../../src/machines/model.js';
import { defaultColor } from '../../src/machines/palette.js';
import {
  emptyFields,
  isEmptyValue,
  TRACK_FIELD_NAMES,
  TRACK_FIELDS,
  type TrackFields,
} from '../../src/machines/track/fields.js';
import { byTrackName } from '../../src/machines/trackName.js';

/** A small event for model runs: two days, two rooms, three tracks, bookable slots. */
export const MODEL_EVENT: EventImport = {
  eventid: 'model',
  slots: {
    Monday: [
      { name: 'MonA', desc: '09:00-12:00' },
      { name: 'MonB', desc: '13:00-17:00' },
    ],
    Tuesday: [{ name: 'TueA', desc: '09:00-12:00' }],
  },
  rooms: { Pier: { desc: 'by the sea' }, Dock: {} },
  schedule: {
    Pier: { MonA: 'swift', MonB: '', TueA: 'nova' },
    Dock: { MonA: '', MonB: 'cinder', TueA: '' },
  },
  tracks: ['cinder', 'nova', 'swift'],
};

/** How each sender of the model run writes their nick (notifications go to that). */
const SENDER_NICKS: Record<string, string> = {
  bob: 'Bob',
  'chair[1]': 'Chair[1]',
  'chair{1}': 'Chair{1}',
};

/** A track as the model holds it: the declared fields, and what `#TRACK undo` puts back. */
type ModelTrack = TrackFields & {
  undo: { before: TrackFields; booking?: ModelBooking } | null;
};

/** A slot a track booked or gave back, and who held it before. */
export interface ModelBooking {
  room: string;
  slot: string;
  holder: string;
}

/** The reference: plain objects and the rules of the spec, written as simply as possible. */
export class ReferenceModel {
  tracks: Record<string, ModelTrack> = {};
  schedule: Record<string, Record<string, string>> = structuredClone(MODEL_EVENT.schedule ?? {});
  rooms = structuredClone(MODEL_EVENT.rooms ?? {});
  slots = structuredClone(MODEL_EVENT.slots ?? {});
  motd: Banner[] = [];
  voiceRequired = false;
  checkins: Record<string, CheckIn> = {};
  subscriptions: Record<string, string> = {};
  /** A destructive command asked about and waiting for `confirm` from the same op. */
  pending: { key: string; nick: string } | null = null;
  /** The model as it was before the last admin change: what `~undo` restores. */
  undo: Omit<ReferenceModel, 'undo' | 'pending' | 'warned'> | null = null;
  /** Tracks told today that they have no session today (once a day; not undone). */
  warned = new Set<string>();

  constructor() {
    for (const name of MODEL_EVENT.tracks ?? []) this.add(name);
  }

  add(name: string): void {
    this.tracks[name] ??= { ...emptyFields(), color: defaultColor(name), undo: null };
  }

  /** A change to the track, kept for `#TRACK undo` (one level). Call before changing it. */
  change(name: string, booking?: ModelBooking): void {
    const track = this.tracks[name];
    if (!track) return;
    const { undo: _undo, ...before } = track;
    track.undo = { before: structuredClone(before), ...(booking ? { booking } : {}) };
  }

  /** A new day, or an op's ~undo that brought every track back: nothing to take back. */
  forgetChanges(): void {
    for (const track of Object.values(this.tracks)) track.undo = null;
  }

  /** Monday, during MonA: the rooms holding the track today, the current slot first. */
  roomToday(track: string): string | null {
    for (const slot of ['MonA', 'MonA', 'MonB']) {
      for (const [room, bookings] of Object.entries(this.schedule)) {
        if (bookings[slot] === track) return room;
      }
    }
    return null;
  }

  /** Keeps the model as it is now for `~undo` (a command waiting for a confirm stays). */
  remember(): void {
    const { undo: _u, pending: _p, warned: _w, ...rest } = this;
    this.undo = structuredClone({ ...rest }) as typeof this.undo;
  }

  restore(): void {
    if (!this.undo) return;
    const kept = this.undo;
    Object.assign(this, structuredClone(kept));
    this.undo = null;
    this.forgetChanges();
  }

  /**
   * An op's admin line (not chat): a command of theirs waiting for a confirm is dropped,
   * unless this line is its confirm (`confirmKey`). Returns whether it confirms it.
   */
  adminLine(nick: string, confirmKey: string | null): boolean {
    const mine = this.pending?.nick === nick.toLowerCase();
    const confirms = mine && confirmKey !== null && this.pending?.key === confirmKey;
    if (mine) this.pending = null;
    return confirms;
  }

  /** A destructive command is asked about: it waits for its op's confirm. */
  ask(key: string, nick: string): void {
    this.pending = { key, nick: nick.toLowerCase() };
  }

  /** Who is told privately of a now/next line: each subscriber it matches, but its sender. */
  subscribersTold(line: string, sender: string): string[] {
    return Object.entries(this.subscriptions)
      .filter(
        ([nick, pattern]) => nick !== sender.toLowerCase() && new RegExp(pattern, 'i').test(line),
      )
      .map(([nick]) => SENDER_NICKS[nick] ?? nick);
  }

  /**
   * Whether a now/next line for the track earns the once-a-day note that it has no session
   * today (Monday, an event day while the timetable has it).
   */
  unscheduledNote(track: string): boolean {
    if (this.slots.Monday === undefined || this.roomToday(track) !== null) return false;
    if (this.warned.has(track)) return false;
    this.warned.add(track);
    return true;
  }

  /** ~newday: topics, placements and check-ins go; each track may be told again that it has no session. */
  newday(): void {
    for (const t of Object.values(this.tracks))
      Object.assign(t, { now: null, next: [], location: null, room: null });
    this.checkins = {};
    this.forgetChanges();
    this.warned.clear();
  }

  /**
   * Event data loaded (`~fetchdb`), for the keys the model run's data holds: each replaces
   * what is there; tracks the schedule names come back; imported fields leave nothing for
   * a track's undo.
   */
  importData(data: EventImport): void {
    for (const bookings of Object.values(this.schedule)) {
      for (const track of Object.values(bookings)) if (track !== '') this.add(track);
    }
    if (data.now !== undefined) {
      for (const [name, track] of Object.entries(this.tracks)) track.now = data.now[name] ?? null;
      this.forgetChanges();
    }
    if (data.motd !== undefined) this.motd = structuredClone(data.motd);
  }

  hasTopics(names = Object.keys(this.tracks)): boolean {
    return names.some((n) => this.tracks[n]?.now);
  }

  emptydb(): void {
    this.tracks = {};
    this.schedule = {};
    this.rooms = {};
    this.slots = {};
    this.motd = [];
    this.voiceRequired = false;
    this.checkins = {};
    this.subscriptions = {};
  }

  project() {
    const names = Object.keys(this.tracks).sort(byTrackName);
    const pick = <T>(f: (t: ModelTrack, name: string) => T | null) =>
      Object.fromEntries(
        names.flatMap((n) => {
          const v = f(this.tracks[n] as ModelTrack, n);
          return v === null ? [] : [[n, v]];
        }),
      );
    const schedule = Object.fromEntries(
      Object.entries(this.schedule).map(([room, b]) => [room, { ...this.rooms[room], ...b }]),
    );
    return {
      eventid: 'model',
      voice: this.voiceRequired ? 1 : 0,
      tracks: names,
      slots: this.slots,
      // Each published field's map; where a track is shown: its location, else the room
      // its topic placed it in, else (discussing) where it is scheduled today.
      ...Object.fromEntries(
        TRACK_FIELD_NAMES.flatMap((field) => {
          const { dataKey, published } = TRACK_FIELDS[field];
          if (published === false) return [];
          const value = (t: ModelTrack, name: string) =>
            published === 'where'
              ? (t.location ?? t.room ?? (t.now !== null ? this.roomToday(name) : null))
              : t[field];
          return [
            [
              dataKey,
              pick((t, name) => (isEmptyValue(field, value(t, name)) ? null : value(t, name))),
            ],
          ];
        }),
      ),
      schedule,
      motd: this.motd,
      links: {},
      last_check_in: this.checkins,
    };
  }
}
