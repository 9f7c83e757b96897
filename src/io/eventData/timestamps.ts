const ISO = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2}(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * A time as the original bot or ours wrote it: seconds since 1970, an ISO string, or the
 * original's `YYYY-MM-DD HH:MM:SS` (the server's local time). ISO out, with the offset
 * when one was given, or null when it is not a time.
 */
export function readTimestamp(value: unknown): string | null {
  if (typeof value === 'number') {
    const date = new Date(value * 1000);
    return Number.isFinite(value) && !Number.isNaN(date.getTime()) ? date.toISOString() : null;
  }
  if (typeof value !== 'string') return null;
  const m = ISO.exec(value.trim());
  if (!m) return null;
  const iso = `${m[1]}T${m[2]}${m[3] ?? ':00'}${m[4] ?? ''}`;
  return Number.isNaN(Date.parse(iso)) ? null : iso;
}

/** A slot's absolute start: it must carry its zone (`Z` or an offset); seconds may be absent. */
export function readRealtime(value: unknown): string | null {
  const iso = readTimestamp(value);
  return iso !== null && typeof value === 'string' && /(Z|[+-]\d{2}:?\d{2})$/.test(iso)
    ? iso
    : null;
}
