import type { TrackFields } from '../model.js';

/** What the statechart knows that a decision may ask: read from its state's tags. */
export interface Rules {
  /** Today is one of the event's days (the `day` region is not in `noEvent`). */
  isEventDay: boolean;
  /** A session is on (the `day` region is in `inSlot`). */
  inSlot: boolean;
  /** Track commands need voice (the `voice` region is in `voiceRequired`). */
  voiceRequired: boolean;
}

/** A track's fields as its actor holds them now (undefined for a track that is not there). */
export type ReadTrack = (track: string) => TrackFields | undefined;
