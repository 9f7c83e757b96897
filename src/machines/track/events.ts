import type { TrackFields } from '../model.js';

export type TrackEvent =
  | { type: 'topic.now'; topic: string; room: string | null }
  | { type: 'topic.next'; topic: string }
  | { type: 'topics.clean' }
  | { type: 'color.set'; color: string }
  | { type: 'location.set'; location: string }
  | { type: 'url.set'; url: string | null }
  | { type: 'etherpad.set'; url: string | null }
  | { type: 'day.reset' }
  | { type: 'fields.import'; fields: Partial<TrackFields> };

export interface TrackInput {
  name: string;
  color: string;
}

export interface TrackContext extends TrackFields {
  name: string;
}
