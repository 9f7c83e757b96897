import { mkdir } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { type Bot, createBot } from './bot.js';
import { localTimeIn } from './io/clock/localTime.js';
import type { CommandHandler } from './io/command/commandHandler.js';
import { limitsFromConfig } from './io/config/limits.js';
import { ConfigError, type LoadedConfig, limitsOfConfig } from './io/config/loadConfig.js';
import { demoEvent } from './io/eventData/demoEvent.js';
import { DEFAULT_FETCH_LIMITS, fetchEventData } from './io/eventData/fetchEventData.js';
import type { InspectTarget } from './io/observe/inspectTarget.js';
import type { IrcBot } from './io/irc/ircBot.js';
import { ircSettingsFrom } from './io/irc/ircConfig.js';
import { LiveInspector } from './io/observe/liveInspector.js';
import type { Logger } from './io/observe/log.js';
import { Metrics } from './io/observe/metrics.js';
import { SnapshotStore } from './io/persistence/snapshotStore.js';
import type { EventRuntime } from './io/runtime/eventRuntime.js';
import { readTakeOver } from './io/eventData/takeOver.js';
import { startSummary, takeOverData } from './io/eventData/startData.js';
import { calendarEvents } from './http/feeds/calendarEvents.js';

export interface StartOptions {
  loaded: LoadedConfig;
  demo: boolean;
  console: boolean;
  stdin?: Readable;
  stdout?: Writable;
  /** The console's `/quit` (or Ctrl-D): stop as on SIGTERM. */
  onQuit?: () => void;
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

/** Listens before anything else happens, so a port in use stops the start with nothing written. */
async function listen(host: string, port: number, bot: () => Bot | null): Promise<Server> {
  const server = createServer((request, response) => {
    const listener = bot()?.listener;
    if (listener) return listener(request, response);
    response.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Starting');
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const why =
        error.code === 'EADDRINUSE'
          ? `port ${port} on ${host} is already in use (set http_port, or --port)`
          : error.code === 'EACCES'
            ? `port ${port} on ${host} may not be used by this user`
            : `cannot listen on ${host}:${port} (${error.code ?? error.message})`;
      reject(new ConfigError(`http_port: ${why}`));
    });
    server.listen(port, host, () => resolveListen());
  });
  return server;
}

