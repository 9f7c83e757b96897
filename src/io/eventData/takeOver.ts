import type { Limits } from '../../machines/limits.js';
import type { EventImport } from '../../machines/model.js';
import { ConfigError } from '../config/loadConfig.js';
import { parseEventData } from './parseEventData.js';
import { readDataFile } from './readDataFile.js';
import { skipLines } from './skips.js';
import type { Logger } from '../observe/log.js';

/**
 * The original bot keeps its whole database in `db_filename`. At our first start that file
 * is the starting state, so an event switches bots without losing a topic, a booking, a
 * check-in or a subscription. A file that is there but cannot be read stops the start:
 * it is never replaced unread.
 */
export async function readTakeOver(
  path: string,
  log: Logger,
  limits?: Limits,
): Promise<EventImport | undefined> {
  let text: string;
  try {
    text = await readDataFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ConfigError(
      `db_filename: cannot read ${path}: ${(error as Error).message}; it was left untouched`,
    );
  }
  if (text.trim() === '') return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(
      `db_filename: ${path} is not JSON (${(error as Error).message}); it was left untouched`,
    );
  }
  const parsed = parseEventData(json, limits);
  if (!parsed.ok) {
    throw new ConfigError(`db_filename: ${path}: ${parsed.problem}; it was left untouched`);
  }
  for (const line of skipLines(parsed.skipped))
    log.warn({ file: path }, `taking over ${path}: ${line}`);
  const d = parsed.data;
  const count = (record: object | undefined) => Object.keys(record ?? {}).length;
  log.info(
    {
      file: path,
      tracks: d.tracks?.length ?? 0,
      topics: count(d.now),
      next: count(d.next),
      bookings: Object.values(d.schedule ?? {}).reduce(
        (n, room) => n + Object.values(room).filter((t) => t !== '').length,
        0,
      ),
      checkins: count(d.last_check_in),
      subscriptions: count(d.subscriptions),
      banners: d.motd?.length ?? 0,
      skipped: parsed.skipped.length,
    },
    `took over the existing database ${path}`,
  );
  return d;
}
