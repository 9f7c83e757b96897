import { createApp, type HttpApp } from './http/app.js';
import { type Assets, loadAssets } from './http/assets.js';
import { type LiveLimits, LiveHub } from './http/liveHub.js';
import { getRequestListener } from '@hono/node-server';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable, Writable } from 'node:stream';
import { StateView } from './http/stateView.js';
import { CommandHandler, type HandlerOptions } from './io/command/commandHandler.js';
import type { IrcBot } from './io/irc/ircBot.js';
import type { IrcSettings } from './io/irc/ircConfig.js';
import type { LiveInspector } from './io/observe/liveInspector.js';
import type { Logger } from './io/observe/log.js';
import type { Metrics } from './io/observe/metrics.js';
import { EventRuntime, type RuntimeOptions } from './io/runtime/eventRuntime.js';
import { runConsole } from './io/console/console.js';
import { LatestWinsWriter } from './io/persistence/latestWinsWriter.js';
import type { LocalTime } from './machines/model.js';

export interface BotOptions extends RuntimeOptions {
  clock: () => LocalTime;
  log: Logger;
  handler?: Omit<HandlerOptions, 'clock' | 'observe'>;
  /** Connect to IRC with these settings; none: no IRC (the console or tests speak instead). */
  irc?: IrcSettings | null;
  metrics?: Metrics | null;
  liveLimits?: LiveLimits;
  heartbeatMs?: number;
  assets?: Assets;
  /** The event's time zone, for the calendar feeds. */
  timeZone?: string;
  /** The built-in inspector to serve at /inspect. */
  inspector?: LiveInspector;
  /** Reverse proxies whose X-Forwarded-For / Forwarded name the client. */
  trustedProxies?: readonly string[];
  /** Where the page-facing ptg.json is written after each saved change (none: not written). */
  ptgJsonPath?: string;
  /** How often `start` has the clock tick, in ms (none: only when `tick` is called). */
  clockIntervalMs?: number;
  /** The bot's nick where there is no IRC connection to tell it (the console). */
  nick?: string;
  /** A console to speak to the bot on, opened by `start`. */
  console?: { input: Readable; output: Writable; onQuit?: () => void } | undefined;
}

/** The running bot, wired once: the CLI, the tests and the benchmarks all build it here. */
export interface Bot {
  runtime: EventRuntime;
  handler: CommandHandler;
  view: StateView;
  hub: LiveHub;
  app: HttpApp;
  /** Node's request listener: the app on node:http. */
  listener: (request: IncomingMessage, response: ServerResponse) => void;
  irc: IrcBot | null;
  /** Tells the machines the time (`start` has it done every `clockIntervalMs`). */
  tick: () => Promise<void>;
  /** Connects to IRC, starts the clock and opens the console, as configured. */
  start: () => void;
  /** Called each time ptg.json has been rewritten on disk. */
  onPtgJsonWritten: (listener: (content: string) => void) => () => void;
  stop: () => Promise<void>;
}

/**
 * The one composition of machines, io and http: the CLI, the tests and the benchmarks
 * build the bot here. A line comes in from IRC (`IrcBot`) or the console to the
 * `CommandHandler`, which applies it through the `EventRuntime` (the machines, saved to
 * the state file); each saved change reaches the `StateView`, which the `LiveHub` pushes to
 * open pages and the ptg.json writer puts on disk.
 */
