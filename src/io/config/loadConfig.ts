import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { EventImport } from '../../machines/model.js';
import { assertTimeZone } from '../clock/localTime.js';
import { parseEventData } from '../eventData/parseEventData.js';
import { KNOWN_KEYS as EVENT_KEYS } from '../eventData/schema.js';
import { CONFIG_KEYS, type Config, configSchema } from './configSchema.js';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export interface LoadedConfig {
  config: Config;
  /** Event data found in the config file itself or in its `event_file`. */
  eventData: EventImport | null;
  warnings: string[];
  /** Folder the config's relative paths are read from. */
  baseDir: string;
}

/** Reads, validates and resolves a config file; every error names the key at fault. */
export async function loadConfig(path: string): Promise<LoadedConfig> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(`Cannot read the config ${path}: ${(error as Error).message}`);
  }
  return resolveConfig(raw, dirname(resolve(path)), path);
}

export async function resolveConfig(
  raw: unknown,
  baseDir: string,
  name: string,
): Promise<LoadedConfig> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ConfigError(`${name}: expected a JSON object`);
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`${name}: ${issue?.path.join('.') || '(top level)'}: ${issue?.message}`);
  }
  const config = parsed.data;
  const warnings = Object.keys(raw)
    .filter((key) => !CONFIG_KEYS.has(key) && !EVENT_KEYS.has(key))
    .map((key) => `${name}: unknown key '${key}' is ignored`);
  if (config.timezone !== undefined) {
    try {
      assertTimeZone(config.timezone);
    } catch {
      throw new ConfigError(`${name}: timezone: unknown time zone '${config.timezone}'`);
    }
  }

  const eventKeys = Object.fromEntries(Object.entries(raw).filter(([key]) => EVENT_KEYS.has(key)));
  let eventData: EventImport | null = null;
  if (config.event_file !== undefined) {
    const file = resolve(baseDir, config.event_file);
    let json: unknown;
    try {
      json = JSON.parse(await readFile(file, 'utf8'));
    } catch (error) {
      throw new ConfigError(
        `${name}: event_file: cannot read ${file}: ${(error as Error).message}`,
      );
    }
    const data = parseEventData(json);
    if (!data.ok) throw new ConfigError(`${file}: ${data.problem}`);
    eventData = data.data;
  }
  if (Object.keys(eventKeys).length > 0) {
    const data = parseEventData(eventKeys);
    if (!data.ok) throw new ConfigError(`${name}: ${data.problem}`);
    eventData = { ...eventData, ...data.data };
  }
  return { config, eventData, warnings, baseDir };
}
