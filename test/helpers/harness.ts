import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localTimeIn } from '../../src/io/clock/localTime.js';
import type { CommandHandler, OutgoingMessage } from '../../src/io/command/commandHandler.js';
import { type ParsedEventData, parseEventData } from '../../src/io/eventData/parseEventData.js';
import { toPtgJson } from '../../src/io/eventData/ptgJson.js';
import type { EventRuntime, HandlerFault } from '../../src/io/runtime/eventRuntime.js';
import { type Bot, createBot } from '../../src/bot.js';
import { type Assets, loadAssets } from '../../src/http/assets.js';
import type { LiveLimits } from '../../src/http/liveHub.js';
import type { IrcSettings } from '../../src/io/irc/ircConfig.js';
import { createLogger } from '../../src/io/observe/log.js';
import { SnapshotStore } from '../../src/io/persistence/snapshotStore.js';
import type { EventImport } from '../../src/machines/model.js';

export const TIME_ZONE = 'Europe/Berlin';
/** A Monday morning of the test event, during its first slot. */
export const MONDAY_MORNING = '2026-11-23T09:30:00+01:00';

export interface Who {
  nick: string;
  op?: boolean;
  voice?: boolean;
  account?: string | null;
  isPrivate?: boolean;
}

export const OP: Who = { nick: 'olivia', op: true };
export const VOICED: Who = { nick: 'victor', voice: true };
export const USER: Who = { nick: 'alice' };

export const fixturePath = (name: string) =>
  new URL(`../fixtures/${name}`, import.meta.url).pathname;

export function fixtureData(name: string): EventImport {
  const parsed = parseEventData(JSON.parse(readFileSync(fixturePath(name), 'utf8')));
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.data;
}

export function tempDir(): { path: string; cleanup: () => void } {
  const path = mkdtempSync(join(tmpdir(), 'ptgbot-test-'));
  return { path, cleanup: () => rmSync(path, { recursive: true, force: true }) };
}

export interface Harness {
  bot: Bot;
  runtime: EventRuntime;
  handler: CommandHandler;
  /** Says a line; returns the texts of everything the bot answers. */
  say: (text: string, who?: Who) => Promise<string[]>;
  /** Says a line; returns the whole outgoing messages. */
  send: (text: string, who?: Who) => Promise<OutgoingMessage[]>;
  setTime: (iso: string) => void;
  tick: () => Promise<void>;
  ptg: () => ReturnType<typeof toPtgJson>;
}

export interface HarnessOptions {
  data?: EventImport;
  time?: string;
  statePath?: string;
  identifiedOnly?: boolean;
  onSaveFailure?: (error: unknown) => void;
  fetchEventData?: (url: string) => Promise<ParsedEventData>;
  faultOn?: string;
  onFault?: (fault: HandlerFault) => void;
  onLog?: (text: string) => void;
  trustedProxies?: string[];
  irc?: IrcSettings;
  liveLimits?: LiveLimits;
}

let assets: Promise<Assets> | null = null;

/** The bot as the CLI wires it (`createBot`), on a clock the test sets, without a port. */
export async function harness(options: HarnessOptions = {}): Promise<Harness> {
  let now = new Date(options.time ?? MONDAY_MORNING);
  const clock = () => localTimeIn(now, TIME_ZONE);
  assets ??= loadAssets();
  const bot = await createBot({
    store: options.statePath ? new SnapshotStore(options.statePath) : undefined,
    input: { eventid: 'test', identifiedOnly: options.identifiedOnly ?? false },
    initialData: options.data,
    initialTime: clock(),
    now: () => now,
    clock,
    log: createLogger({ pretty: false, level: 'silent' }),
    heartbeatMs: 0,
    timeZone: TIME_ZONE,
    ...(options.liveLimits ? { liveLimits: options.liveLimits } : {}),
    assets: await assets,
    onSaveFailure: options.onSaveFailure,
    faultOn: options.faultOn,
    ...(options.onFault ? { onFault: options.onFault } : {}),
    ...(options.onLog ? { onLog: options.onLog } : {}),
    ...(options.trustedProxies ? { trustedProxies: options.trustedProxies } : {}),
    handler: {
      ...(options.fetchEventData ? { fetchEventData: options.fetchEventData } : {}),
    },
    irc: options.irc ?? null,
  });
  const { runtime, handler } = bot;
  const send = (text: string, who: Who = OP) => handler.handle({ text, isPrivate: false, ...who });
  return {
    bot,
    runtime,
    handler,
    send,
    say: async (text, who) => (await send(text, who)).map((m) => m.text),
    setTime: (iso) => {
      now = new Date(iso);
      runtime.send({ type: 'clock.tick', at: clock() });
    },
    tick: bot.tick,
    ptg: () => toPtgJson(runtime.state(), 'T'),
  };
}