export async function createBot(options: BotOptions): Promise<Bot> {
  const { log, clock } = options;
  const metrics = options.metrics ?? null;
  const runtime = await EventRuntime.open({
    ...options,
    onLog: (text) => {
      log.warn(text);
      options.onLog?.(text);
    },
    observeSave: (seconds) => {
      metrics?.saved(seconds);
      options.observeSave?.(seconds);
    },
    onFault: (fault) => {
      metrics?.fault();
      log.error(
        { err: fault.cause, event: fault.eventType },
        `a bug met while handling ${fault.eventType}: the state went back to before it`,
      );
      options.onFault?.(fault);
    },
  });
  const tick = async () => {
    try {
      runtime.send({ type: 'clock.tick', at: clock() });
    } catch {
      return; // reported by onFault; the next tick tries again
    }
    await runtime.durable();
  };
  await tick();

  const view = new StateView(runtime.state(), runtime.savedAt, runtime.seq);
  runtime.onSaved(({ state, seq, savedAt }) => view.update(state, savedAt, seq));
  let irc: IrcBot | null = null;
  const configuredNick = options.irc?.nick ?? options.nick ?? 'ptgbot';
  const handler = new CommandHandler(runtime, {
    ...options.handler,
    botNick: () => irc?.nick ?? configuredNick,
    clock,
    observe: {
      command: (kind) => metrics?.command(kind),
      reply: (type) => metrics?.reply(type),
    },
  });
  // The IRC library (and its character sets) loads only when there is a server to talk to.
  irc = options.irc
    ? new (await import('./io/irc/ircBot.js')).IrcBot(options.irc, handler, log, {
        observer: { dropped: (reason) => metrics?.dropped(reason) },
        inspect: options.inspect,
      })
    : null;
  runtime.onAnnounce((text) => {
    log.info({ announce: text }, 'announcement');
    irc?.announce(text);
  });
  const hub = new LiveHub(view, options.heartbeatMs, options.liveLimits);
  // While the bot is not in its channel, what moderators say does not reach the board.
  irc?.onStatus((status) =>
    hub.setNotice(
      status === 'joined' || status === 'stopped'
        ? null
        : `the bot is cut off from IRC${irc?.lastError ? ` (${irc.lastError})` : ''}`,
    ),
  );
  metrics?.watch({ sendQueueDepth: () => irc?.queue.depth ?? 0, liveClients: () => hub.size });
  const app = createApp({
    view,
    hub,
    assets: options.assets ?? (await loadAssets()),
    ...(metrics ? { metrics } : {}),
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
    ...(options.trustedProxies ? { trustedProxies: options.trustedProxies } : {}),
    ...(options.inspector ? { inspector: options.inspector } : {}),
    health: () => ({
      ok: irc === null || irc.status === 'joined',
      irc: irc === null ? 'not configured' : irc.status,
      ...(irc?.lastError ? { ircProblem: irc.lastError } : {}),
      snapshotSavedAt: runtime.savedAt,
      liveClients: hub.size,
    }),
  });
  const ptgJsonFile = options.ptgJsonPath
    ? new LatestWinsWriter(options.ptgJsonPath, (error) =>
        log.error({ err: error, path: options.ptgJsonPath }, 'cannot write ptg.json'),
      )
    : null;
  if (ptgJsonFile) {
    view.onChange((snapshot) => ptgJsonFile.write(() => snapshot.ptgJson));
    const first = view.snapshot;
    ptgJsonFile.write(() => first.ptgJson);
  }

  let ticker: NodeJS.Timeout | null = null;
  let consoleSession: { close: () => void } | null = null;
  return {
    runtime,
    handler,
    view,
    hub,
    app,
    listener: getRequestListener(app.fetch),
    irc,
    tick,
    start: () => {
      irc?.start();
      if (options.clockIntervalMs) {
        ticker = setInterval(() => {
          tick().catch((error) => log.error({ err: error }, 'cannot save the state'));
        }, options.clockIntervalMs);
        ticker.unref();
      }
      if (options.console) {
        consoleSession = runConsole({
          handler,
          input: options.console.input,
          output: options.console.output,
          botNick: configuredNick,
          ...(options.console.onQuit ? { onQuit: options.console.onQuit } : {}),
        });
      }
    },
    onPtgJsonWritten: (listener) => ptgJsonFile?.onWritten(listener) ?? (() => {}),
    stop: async () => {
      if (ticker) clearInterval(ticker);
      consoleSession?.close();
      await irc?.stop();
      await runtime.stop();
      hub.close();
      await ptgJsonFile?.flush();
    },
  };
}
