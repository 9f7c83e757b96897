import { open } from 'node:fs/promises';

/**
 * The most a data file (config, event file, the original's database) may weigh. A real
 * event's database is under 1 MiB; JSON takes about ten times its size in memory.
 */
export const MAX_DATA_FILE_BYTES = 16 * 1024 * 1024;

/**
 * A data file's text, read only when it is no larger than `maxBytes`: a file past it is
 * refused with its size, before any of it is parsed.
 */
export async function readDataFile(path: string, maxBytes = MAX_DATA_FILE_BYTES): Promise<string> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    if (size > maxBytes) {
      const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
      throw new Error(`it is ${mib(size)}, more than the ${mib(maxBytes)} a data file may be`);
    }
    return await file.readFile('utf8');
  } finally {
    await file.close();
  }
}
