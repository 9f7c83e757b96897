import type { Encoded, Encoding } from './encoded.js';

type HeaderList = ReadonlyArray<readonly [string, string]>;

const NOSNIFF: HeaderList = [
  ['Cross-Origin-Resource-Policy', 'same-origin'],
  ['Referrer-Policy', 'no-referrer'],
  ['Strict-Transport-Security', 'max-age=15552000; includeSubDomains'],
  ['X-Content-Type-Options', 'nosniff'],
];

/**
 * What protects a page shown in a browser: no script but ours, no framing by others, its
 * own process. (IE- and Flash-era headers such as X-XSS-Protection are no longer sent.)
 */
const DOCUMENT_HEADERS: HeaderList = [
  [
    'Content-Security-Policy',
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'none'; frame-ancestors 'self'",
  ],
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  ['Origin-Agent-Cluster', '?1'],
  ['X-DNS-Prefetch-Control', 'off'],
  ['X-Frame-Options', 'SAMEORIGIN'],
  ...NOSNIFF,
];

/**
 * The security headers for an answer of a content type: the full set for pages; for data,
 * scripts, styles and streams, what applies to them (not sniffed, not embedded elsewhere).
 */
export const securityHeadersFor = (type: string | null): HeaderList =>
  type?.startsWith('text/html') ? DOCUMENT_HEADERS : NOSNIFF;

/** Longer If-None-Match headers are not read: no client sends one. */
const MAX_IF_NONE_MATCH = 4096;

/** Answers 304 when the client already has this version; linear in the header's length. */
export function notModified(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined || ifNoneMatch.length > MAX_IF_NONE_MATCH) return false;
  for (const raw of ifNoneMatch.split(',')) {
    const tag = raw.trim();
    if (tag === '*' || tag === etag || (tag.startsWith('W/') && tag.slice(2) === etag)) return true;
  }
  return false;
}

/** A resource served from stored bytes: its current representation, and headers of its own. */
export interface StoredRoute {
  representation: () => Encoded;
  headers?: HeaderList;
}

/** Response headers as one object, made once and handed to node:http as they are. */
export type HeaderObject = Readonly<Record<string, string>>;

/** An answer as status, headers and body: made of stored parts. */
export interface Answer {
  status: 200 | 304;
  headers: HeaderObject;
  body: Uint8Array<ArrayBuffer> | null;
}

const asObject = (pairs: readonly string[]): HeaderObject => {
  const out: Record<string, string> = {};
  for (let i = 0; i < pairs.length; i += 2) out[pairs[i] as string] = pairs[i + 1] as string;
  return out;
};

/** Per representation and encoding: the headers of its 200 and of its 304, built once. */
const built = new WeakMap<
  Encoded,
  Map<Encoding, { ok: HeaderObject; notModified: HeaderObject }>
>();

function headersOf(
  representation: Encoded,
  route: StoredRoute,
  encoding: Encoding,
  etag: string,
  length: number,
) {
  let byEncoding = built.get(representation);
  if (!byEncoding) {
    byEncoding = new Map();
    built.set(representation, byEncoding);
  }
  let headers = byEncoding.get(encoding);
  if (!headers) {
    const common = [
      ...securityHeadersFor(representation.type).flat(),
      ...(route.headers ?? []).flat(),
      'Cache-Control',
      'no-cache',
      'Vary',
      'Accept-Encoding',
      'ETag',
      etag,
    ];
    headers = {
      notModified: asObject(common),
      ok: asObject([
        ...common,
        'Content-Type',
        representation.type,
        'Content-Length',
        String(length),
        ...(encoding ? ['Content-Encoding', encoding] : []),
      ]),
    };
    byEncoding.set(encoding, headers);
  }
  return headers;
}

/**
 * A cacheable answer: revalidated every time, 304 when the client has this version, the
 * stored bytes in the encoding the client takes. The same for Hono and the fast path.
 */
export function storedAnswer(
  route: StoredRoute,
  acceptEncoding: string | undefined,
  ifNoneMatch: string | undefined,
): Answer {
  const representation = route.representation();
  const { bytes, encoding, etag } = representation.pick(acceptEncoding);
  const headers = headersOf(representation, route, encoding, etag, bytes.length);
  return notModified(ifNoneMatch, etag)
    ? { status: 304, headers: headers.notModified, body: null }
    : { status: 200, headers: headers.ok, body: bytes };
}
