import { BlockList, isIP } from 'node:net';

/** The reverse proxies whose word on the client's address is taken (addresses or CIDR ranges). */
export function trustedProxies(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', prefix] = entry.split('/');
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(prefix), family);
  }
  return list;
}

/** `::ffff:10.0.0.1` (how node:http names an IPv4 peer on a dual-stack socket) is `10.0.0.1`. */
function plain(address: string): string {
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}

function isTrusted(list: BlockList, address: string): boolean {
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

/** The addresses a `Forwarded` header names in `for=`, in order (`"[::1]:80"` is `::1`). */
function forwardedFor(header: string): string[] {
  const out: string[] = [];
  for (const match of header.matchAll(/for=("?)([^;,"]*)\1/gi)) {
    let value = match[2] ?? '';
    if (value.startsWith('[')) value = value.slice(1, value.indexOf(']'));
    else if (isIP(value) === 0 && value.includes(':'))
      value = value.slice(0, value.lastIndexOf(':'));
    out.push(value);
  }
  return out;
}

/** Longer headers are not read: no chain of proxies is that long. */
const MAX_HEADER = 2048;

/**
 * Who is asking: the peer, unless the peer is a trusted proxy; then the nearest address
 * in `Forwarded` (or `X-Forwarded-For`) that is not itself a trusted proxy, read from the
 * right, since only what trusted proxies appended can be believed.
 */
export function clientAddress(
  peer: string | undefined,
  headers: { forwarded?: string | undefined; xForwardedFor?: string | undefined },
  trusted: BlockList | null,
): string {
  const address = plain(peer ?? 'local');
  if (trusted === null || !isTrusted(trusted, address)) return address;
  const chain =
    headers.forwarded && headers.forwarded.length <= MAX_HEADER
      ? forwardedFor(headers.forwarded)
      : headers.xForwardedFor && headers.xForwardedFor.length <= MAX_HEADER
        ? headers.xForwardedFor.split(',').map((hop) => hop.trim())
        : [];
  for (let i = chain.length - 1; i >= 0; i--) {
    const hop = plain(chain[i] as string);
    if (isIP(hop) === 0) return address;
    if (!isTrusted(trusted, hop)) return hop;
  }
  return address;
}
