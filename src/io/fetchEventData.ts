import { type ParsedEventData, parseEventData } from './eventData/parseEventData.js';
import { httpUrl } from './validate/httpUrl.js';

export interface FetchLimits {
  maxBytes: number;
  timeoutMs: number;
  maxRedirects: number;
}

export const DEFAULT_FETCH_LIMITS: FetchLimits = {
  maxBytes: 5 * 1024 * 1024,
  timeoutMs: 10_000,
  maxRedirects: 3,
};

const fail = (problem: string): ParsedEventData => ({ ok: false, problem });

/**
 * Fetches event data for `~fetchdb`, bounded in size, time and redirects, and checks its
 * shape. Never throws: every failure is a short reason for the admin.
 */
export async function fetchEventData(
  url: string,
  limits: FetchLimits = DEFAULT_FETCH_LIMITS,
): Promise<ParsedEventData> {
  const signal = AbortSignal.timeout(limits.timeoutMs);
  try {
    let target = url;
    for (let hop = 0; ; hop++) {
      const response = await fetch(target, {
        redirect: 'manual',
        signal,
        headers: { accept: 'application/json' },
      });
      if (response.status >= 300 && response.status < 400) {
        await response.body?.cancel();
        const location = response.headers.get('location');
        const next = location === null ? null : httpUrl(new URL(location, target).href);
        if (next === null) return fail('it redirects to something that is not an http(s) URL');
        if (hop >= limits.maxRedirects) return fail('too many redirects');
        target = next;
        continue;
      }
      if (!response.ok) {
        await response.body?.cancel();
        return fail(`the server answered ${response.status} ${response.statusText}`.trim());
      }
      const text = await readLimited(response, limits.maxBytes);
      if (text === null)
        return fail(`it is larger than ${Math.round(limits.maxBytes / 1024 / 1024)} MB`);
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        return fail('it is not JSON');
      }
      return parseEventData(json);
    }
  } catch (error) {
    if (signal.aborted) return fail(`no complete answer within ${limits.timeoutMs / 1000} s`);
    const cause = errorCode((error as { cause?: unknown }).cause);
    return fail(cause ? `cannot connect (${cause})` : (error as Error).message);
  }
}

/** The system error code behind a failed fetch (possibly inside an AggregateError). */
function errorCode(cause: unknown): string | undefined {
  const value = cause as { code?: string; errors?: Array<{ code?: string }> } | undefined;
  return (
    value?.code ??
    value?.errors?.find((e) => e.code)?.code ??
    (cause instanceof Error ? cause.message : undefined)
  );
}

async function readLimited(response: Response, maxBytes: number): Promise<string | null> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    return null;
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
