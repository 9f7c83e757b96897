import { type IncomingMessage, request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';

export interface GetOptions {
  signal: AbortSignal;
  accept: string;
  /** How names are resolved at connection time (default: the system's). */
  lookup?: LookupFunction | undefined;
}

/**
 * Starts a GET of an http(s) URL on a connection of its own (nothing is kept alive) and
 * resolves with the response; its body is read from the response stream.
 */
export function httpGet(url: URL, options: GetOptions): Promise<IncomingMessage> {
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        agent: false,
        signal: options.signal,
        headers: { accept: options.accept },
        ...(options.lookup ? { lookup: options.lookup } : {}),
      },
      resolve,
    );
    req.once('error', reject);
    req.end();
  });
}
