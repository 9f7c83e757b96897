import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchEventData } from '../../src/io/eventData/fetchEventData.js';
import { fixtureData, harness, OP } from '../helpers/harness.js';
import { hugeDatabase } from '../helpers/hugeImports.js';
import { freePort } from '../helpers/ports.js';

let server: Server;
let base: string;
let port: number;
let requests = 0;
const LIMITS = { maxBytes: 4 * 1024 * 1024, timeoutMs: 3000, maxRedirects: 3, allowPrivate: true };

beforeAll(async () => {
  server = createServer((req, res) => {
    requests++;
    const chunk = Buffer.alloc(64 * 1024, 'a');
    switch (req.url) {
      case '/good':
        res.end(
          JSON.stringify({
            tracks: ['swift', 'zuul'],
            motd: [{ level: 'info', message: 'loaded' }],
          }),
        );
        return;
      case '/big-declared':
        res.writeHead(200, { 'Content-Length': 50 * 1024 * 1024 });
        res.end();
        return;
      case '/big': {
        // 50 MB, chunked, no length announced.
        let sent = 0;
        const pump = () => {
          while (sent < 50 * 1024 * 1024) {
            sent += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          res.end();
        };
        res.on('close', () => {
          sent = Infinity;
        });
        pump();
        return;
      }
      case '/endless': {
        const timer = setInterval(() => res.write('{"tracks": ['), 1);
        res.on('close', () => clearInterval(timer));
        return;
      }
      case '/drip': {
        res.write('{');
        const timer = setInterval(() => res.write(' '), 200);
        res.on('close', () => clearInterval(timer));
        return;
      }
      case '/not-json':
        res.end('<html>not json</html>');
        return;
      case '/huge':
        res.end(
          JSON.stringify(hugeDatabase({ tracks: 10_000, checkins: 8_000, subscriptions: 3_000 })),
        );
        return;
      case '/wrong-shape':
        res.end(JSON.stringify({ tracks: 'swift', slots: [] }));
        return;
      case '/to-ftp':
        res.writeHead(302, { Location: 'ftp://example.org/data.json' });
        res.end();
        return;
      case '/to-javascript':
        res.writeHead(302, { Location: 'javascript:alert(1)' });
        res.end();
        return;
      case '/loop':
        res.writeHead(302, { Location: '/loop' });
        res.end();
        return;
      default:
        res.writeHead(500, 'Internal Server Error');
        res.end('oops');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const event = () =>
  harness({
    data: fixtureData('event-later.json'),
    fetchEventData: (url) => fetchEventData(url, LIMITS),
  });

describe('~fetchdb against hostile servers', () => {
  it.each([
    ['/big-declared', 'it is larger than 4 MB'],
    ['/big', 'it is larger than 4 MB'],
    ['/endless', /it is larger than 4 MB|no complete answer within 3 s/],
    ['/drip', 'no complete answer within 3 s'],
    ['/not-json', 'it is not JSON'],
    ['/wrong-shape', 'tracks: must be a list of track names'],
    ['/to-ftp', 'it redirects to something that is not an http(s) URL'],
    ['/to-javascript', 'it redirects to something that is not an http(s) URL'],
    ['/loop', 'too many redirects'],
    ['/error', 'the server answered 500 Internal Server Error'],
  ])('%s: a clear reply within bounded time, and nothing changes', async (path, problem) => {
    const h = await event();
    const before = h.ptg();
    const started = performance.now();
    const [reply] = await h.say(`~fetchdb ${base}${path}`, OP);
    // Bounded by the fetch's own timeout; the margin is for a busy machine.
    expect(performance.now() - started).toBeLessThan(LIMITS.timeoutMs + 30_000);
    expect(reply).toMatch(new RegExp(`^olivia: Could not load ${base}${path}: `));
    expect(reply).toMatch(problem);
    expect(h.ptg()).toEqual(before);
  });

  it('a good file loads, replacing only the keys it gives', async () => {
    const h = await event();
    expect(await h.say(`~fetchdb ${base}/good`, OP)).toEqual([
      `olivia: Loaded event data from ${base}/good: replaced motd, tracks`,
    ]);
    expect(h.ptg().tracks).toEqual(expect.arrayContaining(['swift', 'zuul', 'nova']));
    expect(h.ptg().motd).toEqual([{ level: 'info', message: 'loaded' }]);
    expect(h.ptg().eventid).toBe('HBR-ptg');
  });

  it('data far past every limit is cut to the limits, said in the reply, within 2 s of work', async () => {
    const h = await event();
    const started = performance.now();
    const [reply] = await h.say(`~fetchdb ${base}/huge`, OP);
    await h.say(`~fetchdb ${base}/huge confirm`, OP);
    console.log(`~fetchdb of 10,000 tracks: ${Math.round(performance.now() - started)} ms`);
    expect(reply).toMatch(/tracks: 9500 left out: at most 500 tracks/);
    expect(reply).toMatch(/last_check_in: 3000 left out: at most 5000 check-ins/);
    const ptg = h.ptg();
    expect(ptg.tracks).toHaveLength(500);
    expect(Object.keys(ptg.last_check_in)).toHaveLength(5000);
    expect(Object.keys(ptg.subscriptions).length).toBeLessThanOrEqual(2000);
    expect(Math.max(...Object.values(ptg.next).map((n) => n.length))).toBe(20);
  });

  it('never repeats the credentials of an address', async () => {
    const h = await event();
    const [failed] = await h.say(`~fetchdb http://ops:s3cret@127.0.0.1:${port}/error`, OP);
    expect(failed).toBe(
      `olivia: Could not load http://127.0.0.1:${port}/error: the server answered 500 Internal Server Error`,
    );
    const [loaded] = await h.say(`~fetchdb http://ops:s3cret@127.0.0.1:${port}/good`, OP);
    expect(loaded).not.toContain('s3cret');
    expect(await h.say('~undo', OP)).toEqual([
      `olivia: Undid ~fetchdb http://127.0.0.1:${port}/good`,
    ]);
  });

  it('a server that is not there', async () => {
    const h = await event();
    const url = `http://127.0.0.1:${await freePort()}/data.json`;
    const [reply] = await h.say(`~fetchdb ${url}`, OP);
    expect(reply).toBe(`olivia: Could not load ${url}: the server could not be reached`);
  });
});

describe('~fetchdb and private addresses', () => {
  it.each([
    'http://127.0.0.1:1/x.json',
    'http://localhost/x.json',
    'http://[::1]/x.json',
    'http://10.1.2.3/x.json',
    'http://169.254.169.254/latest/meta-data',
    'http://192.168.0.1/x.json',
    'http://[::ffff:127.0.0.1]/x.json',
    'http://0.0.0.0/x.json',
  ])('refuses %s unless fetchdb_allow_private is set, without connecting', async (url) => {
    const result = await fetchEventData(url, { ...LIMITS, allowPrivate: false });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem).toMatch(/local or private address/);
  });
});

describe('~fetchdb checks a name where it connects, on the addresses it connects to', () => {
  const resolver = (...addresses: string[]) => {
    const resolve = async () => {
      resolve.asked++;
      return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    };
    resolve.asked = 0;
    return resolve;
  };
  const strict = { ...LIMITS, allowPrivate: false };

  it.each([[['127.0.0.1']], [['::1']], [['192.0.2.10', '10.0.0.5']]])(
    'a name resolving to %j is refused, resolved once, and nothing is fetched',
    async (addresses) => {
      const resolve = resolver(...addresses);
      const before = requests;
      const result = await fetchEventData(`http://rebind.example:${port}/good`, strict, resolve);
      expect(result).toEqual({
        ok: false,
        problem:
          'rebind.example is a local or private address (set fetchdb_allow_private to allow it)',
      });
      expect(resolve.asked).toBe(1);
      expect(requests).toBe(before);
    },
  );

  it('a name resolving publicly is connected to at the address that was checked', async () => {
    // 192.0.2.0/24 is reserved for documentation: nothing answers there. Had the
    // connection resolved the name again by itself, it would find no such name.
    const resolve = resolver('192.0.2.10');
    const result = await fetchEventData('http://rebind.example/x.json', strict, resolve);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem).toMatch(/could not be reached|no complete answer/);
    expect(resolve.asked).toBe(1);
  });
});
