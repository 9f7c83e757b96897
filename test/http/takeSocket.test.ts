import { createServer } from 'node:http';
import { type AddressInfo, connect, Socket as NetSocket, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { takeSocket } from '../../src/http/takeSocket.js';
import { listen } from '../helpers/browser.js';
import { OP } from '../helpers/harness.js';
import { web } from '../helpers/web.js';

/** A raw connection that keeps all it receives, and waits for what it expects. */
async function rawClient(port: number) {
  const socket = connect(port, '127.0.0.1');
  await new Promise<void>((ready) => socket.once('connect', ready));
  let received = '';
  let waiting: (() => void) | null = null;
  socket.setEncoding('latin1');
  socket.on('data', (chunk: string) => {
    received += chunk;
    waiting?.();
  });
  const ended = new Promise<void>((done) => socket.once('close', () => done()));
  return {
    socket,
    ended,
    send: (text: string) => socket.write(text),
    received: () => received,
    /** Resolves once what was received matches; fails if the connection ends first. */
    until(pattern: RegExp): Promise<string> {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (pattern.test(received)) {
            waiting = null;
            resolve(received);
          }
        };
        waiting = check;
        check();
        void ended.then(() => reject(new Error(`closed before ${pattern}: ${received}`)));
      });
    },
  };
}

const GET = (path: string) => `GET ${path} HTTP/1.1\r\nHost: x\r\n\r\n`;
const STREAM_HEAD = /^HTTP\/1\.1 200 OK\r\n[^]*\r\n\r\nretry: 2000\n\n/m;

const whenHubHas = (w: Awaited<ReturnType<typeof web>>, size: number) =>
  new Promise<void>((resolve) => {
    const check = () => (w.hub.size === size ? resolve() : setImmediate(check));
    check();
  });

/** The last response the page received, head and body. */
const lastResponse = (page: Awaited<ReturnType<typeof rawClient>>) =>
  page.received().slice(page.received().lastIndexOf('HTTP/1.1'));

/** The page sees the next change, then leaves; the hub lets it go. */
async function seesChangeThenLeaves(
  w: Awaited<ReturnType<typeof web>>,
  page: Awaited<ReturnType<typeof rawClient>>,
) {
  await w.say('#swift now erasure codes', OP);
  await page.until(/erasure codes/);
  page.socket.destroy();
  await whenHubHas(w, 0);
}

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

async function served() {
  const w = await web();
  const server = await listen(w.bot.listener);
  cleanup.push(() => server.close());
  return { w, server };
}

