/**
 * Records keyed by what people type, where they are still plain objects: event files,
 * ptg.json and the page's state (the machines keep Maps). A plain object answers
 * `constructor` or `__proto__` from its prototype, so every lookup by such a key goes
 * through `own`, and every write uses `Object.fromEntries`, which defines an own property
 * whatever the key is.
 */
export type Dict<T> = Record<string, T>;

/** The value stored under `key` itself, never one inherited from `Object.prototype`. */
export function own<T>(record: Dict<T> | null | undefined, key: string): T | undefined {
  return record != null && Object.hasOwn(record, key) ? record[key] : undefined;
}

export function hasOwn(record: Dict<unknown> | null | undefined, key: string): boolean {
  return record != null && Object.hasOwn(record, key);
}

/** Whether an object has any key of its own, without listing them. */
export function hasKeys(record: object): boolean {
  for (const key in record) if (Object.hasOwn(record, key)) return true;
  return false;
}

/**
 * Maps keyed by what people type: no key can meet `Object.prototype`. The machines never
 * change one in place (xstate compares snapshots by identity): these copy.
 */
export function withMapEntry<T>(
  map: ReadonlyMap<string, T>,
  key: string,
  value: T,
): Map<string, T> {
  return new Map(map).set(key, value);
}

export function withoutMapEntry<T>(map: ReadonlyMap<string, T>, key: string): Map<string, T> {
  const copy = new Map(map);
  copy.delete(key);
  return copy;
}
