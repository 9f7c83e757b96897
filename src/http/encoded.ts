import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export type Encoding = 'br' | 'gzip' | null;

/** Bodies smaller than this are sent as they are: compressing them gains nothing. */
const SMALL = 1024;

/** Browsers send a handful of distinct Accept-Encoding values: each is read once. */
const chosen = new Map<string, Encoding>();
const MAX_REMEMBERED = 64;

/** The encoding to send for an Accept-Encoding header: brotli, else gzip, else none. Linear. */
export function chooseEncoding(accept: string | undefined): Encoding {
  if (!accept || accept.length > 1024) return null;
  let encoding = chosen.get(accept);
  if (encoding === undefined) {
    encoding = readAcceptEncoding(accept);
    if (chosen.size >= MAX_REMEMBERED) chosen.clear();
    chosen.set(accept, encoding);
  }
  return encoding;
}

function readAcceptEncoding(accept: string): Encoding {
  let gzip = false;
  for (const part of accept.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const refused = params.some((p) => /^\s*q\s*=\s*0(\.0*)?\s*$/.test(p));
    if (refused) continue;
    if (name === 'br') return 'br';
    if (name === 'gzip' || name === '*') gzip = true;
  }
  return gzip ? 'gzip' : null;
}

/**
 * One representation of a resource, as bytes, and compressed at most once for each
 * encoding (on the first request that wants it): serving is picking stored bytes.
 */
export class Encoded {
  readonly identity: Uint8Array<ArrayBuffer>;
  private gz: Uint8Array<ArrayBuffer> | null = null;
  private br: Uint8Array<ArrayBuffer> | null = null;
  private readonly brEtag: string;
  private readonly gzEtag: string;

  constructor(
    body: string | Uint8Array,
    /** The ETag of the identity bytes, quoted. */
    readonly etag: string,
    readonly type: string,
  ) {
    this.identity = (
      typeof body === 'string' ? Buffer.from(body) : body
    ) as Uint8Array<ArrayBuffer>;
    this.brEtag = etag.replace(/"$/, '-br"');
    this.gzEtag = etag.replace(/"$/, '-gz"');
  }

  /** The bytes and ETag to send for a request's Accept-Encoding. */
  pick(accept: string | undefined): {
    bytes: Uint8Array<ArrayBuffer>;
    encoding: Encoding;
    etag: string;
  } {
    const wanted = this.identity.length < SMALL ? null : chooseEncoding(accept);
    if (wanted === 'br') {
      this.br ??= brotliCompressSync(this.identity, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 5 },
      }) as Uint8Array<ArrayBuffer>;
      return { bytes: this.br, encoding: 'br', etag: this.brEtag };
    }
    if (wanted === 'gzip') {
      this.gz ??= gzipSync(this.identity) as Uint8Array<ArrayBuffer>;
      return { bytes: this.gz, encoding: 'gzip', etag: this.gzEtag };
    }
    return { bytes: this.identity, encoding: null, etag: this.etag };
  }
}
