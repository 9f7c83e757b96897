const cache = new Map<string, Intl.DateTimeFormat>();

/**
 * A date formatter for one style and time zone, made once: making one costs far more than
 * using it. Throws a RangeError for a time zone the runtime does not know.
 */
export function formatterIn(
  style: string,
  timeZone: string,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  const key = `${style} ${timeZone}`;
  let formatter = cache.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', { ...options, timeZone, hourCycle: 'h23' });
    cache.set(key, formatter);
  }
  return formatter;
}
