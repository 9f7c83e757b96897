import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  ConfigError,
  type LoadedConfig,
  loadConfig,
  resolveConfig,
} from './io/config/loadConfig.js';
import { CONSOLE_HELP } from './io/console/console.js';
import { type InspectTarget, parseInspectTarget } from './io/observe/inspectTarget.js';
import { createLogger } from './io/observe/log.js';
import { SnapshotError } from './io/persistence/snapshotStore.js';
import { CHARTS } from './charts.js';
import { toMermaid } from './machines/statechart.js';
import { start } from './main.js';
// Bundled into the build: the version is the one this build was made from.
import packageJson from '../package.json' with { type: 'json' };

export const USAGE = `Usage: ptgbot [options] [CONFIG.json]

Runs the IRC bot and the schedule page. Without CONFIG.json, runs a built-in demo
event with a console on standard input.

Options:
  --demo              run the built-in demo event (the default without CONFIG.json)
  --console           read channel lines from standard input (always on in the demo)
  --port N            HTTP port (overrides http_port; 0 picks a free one)
  --host ADDRESS      HTTP address to listen on (overrides http_host)
  --inspect[=TARGET]  watch the state machines: TARGET page serves a live inspector
                      at /inspect (loopback only); a port (default 5678) streams
                      to the Stately inspector through a local relay; log:FILE
                      writes inspection events as JSON lines
  --statecharts       print each state machine as a Mermaid diagram and exit
  --ignore-unknown-keys  run even when the config has keys this program does not know
  --log-format FORMAT pretty (readable lines) or json (one JSON object a line); by
                      default pretty on a terminal, json when piped or in a service
  -d                  accepted for compatibility; the bot never daemonises
  -h, --help          show this help
  -v, --version       show the version
`;

class UsageError extends Error {}

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        demo: { type: 'boolean' },
        console: { type: 'boolean' },
        port: { type: 'string' },
        host: { type: 'string' },
        inspect: { type: 'string' },
        statecharts: { type: 'boolean' },
        'ignore-unknown-keys': { type: 'boolean' },
        'log-format': { type: 'string' },
        d: { type: 'boolean', short: 'd' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export async function main(argv: string[]): Promise<number> {
  let args: ReturnType<typeof parse>;
  try {
    // `--inspect` alone is allowed: parseArgs wants a value for string options.
    args = parse(argv.map((a) => (a === '--inspect' ? '--inspect=' : a)));
    if (args.positionals.length > 1) throw new UsageError('give at most one config file');
    const format = args.values['log-format'];
    if (format !== undefined && format !== 'pretty' && format !== 'json')
      throw new UsageError(`--log-format: '${format}' is neither pretty nor json`);
  } catch (error) {
    process.stderr.write(`ptgbot: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const format = args.values['log-format'];
  const log = createLogger(format === undefined ? {} : { pretty: format === 'pretty' });
  if (args.values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (args.values.version) {
    process.stdout.write(`ptgbot ${packageJson.version}\n`);
    return 0;
  }
  if (args.values.statecharts) {
    for (const [name, machine] of Object.entries(CHARTS)) {
      process.stdout.write(`${name}:\n\n\`\`\`mermaid\n${toMermaid(machine)}\n\`\`\`\n\n`);
    }
    return 0;
  }
  let inspect: InspectTarget | undefined;
  try {
    inspect =
      args.values.inspect === undefined ? undefined : parseInspectTarget(args.values.inspect);
  } catch (error) {
    process.stderr.write(`ptgbot: ${(error as Error).message}\n`);
    return 2;
  }
  const configPath = args.positionals[0];
  const demo = args.values.demo === true || configPath === undefined;
  let demoDir: string | null = null;
  let loaded: LoadedConfig;
  try {
    if (configPath !== undefined && !demo) {
      loaded = await loadConfig(configPath, {
        ignoreUnknownKeys: args.values['ignore-unknown-keys'] === true,
      });
    } else {
      demoDir = await mkdtemp(join(tmpdir(), 'ptgbot-demo-'));
      const base =
        configPath === undefined
          ? {}
          : (
              await loadConfig(configPath, {
                ignoreUnknownKeys: args.values['ignore-unknown-keys'] === true,
              })
            ).config;
      loaded = await resolveConfig({ ...base, db_filename: 'ptg.json' }, demoDir, 'demo');
    }
    if (args.values.port !== undefined) {
      const port = Number(args.values.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new UsageError(`--port: '${args.values.port}' is not a port`);
      loaded.config.http_port = port;
    }
    if (args.values.host !== undefined) loaded.config.http_host = args.values.host;
  } catch (error) {
    if (error instanceof ConfigError || error instanceof UsageError) {
      process.stderr.write(`ptgbot: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  for (const warning of loaded.warnings) log.warn(warning);

  let running: Awaited<ReturnType<typeof start>>;
  let quit = () => {};
  // A stop asked for while the bot starts (systemctl stop, Ctrl-C) is kept for once it runs.
  let stopAsked: string | null = null;
  let onStop = (signal: string) => {
    stopAsked ??= signal;
  };
  process.once('SIGINT', () => onStop('SIGINT'));
  process.once('SIGTERM', () => onStop('SIGTERM'));
  try {
    running = await start({
      onQuit: () => quit(),
      loaded,
      demo,
      console: demo || args.values.console === true,
      stdin: process.stdin,
      stdout: process.stdout,
      log,
      inspect,
    });
  } catch (error) {
    if (error instanceof SnapshotError) {
      process.stderr.write(`ptgbot: ${error.message}\n`);
      return 1;
    }
    if (error instanceof ConfigError) {
      process.stderr.write(`ptgbot: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  log.info({ page: running.url }, `schedule page at ${running.url}`);
  const { config } = loaded;
  if (running.irc) {
    log.info(
      { server: config.irc_server, port: config.irc_port, channel: config.irc_channel },
      `IRC: ${config.irc_nick} on ${config.irc_server}:${config.irc_port} in ${config.irc_channel}`,
    );
  }
  if (demo) {
    log.info({ dir: demoDir }, 'demo event running; no IRC server configured: type commands below');
    process.stdout.write(
      `${CONSOLE_HELP}\nTry: #swift now ring balancing, then open ${running.url}\n`,
    );
  }

  return new Promise<number>((resolveExit) => {
    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      log.info({ signal }, 'stopping: saving the state');
      await running.stop();
      if (demoDir) await rm(demoDir, { recursive: true, force: true });
      resolveExit(0);
    };
    quit = () => void stop('/quit');
    onStop = (signal) => void stop(signal);
    if (stopAsked !== null) void stop(stopAsked);
  });
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`ptgbot: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