async function makeDirectory(path: string, key: string): Promise<void> {
  try {
    await mkdir(path, { recursive: true });
  } catch (error) {
    throw new ConfigError(
      `${key}: cannot create the folder ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
}

/** The bot as the command line runs it: the one wiring, plus a port, a clock, ptg.json and a console. */
export async function start(options: StartOptions): Promise<Running> {
  const { config, baseDir } = options.loaded;
  const log = options.log;
  const now = options.now ?? (() => new Date());
  const timeZone = config.timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const clock = () => localTimeIn(now(), timeZone);

  let bot: Bot | null = null;
  const server = await listen(config.http_host, config.http_port, () => bot);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.http_port;
  const host = config.http_host.includes(':') ? `[${config.http_host}]` : config.http_host;
  const url = `http://${host}:${port}/`;
  const closeServer = () =>
    new Promise<void>((done) => {
      server.close(() => done());
      server.closeAllConnections();
    });

  try {
    const ptgJsonPath = resolve(baseDir, config.db_filename);
    const statePath = resolve(
      baseDir,
      config.state_file ?? join(dirname(config.db_filename), 'ptgbot-state.json'),
    );
    await makeDirectory(dirname(statePath), 'state_file');
    await makeDirectory(dirname(ptgJsonPath), 'db_filename');

    const loopback = /^(127\.|::1$|localhost$)/.test(config.http_host);
    if (!options.demo && config.irc_server && !config.help_url && loopback) {
      log.warn(
        { help: `${url}#help` },
        `help points attendees to ${url}#help, which only this machine can open: set help_url to the page's public address (or http_host to a public one)`,
      );
    }
    // The built-in inspector shows the machines' context (nicks, check-ins): loopback only.
    const inspector = options.inspect?.kind === 'page' ? new LiveInspector() : null;
    if (inspector && !loopback) {
      throw new ConfigError(
        `--inspect=page: the inspector shows every nick and check-in; serve it on a loopback http_host, not ${config.http_host}`,
      );
    }
    // Loaded only when asked for: the relay's libraries weigh on every other start.
    const inspection =
      options.inspect && options.inspect.kind !== 'page'
        ? (await import('./io/observe/inspect.js')).startInspection(options.inspect)
        : inspector
          ? { where: `${url}inspect`, inspect: inspector.inspect, stop: async () => {} }
          : null;
    if (inspection)
      log.info({ inspector: inspection.where }, `inspecting the machines at ${inspection.where}`);

    const today = clock();
    const tomorrow = localTimeIn(new Date(now().getTime() + 86_400_000), timeZone);
    bot = await createBot({
      store: new SnapshotStore(statePath),
      input: {
        eventid: config.eventid ?? (options.demo ? 'demo' : ''),
        ...(config.etherpad_base ? { padBase: config.etherpad_base } : {}),
        newdayAt: config.newday_at ?? null,
        ...(config.start_date ? { startDate: config.start_date } : {}),
        ...(config.limits ? { limits: limitsFromConfig(config.limits) } : {}),
        identifiedOnly: config.identified_only,
      },
      initialData: options.demo
        ? demoEvent(today, tomorrow.weekday)
        : (options.loaded.eventData ?? undefined),
      ...(options.demo
        ? {}
        : {
            firstStartData: async () => {
              const database = await readTakeOver(ptgJsonPath, log, limitsOfConfig(config));
              if (!database) return undefined;
              const { data, notes } = takeOverData(options.loaded.eventData ?? undefined, database);
              for (const note of notes) log.info({ file: ptgJsonPath }, `taking over: ${note}`);
              return data;
            },
          }),
      initialTime: today,
      now,
      clock,
      log,
      inspect: inspection?.inspect,
      faultOn: process.env.PTGBOT_TEST_FAULT_ON,
      onWarning: (message, error) => log.warn({ err: error, path: statePath }, message),
      onSaveFailure: (error) =>
        log.error(
          { err: error, path: statePath },
          'cannot save the state: the commands since the last save were refused and undone',
        ),
      handler: {
        ...(config.help_text ? { helpText: config.help_text } : {}),
        helpUrl: () => config.help_url ?? `${url}#help`,
        fetchEventData: (target) =>
          fetchEventData(target, {
            ...DEFAULT_FETCH_LIMITS,
            allowPrivate: config.fetchdb_allow_private,
            data: limitsOfConfig(config),
          }),
      },
      irc: !options.demo && config.irc_server ? ircSettingsFrom(config) : null,
      metrics: new Metrics(),
      ...(inspector ? { inspector } : {}),
      timeZone,
      trustedProxies: config.trusted_proxies,
      ptgJsonPath,
      nick: config.irc_nick,
      clockIntervalMs: options.clockIntervalMs ?? 15_000,
      console:
        options.console && options.stdin && options.stdout
          ? {
              input: options.stdin,
              output: options.stdout,
              ...(options.onQuit ? { onQuit: options.onQuit } : {}),
            }
          : undefined,
    });
    const running = bot;
    // Every start says what it holds, whatever it started from.
    const source = {
      'state file': `resumed from ${statePath}`,
      'take-over': `took over ${ptgJsonPath}`,
      'initial data': options.demo ? 'the demo event' : 'the event data in the config',
      nothing: 'an empty event',
    }[running.runtime.origin];
    const held = running.runtime.state();
    log.info(startSummary(held), `started from ${source}`);
    const undated = [...calendarEvents(held, timeZone).untimed.values()].reduce((a, b) => a + b, 0);
    if (undated > 0) {
      log.warn(
        { undated },
        `${undated} sessions cannot be dated for the calendar feeds (their days are weekday names, and the event's first day is not known): set start_date to it (YYYY-MM-DD)`,
      );
    }

    running.start();

    return {
      url,
      onPtgJsonWritten: running.onPtgJsonWritten,
      irc: running.irc,
      runtime: running.runtime,
      handler: running.handler,
      stop: async () => {
        await running.stop();
        await inspection?.stop();
        await closeServer();
      },
    };
  } catch (error) {
    await closeServer();
    throw error;
  }
}
