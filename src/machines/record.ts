/**
 * Records keyed by what people type (nicks, tracks, rooms, slots, link names). A plain
 * object answers `constructor` or `__proto__` from its prototype, so every lookup by such
 * a key goes through `own`, and every write builds a new object with a computed key or
 * `Object.fromEntries`, both of which define an own property whatever the key is.
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

/** A copy with `key` set. */
export function withEntry<T>(record: Dict<T>, key: string, value: T): Dict<T> {
  return { ...record, [key]: value };
}

/** A copy without `key`. */
export function withoutEntry<T>(record: Dict<T>, key: string): Dict<T> {
  return Object.fromEntries(Object.entries(record).filter(([k]) => k !== key));
}