describe('the live stream on a connection taken from node:http', () => {
  it('is written on the bare socket: a head of its own, each change, and the page leaving', async () => {
    const { w, server } = await served();
    const page = await rawClient(server.port);
    page.send(GET('/api/events'));
    const head = await page.until(/event: state\n[^]*\n\n/);
    // Taken: no chunked framing, the body runs until the connection ends.
    expect(head).toMatch(STREAM_HEAD);
    expect(head).toMatch(/\r\nConnection: close\r\n/);
    expect(head).toMatch(/\r\nContent-Type: text\/event-stream; charset=utf-8\r\n/);
    expect(head).toMatch(/\r\nX-Content-Type-Options: nosniff\r\n/i);
    expect(head).not.toMatch(/Transfer-Encoding/i);
    await w.say('#swift now ring balancing', OP);
    expect(await page.until(/event: patch\n[^]*ring balancing[^]*\n\n/)).toBeTruthy();
    // Bytes the page sends after its request are ignored; its half-close ends the stream.
    page.send('stray bytes');
    page.socket.end();
    await page.ended;
    await whenHubHas(w, 0);
  });

  it('serves an HTTP/1.0 client too (a proxy speaking 1.0 upstream)', async () => {
    const { w, server } = await served();
    const page = await rawClient(server.port);
    page.send('GET /api/events HTTP/1.0\r\n\r\n');
    await page.until(/retry: 2000\n\n/);
    expect(lastResponse(page)).toMatch(/\r\nConnection: close\r\n/);
    await whenHubHas(w, 1);
    await seesChangeThenLeaves(w, page);
  });

  it('is taken from a kept-alive connection that served the board first', async () => {
    const { w, server } = await served();
    const page = await rawClient(server.port);
    page.send(GET('/ptg.json'));
    await page.until(/\r\n\r\n[^]*"tracks"/);
    page.send(GET('/api/events'));
    await page.until(/retry: 2000\n\n/);
    expect(lastResponse(page)).toMatch(/\r\nConnection: close\r\n/);
    await whenHubHas(w, 1);
    await seesChangeThenLeaves(w, page);
  });

  it('follows pipelined requests on either side of it, and answers the one before', async () => {
    const { w, server } = await served();
    const before = await rawClient(server.port);
    before.send(GET('/ptg.json') + GET('/api/events'));
    await before.until(/"tracks"[^]*retry: 2000\n\n/);
    const after = await rawClient(server.port);
    after.send(GET('/api/events') + GET('/ptg.json'));
    await after.until(/retry: 2000\n\n/);
    await whenHubHas(w, 2);
    await w.say('#swift now erasure codes', OP);
    await before.until(/erasure codes/);
    await after.until(/erasure codes/);
    before.socket.destroy();
    after.socket.destroy();
    await whenHubHas(w, 0);
  });

  it('behind a response still being made, the stream waits its turn, then takes the connection', async () => {
    const { w, server } = await served();
    const page = await rawClient(server.port);
    // Hono answers /healthz asynchronously: the stream's response is queued behind it.
    page.send(GET('/healthz') + GET('/api/events'));
    await page.until(/"ok"[^]*retry: 2000\n\n/);
    expect(lastResponse(page)).toMatch(/\r\nConnection: close\r\n/);
    await seesChangeThenLeaves(w, page);
  });

  it('streams pipelined behind a stream are never followed, and go with the connection', async () => {
    const { w, server } = await served();
    const page = await rawClient(server.port);
    page.send(GET('/api/events').repeat(50));
    await page.until(/retry: 2000\n\n/);
    await w.say('#swift now erasure codes', OP);
    await page.until(/erasure codes/);
    expect(w.hub.size).toBe(1);
    expect(page.received().match(/HTTP\/1\.1/g)).toHaveLength(1);
    page.socket.destroy();
    await whenHubHas(w, 0);
  });

  it("a stream request with a body still coming is written on node:http's response", async () => {
    const { w, server } = await served();
    const page = await rawClient(server.port);
    page.send('GET /api/events HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\n');
    await page.until(/retry: 2000\n/);
    expect(page.received()).toMatch(/\r\nTransfer-Encoding: chunked\r\n/i);
    await whenHubHas(w, 1);
    await seesChangeThenLeaves(w, page);
  });

  it('the taken socket keeps nothing of node:http: no parser, none of its listeners', async () => {
    const taken = new Promise<Socket | null>((resolve, reject) => {
      const server = createServer((request, response) => {
        process.nextTick(() => {
          try {
            resolve(takeSocket(request, response));
          } catch (error) {
            reject(error);
          }
        });
      });
      server.listen(0, '127.0.0.1', async () => {
        const client = await rawClient((server.address() as AddressInfo).port);
        client.send(GET('/'));
        cleanup.push(async () => {
          client.socket.destroy();
          await client.ended;
          await new Promise<void>((done) => server.close(() => done()));
        });
      });
    });
    const socket = await taken;
    expect(socket).not.toBeNull();
    const held = socket as Socket & { parser?: unknown; _httpMessage?: unknown };
    expect(held.parser).toBeNull();
    expect(held._httpMessage).toBeNull();
    const names = ['data', 'end', 'close', 'drain', 'error', 'timeout', 'resume', 'pause'].flatMap(
      (event) => held.listeners(event).map((listener) => (listener as () => void).name),
    );
    expect(names.filter((name) => /socketOn|onSocket|onServerResponse/.test(name))).toEqual([]);
    expect(held.on).toBe(NetSocket.prototype.on);
    held.destroy();
  });

  it('a request whose body is still coming is left to node:http, which answers it', async () => {
    const server = createServer((request, response) => {
      process.nextTick(() => {
        const socket = takeSocket(request, response);
        response.end(socket === null ? 'left' : 'taken');
      });
    });
    await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
    const client = await rawClient((server.address() as AddressInfo).port);
    client.send('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\n');
    const answer = await client.until(/\r\n\r\n(?:[0-9a-f]+\r\n)?left/);
    expect(answer).toMatch(/^HTTP\/1\.1 200 OK/);
    client.send('hello');
    client.socket.destroy();
    await client.ended;
    await new Promise<void>((done) => server.close(() => done()));
  });
});
