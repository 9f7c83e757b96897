import type { Limits } from '../limits.js';
import type { BannerLevel, EventImport, LocalTime } from '../model.js';
import type { Casemapping } from '../nick.js';

/** What every command carries: which request it is, when, and who sent it. */
export interface Request {
  requestId: string;
  at: LocalTime;
  nick: string;
  /** The sender's rights in the channel (absent in journals written before they were sent). */
  from?: { op: boolean; voice: boolean };
}

export type TrackCommand = Request &
  (
    | { type: 'track.now'; track: string; topic: string }
    | { type: 'track.next'; track: string; topic: string }
    | { type: 'track.clean'; track: string }
    | { type: 'track.color'; track: string; color: string }
    | { type: 'track.location'; track: string; location: string }
    | { type: 'track.url'; track: string; url: string | null }
    | { type: 'track.etherpad'; track: string; url: string | null }
    | { type: 'track.book'; track: string; code: string }
    | { type: 'track.unbook'; track: string; code: string }
    | { type: 'track.undo'; track: string }
  );

export type AdminCommand = Request &
  (
    | { type: 'admin.list' }
    | { type: 'admin.add'; tracks: string[] }
    | { type: 'admin.del'; tracks: string[]; confirmed?: boolean }
    | { type: 'admin.clean'; tracks: string[] }
    | { type: 'admin.newday'; confirmed?: boolean }
    | { type: 'admin.emptydb'; confirmed?: boolean }
    | {
        type: 'admin.import';
        data: EventImport;
        source: string;
        skipped?: string;
        confirmed?: boolean;
      }
    | { type: 'admin.undo' }
    | { type: 'admin.motd.list' }
    | { type: 'admin.motd.add'; level: BannerLevel; message: string }
    | { type: 'admin.motd.del'; index: number }
    | { type: 'admin.motd.reorder'; order: number[] }
    | { type: 'admin.motd.clean' }
    | { type: 'admin.voice.require' }
    | { type: 'admin.voice.allowEveryone' }
  );

export type UserCommand = Request &
  (
    | { type: 'user.in'; location: string }
    | { type: 'user.out' }
    | { type: 'user.seen'; who: string }
    | { type: 'user.subscribe'; pattern: string }
    | { type: 'user.subscription' }
    | { type: 'user.unsubscribe' }
  );

export type EventCommand = TrackCommand | AdminCommand | UserCommand;

export type ClockTick = { type: 'clock.tick'; at: LocalTime };

/** What the channel's roster tells: a nick left, or took another nick. */
export type PresenceEvent =
  { type: 'presence.left'; nick: string } | { type: 'presence.renamed'; nick: string; to: string };

/**
 * Settings from the config, given again at every start (a snapshot keeps the old ones),
 * and how the IRC server compares nicks, told when it says so.
 */
export type SettingsEvent =
  | { type: 'settings.limits'; limits: Partial<Limits> }
  | { type: 'settings.casemapping'; casemapping: Casemapping };

/** Raised by a decision: the `voice` region follows it. Never sent from outside. */
export type VoiceSet = { type: 'voice.set'; required: boolean };

/** Raised when the clock or the timetable changed: the `day` region finds its phase again. */
export type DayCheck = { type: 'day.check' };

export type EventDayEvent =
  EventCommand | ClockTick | PresenceEvent | SettingsEvent | VoiceSet | DayCheck;

/** What the event-day actor tells the outside. */
export type EventEmitted =
  /** The answer to one command, to its sender. */
  | { type: 'reply'; requestId: string; text: string }
  /** A private message to a subscriber, caused by a command. */
  | { type: 'notify'; requestId: string; nick: string; text: string }
  /** A message for the whole channel, not caused by a command. */
  | { type: 'announce'; text: string }
  /** The state the outside sees has changed. */
  | { type: 'changed' }
  /** Something the organisers should read in the log. */
  | { type: 'log'; text: string };
