import { type ParsedEventData, parseEventData } from './eventData/parseEventData.js';
import { privateHostProblem } from './net/privateAddress.js';
import { httpUrl } from './validate/httpUrl.js';

export interface FetchLimits {
  maxBytes: number;
  timeoutMs: number;
  maxRedirects: number;
  /** Whether loopback, link-local and private addresses may be fetched. */
  allowPrivate?: boolean;
}

export const DEFAULT_FETCH_LIMITS: FetchLimits = {
  maxBytes: 5 * 1024 * 1024,
  timeoutMs: 10_000,
  maxRedirects: 3,
  allowPrivate: false,
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
      if (!limits.allowPrivate) {
        const problem = await privateHostProblem(new URL(target).hostname);
        if (problem !== null) return fail(problem);
      }
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
  } catch {
    if (signal.aborted) return fail(`no complete answer within ${limits.timeoutMs / 1000} s`);
    // Which ports answer is not for the reply to tell.
    return fail('the server could not be reached');
  }
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
