import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

const BIN = new URL('../../bin/ptgbot.js', import.meta.url).pathname;

export interface CliProcess {
  child: ChildProcess;
  /** Resolves with the first stdout line (from now on, or already seen) that matches. */
  stdoutLine: (test: (line: string) => boolean) => Promise<string>;
  /** Resolves with the first log record on stderr that matches. */
  logRecord: (
    test: (record: Record<string, unknown>) => boolean,
  ) => Promise<Record<string, unknown>>;
  exit: Promise<number | null>;
  stderr: () => string;
}

/** Runs the `ptgbot` executable as a user would, with logs as JSON lines on stderr. */
export function runCli(
  args: string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): CliProcess {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: options.cwd,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, LOG_LEVEL: 'info', ...options.env },
  });
  const out: string[] = [];
  const records: Record<string, unknown>[] = [];
  let errText = '';
  const outWaiters: Array<{
    test: (l: string) => boolean;
    resolve: (l: string) => void;
    reject: (e: Error) => void;
  }> = [];
  const logWaiters: Array<{
    test: (r: Record<string, unknown>) => boolean;
    resolve: (r: Record<string, unknown>) => void;
    reject: (e: Error) => void;
  }> = [];
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
    out.push(line);
    for (const w of outWaiters.splice(0)) {
      if (w.test(line)) w.resolve(line);
      else outWaiters.push(w);
    }
  });
  createInterface({ input: child.stderr as NodeJS.ReadableStream }).on('line', (line) => {
    errText += `${line}\n`;
    let record: Record<string, unknown>;
    try {
      record = JSON.parse(line);
    } catch {
      return;
    }
    records.push(record);
    for (const w of logWaiters.splice(0)) {
      if (w.test(record)) w.resolve(record);
      else logWaiters.push(w);
    }
  });
  // A test that fails before it stops the bot must not leave it running.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exit = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      process.off('exit', killOnExit);
      resolve(code);
    }),
  );
  // A process that ends fails every wait still open, with what it said.
  void exit.then((code) => {
    const failure = new Error(`ptgbot exited (${code}) first:\n${errText}`);
    for (const w of [...outWaiters.splice(0), ...logWaiters.splice(0)]) w.reject(failure);
  });
  return {
    child,
    exit,
    stderr: () => errText,
    stdoutLine: (test) => {
      const seen = out.find(test);
      return seen
        ? Promise.resolve(seen)
        : new Promise((resolve, reject) => outWaiters.push({ test, resolve, reject }));
    },
    logRecord: (test) => {
      const seen = records.find(test);
      return seen
        ? Promise.resolve(seen)
        : new Promise((resolve, reject) => logWaiters.push({ test, resolve, reject }));
    },
  };
}
