import type { TrackFields } from './fields.js';

/** Who changed the track and the line they said: what `#TRACK undo` names. */
export interface ChangeAuthor {
  nick: string;
  said: string;
}

/** A slot the track booked or gave back, and who held it before (`''`: free). */
export interface BookingChange {
  room: string;
  slot: string;
  holder: string;
}

/** The last change to the track, with the fields (and booking) as they were before it. */
export interface TrackUndo extends ChangeAuthor {
  before: TrackFields;
  booking?: BookingChange;
}

/**
 * A change someone asked for (`by`), with the track's fields just before it: the event day
 * reads them when it decides, so no region's order decides what is kept. The bot's own
 * changes come without it.
 */
type ByModerator = { by?: ChangeAuthor & { before: TrackFields } };

export type TrackEvent =
  | ({ type: 'topic.now'; topic: string; room: string | null } & ByModerator)
  | ({ type: 'topic.next'; topic: string } & ByModerator)
  | ({ type: 'topics.clean' } & ByModerator)
  | ({ type: 'location.set'; location: string } & ByModerator)
  /** Fields no region looks at (the colour, the links): set as given. */
  | ({ type: 'fields.set'; fields: Partial<TrackFields> } & ByModerator)
  /** The track booked or gave back a slot: the event day holds the schedule, the track its undo. */
  | { type: 'booking.changed'; by: ChangeAuthor & { before: TrackFields }; booking: BookingChange }
  | { type: 'change.undo' }
  | { type: 'day.reset' }
  | { type: 'fields.import'; fields: Partial<TrackFields> };

export interface TrackInput {
  name: string;
  color: string;
}

export interface TrackContext extends TrackFields {
  name: string;
  /** The last change, for `#TRACK undo` (absent in snapshots from before it). */
  undo?: TrackUndo | null;
}
