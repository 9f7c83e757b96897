import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { listen } from '../helpers/browser.js';
import { OP } from '../helpers/harness.js';
import { web } from '../helpers/web.js';

/** A GET over a real socket: status, headers (less the transport's own) and body bytes. */
function get(port: number, path: string, headers: Record<string, string>) {
  return new Promise<{ status: number; headers: Record<string, string>; body: Buffer }>(
    (resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const { date: _date, connection: _c, 'keep-alive': _k, ...rest } = res.headers;
          resolve({
            status: res.statusCode ?? 0,
            headers: rest as Record<string, string>,
            body: Buffer.concat(chunks),
          });
        });
      });
      req.on('error', reject);
      req.end();
    },
  );
}

describe('stored answers served without Hono', () => {
  it('are the very answers Hono gives: each route, encoding and revalidation', async () => {
    const w = await web();
    await w.say('#swift now rings', OP);
    const server = await listen(w.bot.listener);
    try {
      for (const path of ['/', '/signage', '/ptg.json', '/api/state', '/app.js', '/style.css']) {
        for (const accept of ['', 'gzip', 'gzip, deflate, br']) {
          const headers: Record<string, string> = accept ? { 'accept-encoding': accept } : {};
          const viaHono = await w.app.request(path, { headers });
          const fast = await get(server.port, path, headers);
          const honoHeaders = Object.fromEntries(viaHono.headers);
          delete honoHeaders['content-length'];
          const { 'content-length': length, ...fastHeaders } = fast.headers;
          expect(fast.status, `${path} ${accept}`).toBe(viaHono.status);
          expect(fastHeaders, `${path} ${accept}`).toEqual(honoHeaders);
          expect(Number(length)).toBe(fast.body.length);
          expect(fast.body.equals(Buffer.from(await viaHono.arrayBuffer()))).toBe(true);
          const again = await get(server.port, `${path}?x=1`, {
            ...headers,
            'if-none-match': fast.headers.etag as string,
          });
          expect(again.status).toBe(304);
          expect(again.body.length).toBe(0);
        }
      }
      expect((await get(server.port, '/ptg.json', {})).headers['access-control-allow-origin']).toBe(
        '*',
      );
      // What is not stored goes to Hono: a track page, a 404, a HEAD.
      expect((await get(server.port, '/track/swift', {})).status).toBe(200);
      expect((await get(server.port, '/nothing', {})).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});
