import { type ChildProcess, fork } from 'node:child_process';

export interface Child {
  process: ChildProcess;
  ready: Record<string, unknown>;
  /** Sends a request and resolves with the first answer of the given type. */
  ask: (message: { type: string }, answer: string) => Promise<Record<string, unknown>>;
  stop: () => Promise<void>;
}

/** Forks a TypeScript bench helper with IPC; resolves once it says it is ready. */
export async function forkChild(
  script: string,
  args: string[],
  execArgv: string[] = [],
): Promise<Child> {
  const child = fork(new URL(script, import.meta.url).pathname, args, {
    execArgv: ['--import', 'tsx', ...execArgv],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = (type: string) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const onMessage = (m: Record<string, unknown>) => {
        if (m.type !== type) return;
        child.off('message', onMessage);
        resolve(m);
      };
      child.on('message', onMessage);
      child.once('exit', (code) => reject(new Error(`${script} exited (${code})`)));
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
