import { type IncomingMessage, request as httpRequest } from 'node:http';
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
export async function httpGet(url: URL, options: GetOptions): Promise<IncomingMessage> {
  // TLS is loaded when first needed: a bot that never fetches over https does not hold it.
  const request = url.protocol === 'https:' ? (await import('node:https')).request : httpRequest;
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
