import type { TrackFields } from '../model.js';
import type { TrackContext } from './events.js';

/** A track's own fields, without its name or its undo point: what an undo puts back. */
export function fieldsOf({ name: _name, undo: _undo, ...fields }: TrackContext): TrackFields {
  return fields;
}
