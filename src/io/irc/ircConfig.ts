import type { Config } from '../config/configSchema.js';
import type { RateLimit } from './sendQueue.js';

export interface IrcSettings {
  server: string;
  port: number;
  tls: boolean;
  tlsVerify: boolean;
  nick: string;
  channel: string;
  /** NickServ password, or the SASL password when `account` is set. */
  password: string;
  account: string | null;
  rate: RateLimit;
  /** Waits between reconnection attempts, in ms: doubles from `min` to `max`. */
  reconnect: { min: number; max: number };
  /** How often to try to take back the configured nick while using another. */
  regainNickMs: number;
  /** Services accounts (or nicks, on a network without services) the bot gives op to. */
  organisers: string[];
}

/** The IRC settings a config asks for; port 6697 means TLS unless irc_tls says otherwise. */
export function ircSettingsFrom(config: Config): IrcSettings {
  return {
    server: config.irc_server,
    port: config.irc_port,
    tls: config.irc_tls ?? config.irc_port === 6697,
    tlsVerify: config.irc_tls_verify,
    nick: config.irc_nick,
    channel: config.irc_channel,
    password: config.irc_pass,
    account: config.irc_account ?? null,
    rate: { linesPerSecond: config.send_rate.lines_per_second, burst: config.send_rate.burst },
    reconnect: { min: 1000, max: 60_000 },
    regainNickMs: 30_000,
    organisers: config.organisers,
  };
}
