import { isIP } from 'node:net';
import { z } from 'zod';

/** An IP address, or a CIDR range (`10.0.0.0/8`, `fd00::/8`). */
const addressOrRange = z.string().refine((entry) => {
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d{1,3}$/.test(prefix) && bits <= (family === 4 ? 32 : 128);
}, 'must be an IP address or a CIDR range such as 10.0.0.0/8');

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a local time HH:MM');

/**
 * The bot's settings. The original bot's keys (`irc_*`, `db_filename`) keep working;
 * the rest are ours. Event data keys (slots, schedule, ...) may sit in the same file.
 */
export const configSchema = z.object({
  irc_nick: z
    .string()
    .min(1)
    .max(30)
    .regex(/^[^\s,:#&][^\s,:]*$/, 'must be a valid IRC nick')
    .default('ptgbot'),
  irc_pass: z.string().default(''),
  irc_server: z.string().default(''),
  irc_port: z.number().int().min(1).max(65535).default(6667),
  irc_channel: z
    .string()
    .regex(/^[#&][^\s,]+$/, "must be a channel name such as '#event'")
    .default('#ptg'),
  /** The page-facing ptg.json is also written here on every change. */
  db_filename: z.string().min(1).default('ptg.json'),
  irc_tls: z.boolean().optional(),
  irc_tls_verify: z.boolean().default(true),
  /** SASL account to log in with; `irc_pass` is its password. */
  irc_account: z.string().optional(),
  identified_only: z.boolean().default(false),
  /**
   * Who the bot gives op to while it holds op: services accounts, or nicks on a network
   * without services (where anyone may take a nick: prefer a network with services).
   */
  organisers: z.array(z.string().min(1).max(64)).max(100).default([]),
  send_rate: z
    .object({
      lines_per_second: z
        .number()
        .min(0.2, 'must be at least 0.2 (a line every 5 s): slower, replies would wait minutes')
        .max(100, 'must be at most 100: no network takes more')
        .default(1),
      burst: z.number().int().min(1).max(100, 'must be at most 100 lines').default(4),
    })
    .default({ lines_per_second: 1, burst: 4 }),
  /** Where the state survives restarts; by default beside db_filename. */
  state_file: z.string().optional(),
  /** Event data (either shape) loaded at the first start, when there is no state yet. */
  event_file: z.string().optional(),
  eventid: z.string().optional(),
  timezone: z.string().optional(),
  /** The event's first day: dates the weekday-named days for the calendar feeds. */
  start_date: z.iso.date().optional(),
  newday_at: hhmm.optional(),
  etherpad_base: z.string().url().optional(),
  help_text: z.string().optional(),
  /** Where `help` points people; by default the page's own help section. */
  help_url: z.string().url().optional(),
  /** How much the channel may fill; the defaults are far above a real event's needs. */
  limits: z
    .object({
      next_per_track: z.number().int().min(1).optional(),
      checkins: z.number().int().min(1).optional(),
      subscriptions: z.number().int().min(0).optional(),
      tracks: z.number().int().min(1).optional(),
      banners: z.number().int().min(0).optional(),
    })
    .strict()
    .optional(),
  /** Let ~fetchdb reach loopback, link-local and private addresses. */
  fetchdb_allow_private: z.boolean().default(false),
  http_host: z.string().default('127.0.0.1'),
  /**
   * Reverse proxies in front of the page: their X-Forwarded-For or Forwarded header names
   * the client (for the per-client cap on live pages). Nobody else's is believed.
   */
  trusted_proxies: z.array(addressOrRange).max(100).default([]),
  http_port: z.number().int().min(0).max(65535).default(8080),
});

export type Config = z.infer<typeof configSchema>;
export const CONFIG_KEYS = new Set(Object.keys(configSchema.shape));
