import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEventData } from '../../src/io/eventData/parseEventData.js';
import type { EventImport } from '../../src/machines/model.js';
import { bigEvent } from '../helpers/bigEvent.js';
import { artifactPath, launchBrowser, listen } from '../helpers/browser.js';
import { OP } from '../helpers/harness.js';
import { web } from '../helpers/web.js';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const REAL_EVENT = new URL('../../../shared/fixtures/upstream-base.json', import.meta.url).pathname;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function serve(data: EventImport) {
  const w = await web({ data });
  await w.tick();
  const server = await listen(w.bot.listener);
  return { w, server };
}

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Every axe-core finding on the page as it is now, of any impact. */
async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: () => Promise<{ violations: unknown[] }> } })
      .axe;
    return (await axe.run()).violations;
  });
  return (violations as Violation[]).map(
    (v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target).join(' ')}`,
  );
}

describe('the pages are accessible (axe-core: no finding at all)', () => {
  it.each([
    ['/', 'board'],
    ['/signage', 'signage'],
    ['/signage/Room%20C', 'room screen'],
    ['/track/team-3', 'track page'],
    ['/etherpads', 'etherpads'],
    ['/links', 'links'],
  ])('%s (%s)', async (path) => {
    const { w, server } = await serve(bigEvent());
    await w.say('#team-3 color #d4a72c', OP);
    await w.say('#team-3 url https://meet.example.org/team-3', OP);
    await w.say('+in #team-3', { nick: 'alice' });
    // The viewer is elsewhere, so that the page shows times on their clock too.
    const context = await browser.newContext({
      bypassCSP: true,
      timezoneId: 'America/New_York',
      viewport: { width: 1280, height: 900 },
    });
    const page = await context.newPage();
    try {
      await page.goto(`${server.url}${path}`);
      if (!path.startsWith('/etherpads') && path !== '/links') {
        await page.waitForSelector('#live[data-state="live"]');
      }
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await context.close();
      await server.close();
    }
  });
});

/** Every byte the browser received for the page and what it loads, but the live stream. */
async function transferred(page: Page, url: string): Promise<number> {
  const responses: Promise<number>[] = [];
  page.on('requestfinished', (request) => {
    if (request.url().includes('/api/events')) return;
    responses.push(request.sizes().then((s) => s.responseBodySize + s.responseHeadersSize));
  });
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForSelector('#live[data-state="live"]');
  return (await Promise.all(responses)).reduce((a, b) => a + b, 0);
}

const LIMIT = 100 * 1024;

describe('the board stays light for a real event', () => {
  it('a gathering of 23 rooms, 5 days, 44 tracks: under 100 KB transferred', async () => {
    const { server } = await serve(bigEvent());
    const page = await browser.newPage();
    try {
      const bytes = await transferred(page, `${server.url}/`);
      expect(bytes).toBeGreaterThan(10_000);
      expect(bytes).toBeLessThan(LIMIT);
    } finally {
      await page.close();
      await server.close();
    }
  });

  it.skipIf(!existsSync(REAL_EVENT))(
    'the real event base file (skipped when the shared fixtures are absent): under 100 KB',
    async () => {
      const parsed = parseEventData(JSON.parse(readFileSync(REAL_EVENT, 'utf8')));
      if (!parsed.ok) throw new Error(parsed.problem);
      const { w, server } = await serve(parsed.data);
      for (const track of (parsed.data.tracks ?? []).slice(0, 40)) {
        await w.say(`#${track} now a topic of a realistic length for ${track}`, OP);
        await w.say(`#${track} next what comes after for ${track}`, OP);
      }
      const page = await browser.newPage();
      try {
        const bytes = await transferred(page, `${server.url}/`);
        expect(bytes).toBeLessThan(LIMIT);
      } finally {
        await page.close();
        await server.close();
      }
    },
  );
});

/** The big event's board, open in a browser whose clock is in `timeZone`. */
async function boardIn(timeZone: string, check: (page: Page) => Promise<void>) {
  const { server } = await serve(bigEvent());
  const context = await browser.newContext({ timezoneId: timeZone });
  try {
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    await page.waitForSelector('#live[data-state="live"]');
    await check(page);
  } finally {
    await context.close();
    await server.close();
  }
}

describe("slot times on the viewer's clock", () => {
  it('a viewer in another time zone sees each timed slot on their clock as well', async () => {
    await boardIn('Asia/Tokyo', async (page) => {
      await page.waitForSelector('#day-Monday th .your-time');
      const header = await page.locator('#day-Monday thead th').nth(1).textContent();
      expect(header).toBe('09:00-10:4517:00-18:45 your time now');
      await page.screenshot({ path: artifactPath('page-tokyo.png'), fullPage: true });
    });
  });

  it('a viewer in the event time zone sees the event times alone', async () => {
    await boardIn('Europe/Berlin', async (page) => {
      expect(await page.locator('.your-time').count()).toBe(0);
    });
  });
});
