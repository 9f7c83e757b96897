import { createApp, type HttpApp } from './http/app.js';
import { type Assets, loadAssets } from './http/assets.js';
import { type LiveLimits, LiveHub } from './http/liveHub.js';
import { getRequestListener } from '@hono/node-server';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { StateView } from './http/stateView.js';
import { CommandHandler, type HandlerOptions } from './io/commandHandler.js';
import type { IrcBot } from './io/irc/ircBot.js';
import type { IrcSettings } from './io/irc/ircConfig.js';
import type { LiveInspector } from './io/liveInspector.js';
import type { Logger } from './io/log.js';
import type { Metrics } from './io/metrics.js';
import { EventRuntime, type RuntimeOptions } from './io/runtime/eventRuntime.js';
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
  /** Tells the machines the time (the CLI does so every 15 s). */
  tick: () => Promise<void>;
  stop: () => Promise<void>;
}

/** The composition of machines, io and http. */
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
  const handler = new CommandHandler(runtime, {
    ...options.handler,
    botNick: () => irc?.nick ?? options.irc?.nick ?? 'ptgbot',
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
  return {
    runtime,
    handler,
    view,
    hub,
    app,
    listener: getRequestListener(app.fetch),
    irc,
    tick,
    stop: async () => {
      await irc?.stop();
      await runtime.stop();
      hub.close();
    },
  };
}
