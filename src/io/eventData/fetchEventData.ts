import { type ParsedEventData, parseEventData } from './parseEventData.js';
import type { Limits } from '../../machines/limits.js';
import type { IncomingMessage } from 'node:http';
import { httpGet } from '../net/httpGet.js';
import {
  PrivateHostError,
  privateLiteralProblem,
  publicOnlyLookup,
  type Resolve,
  systemResolve,
} from '../net/privateAddress.js';
import { httpUrl, urlWithoutCredentials } from '../validate/httpUrl.js';

export interface FetchLimits {
  maxBytes: number;
  timeoutMs: number;
  maxRedirects: number;
  /** Whether loopback, link-local and private addresses may be fetched. */
  allowPrivate?: boolean;
  /** What the data read is cut to (the config's limits). */
  data?: Limits;
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
 * shape. Unless private addresses are allowed, an address literal is checked before and
 * a name at connection time, on the very addresses the connection uses. Never throws:
 * every failure is a short reason for the admin.
 */
export async function fetchEventData(
  url: string,
  limits: FetchLimits = DEFAULT_FETCH_LIMITS,
  resolve: Resolve = systemResolve,
): Promise<ParsedEventData> {
  const signal = AbortSignal.timeout(limits.timeoutMs);
  const lookup = limits.allowPrivate ? undefined : publicOnlyLookup(resolve);
  let target: URL | null = null;
  try {
    target = new URL(url);
    for (let hop = 0; ; hop++) {
      if (!limits.allowPrivate) {
        const problem = privateLiteralProblem(target.hostname);
        if (problem !== null) return fail(problem);
      }
      const response = await httpGet(target, { signal, lookup, accept: 'application/json' });
      const status = response.statusCode ?? 0;
      if (status >= 300 && status < 400) {
        response.destroy();
        const location = response.headers.location;
        const next: string | null =
          location === undefined ? null : httpUrl(new URL(location, target).href);
        if (next === null) return fail('it redirects to something that is not an http(s) URL');
        if (hop >= limits.maxRedirects) return fail('too many redirects');
        target = new URL(next);
        continue;
      }
      if (status < 200 || status >= 300) {
        response.destroy();
        return fail(`the server answered ${status} ${response.statusMessage ?? ''}`.trim());
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
      return parseEventData(json, limits.data);
    }
  } catch (error) {
    if (error instanceof PrivateHostError) return fail(error.message);
    if (signal.aborted) return fail(`no complete answer within ${limits.timeoutMs / 1000} s`);
    if ((error as NodeJS.ErrnoException).code === 'ENOTFOUND')
      return fail(
        `the name ${target?.hostname ?? urlWithoutCredentials(url)} could not be resolved`,
      );
    // Which ports answer is not for the reply to tell.
    return fail('the server could not be reached');
  }
}

async function readLimited(response: IncomingMessage, maxBytes: number): Promise<string | null> {
  const declared = Number(response.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    response.destroy();
    return null;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response as AsyncIterable<Buffer>) {
    size += chunk.byteLength;
    if (size > maxBytes) {
      response.destroy();
      return null;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
