import { dirname, resolve } from 'node:path';
import type { EventImport } from '../../machines/model.js';
import { assertTimeZone } from '../clock/localTime.js';
import { DEFAULT_LIMITS, type Limits } from '../../machines/limits.js';
import { EVENT_KEYS, type ParsedEventData, parseEventData } from '../eventData/parseEventData.js';
import { readDataFile } from '../eventData/readDataFile.js';
import { skipLines } from '../eventData/skips.js';
import { limitsFromConfig } from './limits.js';
import { closest } from '../text/closest.js';
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

export interface ConfigOptions {
  /** Warn about unknown keys instead of refusing them. */
  ignoreUnknownKeys?: boolean;
}

/** Reads, validates and resolves a config file; every error names the key at fault. */
export async function loadConfig(path: string, options: ConfigOptions = {}): Promise<LoadedConfig> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readDataFile(path));
  } catch (error) {
    throw new ConfigError(`Cannot read the config ${path}: ${(error as Error).message}`);
  }
  return resolveConfig(raw, dirname(resolve(path)), path, options);
}

export async function resolveConfig(
  raw: unknown,
  baseDir: string,
  name: string,
  options: ConfigOptions = {},
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
  const unknown = Object.keys(raw).filter((key) => !CONFIG_KEYS.has(key) && !EVENT_KEYS.has(key));
  const describeUnknown = (key: string) => {
    const near = closest(key, [...CONFIG_KEYS, ...EVENT_KEYS]);
    return `${key}: unknown key${near ? `; did you mean ${near}?` : ''}`;
  };
  if (unknown.length > 0 && !options.ignoreUnknownKeys) {
    throw new ConfigError(
      `${name}: ${unknown.map(describeUnknown).join('; ')} (start with --ignore-unknown-keys to run anyway)`,
    );
  }
  const warnings = unknown.map((key) => `${name}: ${describeUnknown(key)}: ignored`);
  if (config.timezone !== undefined) {
    try {
      assertTimeZone(config.timezone);
    } catch {
      throw new ConfigError(`${name}: timezone: unknown time zone '${config.timezone}'`);
    }
  }

  const limits = limitsOfConfig(config);
  const eventKeys = Object.fromEntries(Object.entries(raw).filter(([key]) => EVENT_KEYS.has(key)));
  let eventData: EventImport | null = null;
  if (config.event_file !== undefined) {
    const file = resolve(baseDir, config.event_file);
    let json: unknown;
    try {
      json = JSON.parse(await readDataFile(file));
    } catch (error) {
      throw new ConfigError(
        `${name}: event_file: cannot read ${file}: ${(error as Error).message}`,
      );
    }
    eventData = usable(parseEventData(json, limits), file, warnings);
  }
  if (Object.keys(eventKeys).length > 0) {
    eventData = { ...eventData, ...usable(parseEventData(eventKeys, limits), name, warnings) };
  }
  return { config, eventData, warnings, baseDir };
}

/** The data read, with each skipped value added to the warnings; no data at all stops. */
function usable(parsed: ParsedEventData, source: string, warnings: string[]): EventImport {
  if (!parsed.ok) throw new ConfigError(`${source}: ${parsed.problem}`);
  for (const line of skipLines(parsed.skipped)) warnings.push(`${source}: ${line}`);
  return parsed.data;
}

/** The limits the config sets, the defaults for the rest: what every import is cut to. */
export function limitsOfConfig(config: Config): Limits {
  return { ...DEFAULT_LIMITS, ...(config.limits ? limitsFromConfig(config.limits) : {}) };
}
