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
  identifiedOnly: boolean;
  rate: RateLimit;
  /** Waits between reconnection attempts, in ms: doubles from `min` to `max`. */
  reconnect: { min: number; max: number };
  /** How often to try to take back the configured nick while using another. */
  regainNickMs: number;
}
