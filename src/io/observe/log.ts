import pino, { type Logger } from 'pino';

export type { Logger };

/** Structured logs; readable lines on a terminal, JSON lines elsewhere. */
export function createLogger(options: { pretty?: boolean; level?: string } = {}): Logger {
  const pretty = options.pretty ?? process.stderr.isTTY;
  const level = options.level ?? process.env.LOG_LEVEL ?? 'info';
  if (pretty) {
    return pino({
      level,
      transport: {
        target: 'pino-pretty',
        options: { destination: 2, ignore: 'pid,hostname', translateTime: 'HH:MM:ss' },
      },
    });
  }
  return pino({ level }, pino.destination(2));
}
