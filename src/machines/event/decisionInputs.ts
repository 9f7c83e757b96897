import type { TrackContext } from '../track/events.js';

/** What the statechart knows that a decision may ask: read from its state's tags. */
export interface Rules {
  /** Today is one of the event's days (the `day` region is not in `noEvent`). */
  isEventDay: boolean;
  /** A session is on (the `day` region is in `inSlot`). */
  inSlot: boolean;
  /** Track commands need voice (the `voice` region is in `voiceRequired`). */
  voiceRequired: boolean;
  /** The command is the `confirm` the `administration` region was waiting for. */
  confirmed: boolean;
}

/** A track's context as its actor holds it now (undefined for a track that is not there). */
export type ReadTrack = (track: string) => TrackContext | undefined;
