import type { IrcBot, IrcStatus } from '../../src/io/irc/ircBot.js';
import type { IrcSettings } from '../../src/io/irc/ircConfig.js';
import { fixtureData, type Harness, harness } from './harness.js';

export const BOT = 'ptgbot';
export const CHANNEL = '#ptg';

export interface BotOnIrc {
  bot: IrcBot;
  h: Harness;
  /** Resolves the next time the bot reaches the status (now, if it is there already). */
  reaches: (status: IrcStatus) => Promise<void>;
  stop: () => Promise<void>;
}

/** IRC settings for a test bot on a loopback server: fast sends, the given changes. */
export function ircSettings(port: number, changes: Partial<IrcSettings> = {}): IrcSettings {
  return {
    server: '127.0.0.1',
    port,
    tls: false,
    tlsVerify: true,
    nick: BOT,
    channel: CHANNEL,
    password: '',
    account: null,
    rate: { linesPerSecond: 1000, burst: 1000 },
    reconnect: { min: 60_000, max: 60_000 },
    regainNickMs: 60_000,
    organisers: [],
    ...changes,
  };
}

export async function botOnIrc(
  port: number,
  options: { settings?: Partial<IrcSettings>; statePath?: string; identifiedOnly?: boolean } = {},
): Promise<BotOnIrc> {
  const h = await harness({
    data: fixtureData('event-later.json'),
    ...(options.statePath ? { statePath: options.statePath } : {}),
    identifiedOnly: options.identifiedOnly ?? false,
    irc: ircSettings(port, {
      reconnect: { min: 20, max: 200 },
      regainNickMs: 100,
      ...options.settings,
    }),
  });
  const bot = h.bot.irc as IrcBot;
  const reaches = (status: IrcStatus) =>
    new Promise<void>((resolve) => {
      if (bot.status === status) return resolve();
      const off = bot.onStatus((s) => {
        if (s === status) {
          off();
          resolve();
        }
      });
    });
  const joined = reaches('joined');
  bot.start();
  await joined;
  return {
    bot,
    h,
    reaches,
    stop: () => h.bot.stop(),
  };
}
