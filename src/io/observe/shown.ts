/**
 * A machine's context or event as the inspectors show it: JSON has no Maps, and writes
 * each one as `{}`, so a Map is shown as an object of its entries (and a Set as a list).
 * Own keys are defined, never assigned, so a key like `__proto__` stays data.
 */
export function shown(value: unknown): unknown {
  if (value instanceof Map) {
    return Object.fromEntries([...value].map(([key, item]) => [String(key), shown(item)]));
  }
  if (value instanceof Set) return [...value].map(shown);
  if (Array.isArray(value)) return value.map(shown);
  if (
    value !== null &&
    typeof value === 'object' &&
    Object.getPrototypeOf(value) === Object.prototype
  ) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, shown(item)]));
  }
  return value;
}
