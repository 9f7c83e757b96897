import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactPath, launchBrowser, listen } from '../helpers/browser.js';
import { SITE, startNginx } from '../helpers/nginx.js';
import { OP } from '../helpers/harness.js';
import { type Web, web } from '../helpers/web.js';

let w: Web;
let bot: Awaited<ReturnType<typeof listen>>;
let nginx: Awaited<ReturnType<typeof startNginx>>;

beforeAll(async () => {
  w = await web({
    trustedProxies: ['127.0.0.1'],
    liveLimits: { maxClients: 100, maxPerAddress: 1, maxBacklogBytes: 1 << 20 },
  });
  bot = await listen(w.bot.listener);
  nginx = await startNginx(bot.port);
});
afterAll(async () => {
  await nginx?.stop();
  await bot?.close();
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** Resolves when the body has `text` (for a stream that does not end). */
  until: (text: string) => Promise<void>;
  close: () => void;
}

/** A request through nginx, from one loopback address (nginx sees it as the client's). */
function get(
  path: string,
  options: { from?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: nginx.port,
        path,
        rejectUnauthorized: false,
        localAddress: options.from ?? '127.0.0.2',
        headers: options.headers,
      },
      (res) => {
        const answer: Answer = {
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: '',
          until: (text) =>
            new Promise((done) => {
              if (answer.body.includes(text)) return done();
              res.on('data', () => answer.body.includes(text) && done());
            }),
          close: () => req.destroy(),
        };
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (answer.body += chunk));
        if (res.headers['content-type']?.startsWith('text/event-stream')) resolve(answer);
        else res.on('end', () => resolve(answer));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('behind nginx, with TLS, under /ptg/ (the example site in deploy/)', () => {
  it('serves the page, its feeds and the old addresses through the proxy', async () => {
    const page = await get('/ptg/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<base href="./">');
    expect(JSON.parse((await get('/ptg/ptg.json')).body).eventid).toBe('HBR-ptg');
    expect((await get('/ptg/ptg.ics')).body).toMatch(/^BEGIN:VCALENDAR/);
    expect((await get('/ptg/track/nova')).body).toContain('<base href="../">');
    const old = await get('/ptg/ptg.html');
    expect(old.status).toBe(301);
    expect(new URL(old.headers.location as string, 'https://x/ptg/ptg.html').pathname).toBe(
      '/ptg/',
    );
    expect((await get('/ptg')).headers.location).toMatch(/\/ptg\/$/);
  });

  it('the live stream goes through unbuffered, capped per client as nginx names it', async () => {
    const first = await get('/ptg/api/events', { from: '127.0.0.2' });
    await first.until('event: state');
    await w.say('#swift now through nginx', OP);
    await first.until('through nginx');
    // The cap is one page per client: the same client again is refused...
    const again = await get('/ptg/api/events', { from: '127.0.0.2' });
    expect(again.status).toBe(503);
    // ...another is not, whatever address it claims in its own X-Forwarded-For.
    const other = await get('/ptg/api/events', {
      from: '127.0.0.3',
      headers: { 'X-Forwarded-For': '127.0.0.2' },
    });
    expect(other.status).toBe(200);
    first.close();
    other.close();
  });

  it('a browser follows a moderator live through the proxy', async () => {
    const browser = await launchBrowser();
    try {
      const context = await browser.newContext({ ignoreHTTPSErrors: true });
      const page = await context.newPage();
      await page.goto(`https://127.0.0.1:${nginx.port}/ptg/track/swift`);
      await page.locator('#live[data-state="live"]').waitFor();
      await w.say('#swift now seen through the proxy', OP);
      await page.getByText('seen through the proxy').first().waitFor();
      await page.screenshot({ path: artifactPath('behind-nginx-track.png') });
    } finally {
      await browser.close();
    }
  });

  it("is the README's nginx site, word for word", () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const block = /```nginx\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBe(readFileSync(SITE, 'utf8'));
  });
});
