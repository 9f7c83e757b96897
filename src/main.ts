import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { serve } from '@hono/node-server';
import { createApp } from './http/app.js';
import { loadAssets } from './http/assets.js';
import { LiveHub } from './http/liveHub.js';
import { StateView } from './http/stateView.js';
import { localTimeIn } from './io/clock/localTime.js';
import { CommandHandler } from './io/commandHandler.js';
import type { LoadedConfig } from './io/config/loadConfig.js';
import { runConsole } from './io/console.js';
import { demoEvent } from './io/demoEvent.js';
import { EventRuntime } from './io/runtime/eventRuntime.js';
import { DEFAULT_FETCH_LIMITS, fetchEventData } from './io/fetchEventData.js';
import { type InspectTarget, startInspection } from './io/inspect.js';
import { IrcBot } from './io/irc/ircBot.js';
import { ircSettingsFrom } from './io/irc/ircConfig.js';
import type { Logger } from './io/log.js';
import { Metrics } from './io/metrics.js';
import { LatestWinsWriter } from './io/persistence/latestWinsWriter.js';
import { SnapshotStore } from './io/persistence/snapshotStore.js';
import { readTakeOver } from './io/takeOver.js';
import { limitsFromConfig } from './io/config/limits.js';

export interface StartOptions {
  loaded: LoadedConfig;
  demo: boolean;
  console: boolean;
  stdin?: Readable;
  stdout?: Writable;
  log: Logger;
  /** The clock; tests replace it. */
  now?: () => Date;
  clockIntervalMs?: number;
  inspect?: InspectTarget | undefined;
}

export interface Running {
  url: string;
  /** Called each time ptg.json has been rewritten on disk. */
  onPtgJsonWritten: (listener: (content: string) => void) => () => void;
  irc: IrcBot | null;
  runtime: EventRuntime;
  handler: CommandHandler;
  stop: () => Promise<void>;
}

