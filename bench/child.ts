import { type ChildProcess, fork } from 'node:child_process';

export interface Child {
  process: ChildProcess;
  ready: Record<string, unknown>;
  /** Sends a request and resolves with the first answer of the given type. */
  ask: (message: { type: string }, answer: string) => Promise<Record<string, unknown>>;
  stop: () => Promise<void>;
}

/** Defined by scripts/build-bench.mjs: the helpers are bundled beside the bench in dist/bench. */
declare const BENCH_BUNDLED: boolean | undefined;
const bundled = typeof BENCH_BUNDLED !== 'undefined';

/** Forks a bench helper (`./name.ts`) with IPC; resolves once it says it is ready. */
export async function forkChild(
  script: string,
  args: string[],
  execArgv: string[] = [],
): Promise<Child> {
  const file = bundled
    ? new URL(`../dist/bench/${script.replace(/^\.\/|\.ts$/g, '')}.mjs`, import.meta.url)
    : new URL(script, import.meta.url);
  const child = fork(file.pathname, args, {
    execArgv: bundled ? execArgv : ['--import', 'tsx', ...execArgv],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = (type: string) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`${script} exited (${code})`));
      const onMessage = (m: Record<string, unknown>) => {
        if (m.type !== type) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(m);
      };
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  const ready = await next('ready');
  return {
    process: child,
    ready,
    ask: (message, answer) => {
      const reply = next(answer);
      child.send(message);
      return reply;
    },
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
