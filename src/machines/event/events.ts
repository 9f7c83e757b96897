import type { Limits } from '../limits.js';
import type { EventData } from '../eventData.js';
import type { BannerLevel, LocalTime, TrackFields } from '../model.js';
import type { Casemapping } from '../nick.js';

/**
 * Facts about a command's sender, as io knows them: the statechart's guards decide from
 * them who may do what. A fact that is absent (journals written before it was told) counts
 * as allowing: those commands were accepted when they were said.
 */
export interface Sender {
  op: boolean;
  voice: boolean;
  /** The services account the sender is logged in to, or null. */
  account?: string | null;
  /** Said privately to the bot, rather than in the channel. */
  privately?: boolean;
  /** In the event channel (false: known not to be). */
  inChannel?: boolean;
}

/** What every command carries: which request it is, when, and who sent it. */
export interface Request {
  requestId: string;
  at: LocalTime;
  nick: string;
  from?: Sender;
}

/**
 * A line meant for the bot that is no command it can carry out (a mistake, a near miss,
 * or help): what to answer. It goes through the same guards as its family's commands, so
 * a refused sender hears why they are refused, not a usage line.
 */
type Unclear = { text: string; privately?: boolean };

export type TrackCommand = Request &
  (
    | { type: 'track.now'; track: string; topic: string }
    | { type: 'track.next'; track: string; topic: string }
    | { type: 'track.clean'; track: string }
    | { type: 'track.location'; track: string; location: string }
    /** Sets fields no region looks at (colour, links); `said` is the moderator's line. */
    | { type: 'track.set'; track: string; fields: Partial<TrackFields>; said: string }
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
        data: EventData;
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
    /** `~fetchdb URL`: io fetches once the chart allows it, then sends `admin.import`. */
    | { type: 'admin.fetch'; source: string }
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

/** Lines that only get an answer, each routed with its family's commands (and guards). */
export type AnsweredLine = Request &
  (
    | ({ type: 'track.unclear' } & Unclear)
    | ({ type: 'admin.unclear' } & Unclear)
    | ({ type: 'user.unclear' } & Unclear)
    | { type: 'user.help'; text: string }
  );

export type EventCommand = TrackCommand | AdminCommand | UserCommand | AnsweredLine;

export type ClockTick = { type: 'clock.tick'; at: LocalTime };

/** What the channel's roster tells: a nick left, or took another nick. */
export type PresenceEvent =
  { type: 'presence.left'; nick: string } | { type: 'presence.renamed'; nick: string; to: string };

/**
 * Settings from the config, given again at every start (a snapshot keeps the old ones),
 * and how the IRC server compares nicks, told when it says so.
 */
export type SettingsEvent =
  | { type: 'settings.config'; limits: Partial<Limits>; identifiedOnly: boolean }
  | { type: 'settings.casemapping'; casemapping: Casemapping };

/** Raised by a decision: the `voice` region follows it. Never sent from outside. */
export type VoiceSet = { type: 'voice.set'; required: boolean };

/**
 * Raised by a decision: `day.check` when the clock moved (the `day` region moves on in its
 * cycle), `day.replan` when the timetable changed (it finds its phase afresh).
 */
export type DayCheck = { type: 'day.check' } | { type: 'day.replan' };

/** Raised by a decision: a destructive command waits for its op's `confirm` until `expires`. */
export type ConfirmationAsked = {
  type: 'confirmation.asked';
  key: string;
  nick: string;
  expires: string;
};

export type EventDayEvent =
  | EventCommand
  | ClockTick
  | PresenceEvent
  | SettingsEvent
  | VoiceSet
  | DayCheck
  | ConfirmationAsked;

/** What the event-day actor tells the outside. */
export type EventEmitted =
  /** The answer to one command, to its sender (privately: to them alone, even in the channel). */
  | { type: 'reply'; requestId: string; text: string; privately?: boolean }
  /** The command was refused by the chart's guards (the reply, if any, says why). */
  | { type: 'refused'; requestId: string }
  /** `~fetchdb` may go ahead: io fetches the data and sends it as `admin.import`. */
  | { type: 'fetch'; requestId: string }
  /** A private message to a subscriber, caused by a command. */
  | { type: 'notify'; requestId: string; nick: string; text: string }
  /** A message for the whole channel, not caused by a command. */
  | { type: 'announce'; text: string }
  /** The state the outside sees has changed. */
  | { type: 'changed' }
  /** Something the organisers should read in the log. */
  | { type: 'log'; text: string };