/** The composition root: the only place that knows machines, io and http together. */
export async function start(options: StartOptions): Promise<Running> {
  const { config, baseDir } = options.loaded;
  const log = options.log;
  const now = options.now ?? (() => new Date());
  const timeZone = config.timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const clock = () => localTimeIn(now(), timeZone);

  const ptgJsonPath = resolve(baseDir, config.db_filename);
  const statePath = resolve(
    baseDir,
    config.state_file ?? join(dirname(config.db_filename), 'ptgbot-state.json'),
  );
  await mkdir(dirname(statePath), { recursive: true });
  await mkdir(dirname(ptgJsonPath), { recursive: true });

  const inspection = options.inspect ? startInspection(options.inspect) : null;
  if (inspection)
    log.info({ inspector: inspection.where }, `inspecting the machines at ${inspection.where}`);
  let metrics: Metrics | null = null;

  const today = clock();
  const tomorrow = localTimeIn(new Date(now().getTime() + 86_400_000), timeZone);
  const initialData = options.demo
    ? demoEvent(today, tomorrow.weekday)
    : (options.loaded.eventData ?? undefined);
  const runtime = await EventRuntime.open({
    store: new SnapshotStore(statePath),
    input: {
      eventid: config.eventid ?? (options.demo ? 'demo' : ''),
      ...(config.etherpad_base ? { padBase: config.etherpad_base } : {}),
      newdayAt: config.newday_at ?? null,
      ...(config.limits ? { limits: limitsFromConfig(config.limits) } : {}),
    },
    initialData,
    ...(options.demo ? {} : { firstStartData: () => readTakeOver(ptgJsonPath, log) }),
    initialTime: today,
    now,
    inspect: inspection?.inspect,
    observeSave: (seconds) => metrics?.saved(seconds),
    faultOn: process.env.PTGBOT_TEST_FAULT_ON,
    onFault: (fault) => {
      metrics?.fault();
      log.error(
        { err: fault.cause, event: fault.eventType },
        `a bug met while handling ${fault.eventType}: the state went back to before it`,
      );
    },
    onWarning: (message, error) => log.warn({ err: error, path: statePath }, message),
    onSaveFailure: (error) =>
      log.error(
        { err: error, path: statePath },
        'cannot save the state: the commands since the last save were refused and undone',
      ),
  });
  try {
    runtime.send({ type: 'clock.tick', at: clock() });
  } catch {
    // reported by onFault
  }
  await runtime.durable();

  const view = new StateView(runtime.state(), runtime.savedAt);
  const ptgJsonFile = new LatestWinsWriter(ptgJsonPath, (error) =>
    log.error({ err: error, path: ptgJsonPath }, 'cannot write ptg.json'),
  );
  view.onChange((snapshot) => ptgJsonFile.write(snapshot.ptgJson));
  ptgJsonFile.write(view.snapshot.ptgJson);
  runtime.onSaved((state) => view.update(state, runtime.savedAt));

  let pageUrl = `http://${config.http_host}:${config.http_port}/`;
  const handler = new CommandHandler(runtime, {
    clock,
    identifiedOnly: config.identified_only,
    ...(config.help_text ? { helpText: config.help_text } : {}),
    helpUrl: () => config.help_url ?? `${pageUrl}#help`,
    fetchEventData: (url) =>
      fetchEventData(url, { ...DEFAULT_FETCH_LIMITS, allowPrivate: config.fetchdb_allow_private }),
    observe: {
      command: (kind) => metrics?.command(kind),
      reply: (type) => metrics?.reply(type),
    },
  });

  const irc =
    !options.demo && config.irc_server
      ? new IrcBot(ircSettingsFrom(config), handler, log, {
          dropped: (reason) => metrics?.dropped(reason),
        })
      : null;
  irc?.start();

  const hub = new LiveHub(view);
  metrics = new Metrics({
    sendQueueDepth: () => irc?.queue.depth ?? 0,
    liveClients: () => hub.size,
  });
  const app = createApp({
    view,
    hub,
    assets: await loadAssets(),
    metrics,
    health: () => ({
      ok: irc === null || irc.status === 'joined',
      irc: irc === null ? 'not configured' : irc.status,
      ...(irc?.lastError ? { ircProblem: irc.lastError } : {}),
      snapshotSavedAt: runtime.savedAt,
      liveClients: hub.size,
    }),
  });
  const server = await new Promise<ReturnType<typeof serve>>((ready) => {
    const s = serve({ fetch: app.fetch, port: config.http_port, hostname: config.http_host }, () =>
      ready(s),
    );
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.http_port;
  const url = `http://${config.http_host.includes(':') ? `[${config.http_host}]` : config.http_host}:${port}/`;
  pageUrl = url;

  const ticker = setInterval(() => {
    try {
      runtime.send({ type: 'clock.tick', at: clock() });
    } catch {
      return; // reported by onFault; the next tick tries again
    }
    runtime.durable().catch((error) => log.error({ err: error }, 'cannot save the state'));
  }, options.clockIntervalMs ?? 15_000);
  ticker.unref();
  runtime.onAnnounce((text) => {
    log.info({ announce: text }, 'announcement');
    irc?.announce(text);
  });

  const consoleSession =
    options.console && options.stdin && options.stdout
      ? runConsole({
          handler,
          input: options.stdin,
          output: options.stdout,
          botNick: config.irc_nick,
        })
      : null;

  return {
    url,
    onPtgJsonWritten: (listener) => ptgJsonFile.onWritten(listener),
    irc,
    runtime,
    handler,
    stop: async () => {
      clearInterval(ticker);
      consoleSession?.close();
      await runtime.stop();
      await irc?.stop();
      await inspection?.stop();
      hub.close();
      await ptgJsonFile.flush();
      await new Promise<void>((done) => {
        server.close(() => done());
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
    },
  };
}
