import { z } from 'zod';
import { BANNER_LEVELS } from '../../machines/model.js';
import { normaliseTrackName, trackNameProblem } from '../../machines/trackName.js';
import { isCssColor } from '../validate/cssColor.js';
import { httpUrl } from '../validate/httpUrl.js';

/** The keys of a room entry in the later schedule shape that describe the room, not a slot. */
export const ROOM_META_KEYS = ['desc', 'cap_icon', 'cap_desc', 'url'] as const;

const text = (max: number) => z.string().max(max, `at most ${max} characters`);

const trackName = z
  .string()
  .transform(normaliseTrackName)
  .superRefine((name, ctx) => {
    const problem = trackNameProblem(name);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

const url = z.string().refine((value) => httpUrl(value) !== null, 'must be an http(s) URL');
const color = z.string().refine(isCssColor, 'must be a CSS colour');

const slot = z.object({
  name: text(40).regex(/^\S+$/, 'slot names have no spaces'),
  desc: text(100),
  realtime: z.iso.datetime({ offset: true }).optional(),
  duration: z
    .number()
    .int()
    .positive()
    .max(24 * 60)
    .optional(),
});

const slots = z.record(text(40), z.array(slot));

/** Seconds since 1970 (the original bot) or an ISO string (ours). */
const timestamp = z.union([
  z.number().transform((seconds) => new Date(seconds * 1000).toISOString()),
  z.iso.datetime({ offset: true }),
]);

const checkIn = z.object({
  nick: text(64).optional(),
  location: text(300),
  in: timestamp,
  out: z.union([timestamp, z.literal(0).transform(() => null), z.null()]).default(null),
});

const subscription = z.union([text(200), z.object({ nick: text(64), pattern: text(200) })]);

const trackRecord = <T extends z.ZodType>(value: T) => z.record(trackName, value);

/** Keys both shapes share with the live parts of the event. */
const common = {
  eventid: text(100).optional(),
  voice: z.union([z.boolean(), z.literal(0), z.literal(1)]).optional(),
  links: z.record(text(200), url).optional(),
  motd: z.array(z.object({ level: z.enum(BANNER_LEVELS), message: text(500) })).optional(),
  tracks: z.array(trackName).optional(),
  slots: slots.optional(),
  now: trackRecord(text(500)).optional(),
  next: trackRecord(z.array(text(500))).optional(),
  colors: trackRecord(color).optional(),
  location: trackRecord(text(300)).optional(),
  urls: trackRecord(url).optional(),
  etherpads: trackRecord(url).optional(),
  last_check_in: z.record(text(64), checkIn).optional(),
  subscriptions: z.record(text(64), subscription).optional(),
};

/** A room of the later shape: metadata keys, and slot code -> track or '' (bookable). */
const laterRoom = z.record(z.string(), z.string()).superRefine((entries, ctx) => {
  for (const [key, value] of Object.entries(entries)) {
    if ((ROOM_META_KEYS as readonly string[]).includes(key)) {
      if (key === 'url' && httpUrl(value) === null) {
        ctx.addIssue({ code: 'custom', path: [key], message: 'must be an http(s) URL' });
      }
    } else if (value !== '') {
      const problem = trackNameProblem(normaliseTrackName(value));
      if (problem) ctx.addIssue({ code: 'custom', path: [key], message: problem });
    }
  }
});

export const laterShape = z.object({
  ...common,
  schedule: z.record(text(100), laterRoom).optional(),
});

export const originalShape = z.object({
  ...common,
  scheduled: z.record(text(100), z.record(text(40), trackName)),
  extrarooms: z.record(text(100), z.array(text(40))).optional(),
});

export const KNOWN_KEYS = new Set([
  ...Object.keys(laterShape.shape),
  ...Object.keys(originalShape.shape),
]);
