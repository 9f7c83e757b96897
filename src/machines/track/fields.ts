import { z } from 'zod';

interface FieldOptions<K extends string> {
  /** The key of the track -> value map in event data (the original's ptg.json and database). */
  dataKey: K;
  /** A new day sets it back to its empty value. */
  daily?: boolean;
  /** Imported whenever this other key is given (null when its own is absent). */
  importedWith?: string;
  /**
   * What the page-facing ptg.json shows under the data key: the value (the default), where
   * the track is shown (`where`: its location, else the scheduled room), or nothing.
   */
  published?: 'value' | 'where' | false;
}

const field = <T extends z.ZodType, K extends string>(
  schema: T,
  empty: z.infer<T>,
  options: FieldOptions<K>,
) => ({
  schema,
  empty,
  daily: false,
  published: 'value' as FieldOptions<K>['published'],
  ...options,
});

/**
 * Every field of a track, declared once: the schema of its value (a snapshot's track is
 * checked by it), its value on a new track, whether a new day clears it, and its key in
 * event data. The track's context, its import and export, the snapshot schema, the view
 * the page reads and the reference model's shape follow from this list.
 */
export const TRACK_FIELDS = {
  /** What the track discusses now. */
  now: field(z.string().nullable(), null, { dataKey: 'now', daily: true }),
  /** What comes next, in order. */
  next: field(z.array(z.string()), [], { dataKey: 'next', daily: true }),
  /** The colour of its badge. */
  color: field(z.string().nullable(), null, { dataKey: 'colors' }),
  /** A location set by a moderator; wins over the scheduled room until the day ends. */
  location: field(z.string().nullable(), null, {
    dataKey: 'location',
    daily: true,
    published: 'where',
  }),
  /** The room the track was scheduled in when its current topic was set. */
  room: field(z.string().nullable(), null, {
    dataKey: 'placed',
    daily: true,
    importedWith: 'location',
    published: false,
  }),
  /** Its meeting link. */
  url: field(z.string().nullable(), null, { dataKey: 'urls' }),
  /** Its pad, when not the generated one. */
  etherpad: field(z.string().nullable(), null, { dataKey: 'etherpads' }),
};

type Declared = typeof TRACK_FIELDS;
export type TrackFieldName = keyof Declared;

/** What a track shows: its live fields. */
export type TrackFields = { [K in TrackFieldName]: z.infer<Declared[K]['schema']> };

/** Event data's track maps: data key -> track -> value (no key for an empty value). */
export type TrackFieldData = {
  [K in TrackFieldName as Declared[K]['dataKey']]?: Record<string, NonNullable<TrackFields[K]>>;
};

export const TRACK_FIELD_NAMES = Object.keys(TRACK_FIELDS) as TrackFieldName[];

/** The fields of a new track, all empty. */
export function emptyFields(): TrackFields {
  return Object.fromEntries(
    TRACK_FIELD_NAMES.map((name) => [name, structuredClone(TRACK_FIELDS[name].empty)]),
  ) as TrackFields;
}

/** The fields a new day sets back, with their empty values. */
export function dailyFieldsCleared(): Partial<TrackFields> {
  return Object.fromEntries(
    TRACK_FIELD_NAMES.filter((name) => TRACK_FIELDS[name].daily).map((name) => [
      name,
      structuredClone(TRACK_FIELDS[name].empty),
    ]),
  );
}

/** Whether a value is its field's empty one (left out of event data). */
export function isEmptyValue(name: TrackFieldName, value: unknown): boolean {
  const empty = TRACK_FIELDS[name].empty;
  return Array.isArray(empty) ? Array.isArray(value) && value.length === 0 : value === empty;
}

/** A track's own fields, without its name or its undo point: what an undo puts back. */
export function fieldsOf(track: TrackFields): TrackFields {
  return Object.fromEntries(TRACK_FIELD_NAMES.map((name) => [name, track[name]])) as TrackFields;
}

/**
 * The schema of a track's context in a snapshot: its name and its fields, each of which
 * may be absent (a snapshot written before the field existed: it starts empty).
 */
export const trackContextSchema = z
  .object({
    name: z.string(),
    ...Object.fromEntries(
      TRACK_FIELD_NAMES.map((name) => [name, TRACK_FIELDS[name].schema.optional()]),
    ),
  })
  .loose();

/** A snapshot's track context with the fields it lacks set empty. */
export function withEveryField<T extends object>(context: T): T & TrackFields {
  const missing = TRACK_FIELD_NAMES.filter((name) => !(name in context));
  if (missing.length === 0) return context as T & TrackFields;
  return {
    ...context,
    ...Object.fromEntries(missing.map((name) => [name, structuredClone(TRACK_FIELDS[name].empty)])),
  } as T & TrackFields;
}
