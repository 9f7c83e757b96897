import { ircSettings } from '../helpers/botOnIrc.js';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/ports.js';
import { artifactPath, launchBrowser, listen } from '../helpers/browser.js';
import { OP, USER } from '../helpers/harness.js';
import { type Web, web } from '../helpers/web.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function openPage(path = '/'): Promise<{ w: Web; page: Page; close: () => Promise<void> }> {
  const w = await web();
  await w.tick();
  const server = await listen(w.bot.listener);
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.url}${path}`);
  await page.waitForSelector('#live[data-state="live"]');
  return {
    w,
    page,
    close: async () => {
      expect(errors).toEqual([]);
      await page.close();
      await server.close();
    },
  };
}

/** The page must show the change within a second of the command's reply, with no reload. */
const LIVE_WITHIN_MS = 1000;

describe('the schedule page in a real browser', () => {
  it('follows now, next, book and motd commands live, without a reload', async () => {
    const { w, page, close } = await openPage();
    await page.evaluate(() => {
      (window as unknown as { marker: number }).marker = 42;
    });
    const sayAndSee = async (line: string, selector: string, who = OP) => {
      await w.say(line, who);
      await page.waitForSelector(selector, { timeout: LIVE_WITHIN_MS });
    };
    await sayAndSee(
      '#swift now ring balancing with #nova',
      '#now tr[data-track="swift"] .topic >> text=ring balancing',
    );
    const topic = page.locator('#now tr[data-track="swift"] .topic');
    expect(await topic.locator('.badge').textContent()).toBe('#nova');
    await sayAndSee(
      '#swift next erasure codes',
      '#now tr[data-track="swift"] .next li >> text=erasure codes',
    );
    await sayAndSee(
      '#keystone book Quay 2-MonA2',
      '#schedule tr:has-text("Quay 2") .badge >> text=#keystone',
    );
    await sayAndSee(
      '~motd add warning Fire drill at 11:00',
      '.banner-warning >> text=Fire drill at 11:00',
    );
    await sayAndSee('+in #swift', '#now tr[data-track="swift"] .people[title="alice"]', USER);
    expect(await page.evaluate(() => (window as unknown as { marker: number }).marker)).toBe(42);
    await page.screenshot({ path: artifactPath('page.png'), fullPage: true });
    await close();
  });

  it("opens today's tab with the current slot marked, and switches tabs", async () => {
    const { page, close } = await openPage();
    expect(await page.locator('[role="tab"][aria-selected="true"]').textContent()).toBe(
      'Monday (today)',
    );
    expect(await page.locator('#day-Monday th.current').textContent()).toContain('09:00-10:45');
    expect(await page.locator('#day-Tuesday').isHidden()).toBe(true);
    await page.click('[role="tab"][data-day="Tuesday"]');
    expect(await page.locator('#day-Tuesday').isVisible()).toBe(true);
    expect(await page.locator('#day-Monday').isHidden()).toBe(true);
    await close();
  });

  it('shows when the live link is down', async () => {
    const w = await web();
    const server = await listen(w.bot.listener);
    const page = await browser.newPage();
    await page.goto(`${server.url}/`);
    await page.waitForSelector('#live[data-state="live"]');
    await server.close();
    await page.waitForSelector('#live[data-state="down"]');
    expect(await page.locator('#live').textContent()).toContain('reconnecting');
    await page.close();
  });

  it('says updates are paused, and why, while the bot is cut off from IRC', async () => {
    const nobody = await freePort(); // no IRC server there: the bot cannot connect
    const w = await web({
      irc: ircSettings(nobody, { rate: { linesPerSecond: 10, burst: 10 } }),
    });
    const down = new Promise<void>((resolve) =>
      w.bot.irc?.onStatus((status) => status === 'disconnected' && resolve()),
    );
    w.bot.irc?.start();
    await down;
    const server = await listen(w.bot.listener);
    const page = await browser.newPage();
    await page.goto(`${server.url}/`);
    await page.waitForSelector('#live[data-state="paused"]');
    expect(await page.locator('#live').textContent()).toMatch(
      /^Updates paused: the bot is cut off from IRC \(.*refused/,
    );
    await page.screenshot({ path: artifactPath('page-paused.png') });
    await page.close();
    await w.bot.stop();
    await server.close();
  });

  it('works on a phone screen', async () => {
    const { w, page, close } = await openPage();
    await w.say('#swift now rings', OP);
    await page.setViewportSize({ width: 375, height: 700 });
    await page.waitForSelector('#now tr[data-track="swift"]');
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: artifactPath('page-phone.png'), fullPage: true });
    await close();
  });

  it('on a phone: the schedule opens at the current slot; a long pad address stays on screen', async () => {
    const w = await web({ time: '2026-11-23T15:30:00+01:00' });
    await w.tick();
    await w.say(
      `#nova etherpad https://etherpad.example.org/p/${'a-very-long-pad-name-'.repeat(6)}`,
      OP,
    );
    const server = await listen(w.bot.listener);
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    try {
      await page.goto(`${server.url}/`);
      await page.waitForSelector('#live[data-state="live"]');
      const seen = await page.evaluate(() => {
        const current = document.querySelector('table.schedule thead th.current') as HTMLElement;
        const scroller = current.closest('.table-scroll') as HTMLElement;
        const a = current.getBoundingClientRect();
        const b = scroller.getBoundingClientRect();
        return {
          scrolled: scroller.scrollLeft,
          inside: a.left >= b.left - 1 && a.right <= b.right + 1,
        };
      });
      expect(seen.scrolled).toBeGreaterThan(0);
      expect(seen.inside).toBe(true);
      await page.screenshot({ path: artifactPath('page-phone-afternoon.png') });
      await page.goto(`${server.url}/track/nova`);
      await page.waitForSelector('#live[data-state="live"]');
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
      ).toBeLessThanOrEqual(0);
      await page.screenshot({ path: artifactPath('track-phone.png'), fullPage: true });
    } finally {
      await page.close();
      await server.close();
    }
  });

  it('the signage follows the current topic live', async () => {
    const { w, page, close } = await openPage('/signage');
    await w.say('#nova now placement', OP);
    await page.waitForSelector('.signage-topic >> text=placement', { timeout: LIVE_WITHIN_MS });
    await page.screenshot({ path: artifactPath('signage.png'), fullPage: true });
    await close();
  });

  it("a room's own screen follows its track's topic live; an unknown room lists the rooms", async () => {
    const { w, page, close } = await openPage('/signage/Harbour%20Hall');
    await w.say('#nova now live at the door', OP);
    await page.waitForSelector('.room-topic >> text=live at the door', { timeout: LIVE_WITHIN_MS });
    // The track's name is the largest thing after the topic.
    const sizes = await page.evaluate(() => ({
      topic: parseFloat(
        getComputedStyle(document.querySelector('.room-topic') as Element).fontSize,
      ),
      track: parseFloat(
        getComputedStyle(document.querySelector('.room-track .badge') as Element).fontSize,
      ),
      room: parseFloat(
        getComputedStyle(document.querySelector('.signage-room') as Element).fontSize,
      ),
    }));
    expect(sizes.topic).toBeGreaterThanOrEqual(sizes.track);
    expect(sizes.track).toBeGreaterThan(sizes.room);
    await page.screenshot({ path: artifactPath('signage-room.png') });
    await page.goto(page.url().replace('Harbour%20Hall', 'Nowhere'));
    expect(await page.locator('.room-list li').count()).toBeGreaterThan(1);
    await close();
  });
});

const PAYLOADS = [
  '<script>window.__pwned = "script"</script>',
  '<img src=x onerror="window.__pwned = \'img\'">',
  'javascript:window.__pwned="js"',
  '</style><style>body{display:none}</style>',
  '"><svg onload="window.__pwned=\'svg\'">',
  "'; window.__pwned='quote'; '",
];

describe('hostile content on the page', () => {
  it('nothing a user typed runs or becomes markup; it shows literally', async () => {
    const { w, page, close } = await openPage();
    const before = await page.evaluate(
      () => document.querySelectorAll('script, img, svg, style, iframe').length,
    );
    for (const [i, payload] of PAYLOADS.entries()) {
      await w.say(`#swift next ${payload}`, OP);
      await w.say(`~motd add info ${payload}`, OP);
      if (i === 0) await w.say(`#nova location ${payload}`, OP);
      await w.say(`+in ${payload}`, { nick: `mallory${i}` });
    }
    // Fields that are validated refuse what is not theirs: the page never sees it.
    expect(await w.say('#swift color red;background:url(javascript:x)', OP)).toHaveLength(1);
    expect(await w.say('#swift url javascript:window.__pwned=1', OP)).toHaveLength(1);
    expect(await w.say('#swift etherpad data:text/html,<script>x</script>', OP)).toHaveLength(1);
    expect(await w.say('~add <script>', OP)).toHaveLength(1);
    for (const [i, payload] of PAYLOADS.entries()) {
      await w.say('+in #swift', { nick: `${payload}${i}` });
    }
    await w.say('#swift now hostile people here', OP);
    await w.say(`#nova now ${PAYLOADS.join(' ')} https://example.org/"onmouseover="x`, OP);
    await page.waitForSelector('#now tr[data-track="nova"]', { timeout: LIVE_WITHIN_MS });
    const after = await page.evaluate(
      () => document.querySelectorAll('script, img, svg, style, iframe').length,
    );
    expect(after).toBe(before);
    expect(
      await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned),
    ).toBeUndefined();
    for (const payload of PAYLOADS) {
      expect(await page.locator('.banner', { hasText: payload }).count()).toBe(1);
    }
    expect(await page.locator('#now tr[data-track="nova"] .where').textContent()).toBe(PAYLOADS[0]);
    const people = await page.locator('#now tr[data-track="swift"] .people').getAttribute('title');
    for (const [i, payload] of PAYLOADS.entries()) expect(people).toContain(`${payload}${i}`);
    // Every link, as the browser resolves it, is a web address: no javascript: or data:.
    const hrefs = await page.$$eval('a', (links) => links.map((a) => a.href));
    expect(hrefs.filter((href) => !/^https?:\/\//.test(href))).toEqual([]);
    expect(await page.locator('a[onmouseover]').count()).toBe(0);
    expect(await page.evaluate(() => getComputedStyle(document.body).display)).not.toBe('none');

    // The first paint from the server is just as safe.
    await page.reload();
    await page.waitForSelector('#live[data-state="live"]');
    expect(
      await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned),
    ).toBeUndefined();
    expect(
      await page.evaluate(
        () => document.querySelectorAll('script, img, svg, style, iframe').length,
      ),
    ).toBe(before);
    await page.screenshot({ path: artifactPath('page-hostile.png'), fullPage: true });
    await close();
  });

  it.each([
    [1920, 1080],
    [1366, 768],
    [1080, 1920],
    [390, 844],
  ])(
    'room signage of a big event at %ix%i: every room once a cycle, nothing spills, times whole',
    async (width, height) => {
      // 23 rooms and 40 tracks with long names and long topics, the clock in a slot.
      const rooms = Array.from(
        { length: 23 },
        (_, i) =>
          `${i % 3 === 0 ? 'Grand Harbour Conference Suite ' : 'Room '}${String.fromCharCode(65 + i)}`,
      );
      const tracks = Array.from(
        { length: 40 },
        (_, i) => `${i % 4 === 0 ? 'infrastructure-and-release-management-' : 'team-'}${i}`,
      );
      const w = await web({
        data: {
          tracks,
          slots: {
            Monday: [
              { name: 'MonA1', desc: '09:00-10:45' },
              { name: 'MonA2', desc: '10:45-12:30' },
              { name: 'MonP1', desc: '13:30-15:15' },
              { name: 'MonP2', desc: '15:15-17:00' },
            ],
          },
          schedule: Object.fromEntries(
            rooms.map((room, i) => [
              room,
              {
                MonA1: tracks[i] as string,
                MonA2: i % 2 === 0 ? '' : (tracks[(i + 17) % 40] as string),
                MonP1: tracks[(i + 1) % 40] as string,
                MonP2: '',
              },
            ]),
          ),
        },
      });
      await w.tick();
      for (const t of tracks)
        await w.say(
          `#${t} now ${t}: a topic long enough to wrap on any screen, about cells v2 scheduling`,
          OP,
        );
      const server = await listen(w.bot.listener);
      const page = await browser.newPage({ viewport: { width, height } });
      try {
        await page.clock.install();
        await page.goto(`${server.url}/signage`);
        await page.waitForSelector('#live[data-state="live"]');
        const look = () =>
          page.evaluate(() => {
            const visible = [...document.querySelectorAll('table.signage tbody tr:not([hidden])')];
            const spilled = [
              ...document.querySelectorAll('table.signage tbody tr:not([hidden]) td .badge'),
            ]
              .filter((badge) => {
                const b = badge.getBoundingClientRect();
                const cell = (badge.closest('td') as HTMLElement).getBoundingClientRect();
                return b.left < cell.left - 1 || b.right > cell.right + 1;
              })
              .map((badge) => badge.textContent);
            return {
              rooms: visible.map((row) => row.querySelector('th')?.textContent ?? ''),
              note: document.querySelector('.signage-page')?.textContent ?? null,
              tall: document.documentElement.scrollHeight - window.innerHeight,
              wide: document.documentElement.scrollWidth - window.innerWidth,
              spilled,
              brokenTimes: [...document.querySelectorAll('table.signage .time')].filter(
                (time) => time.getClientRects().length > 1,
              ).length,
            };
          });
        const seen: string[] = [];
        let first = await look();
        const pages = Number(/of (\d+)/.exec(first.note ?? '')?.[1] ?? 1);
        for (let i = 0; i < pages; i++) {
          const now = i === 0 ? first : await look();
          await page.screenshot({
            path: artifactPath(`signage-${width}x${height}-page${i + 1}.png`),
          });
          if (pages > 1) expect(now.note).toBe(`Rooms, page ${i + 1} of ${pages}`);
          expect(now.tall, `page ${i + 1} taller than the screen`).toBeLessThanOrEqual(0);
          expect(now.wide, 'wider than the screen').toBeLessThanOrEqual(0);
          expect(now.spilled, 'badges outside their cells').toEqual([]);
          expect(now.brokenTimes, 'slot times broken inside a time').toBe(0);
          seen.push(...now.rooms);
          if (i === 0)
            await page.screenshot({ path: artifactPath(`signage-${width}x${height}.png`) });
          await page.clock.runFor(10_000);
        }
        // Every room once a cycle, and the cycle starts again.
        expect([...seen].sort()).toEqual([...rooms].sort());
        first = await look();
        expect(first.rooms).toEqual(seen.slice(0, first.rooms.length));
      } finally {
        await page.close();
        await server.close();
      }
    },
  );

  it('the filter box keeps to the tracks asked for, also across live updates', async () => {
    const { w, page, close } = await openPage();
    await w.say('#swift now rings', OP);
    await w.say('#nova now cells', OP);
    await page.waitForSelector('#now tr[data-track="nova"]', { timeout: LIVE_WITHIN_MS });
    await page.fill('#filter', 'swi');
    const shown = async () =>
      page.$$eval('#now tr[data-track]:not([hidden])', (rows) =>
        rows.map((r) => (r as HTMLElement).dataset.track),
      );
    expect(await shown()).toEqual(['swift']);
    await w.say('#cinder now volumes', OP);
    await page.waitForSelector('#now tr[data-track="cinder"]', {
      state: 'attached',
      timeout: LIVE_WITHIN_MS,
    });
    expect(await shown()).toEqual(['swift']);
    // The schedule picks out the track's sessions; the filter is in the address.
    await page.fill('#filter', 'swi');
    const picked = await page.$$eval('table.schedule .badge.match', (badges) => [
      ...new Set(badges.map((b) => b.textContent)),
    ]);
    expect(picked).toEqual(['#swift']);
    expect(new URL(page.url()).searchParams.get('track')).toBe('swi');
    await page.fill('#filter', 'zzz');
    expect(await page.locator('#filter-none').textContent()).toBe("No track matches 'zzz'");
    // A shared address opens with its filter.
    await page.goto(page.url().replace('track=zzz', 'track=nov'));
    await page.waitForSelector('#live[data-state="live"]');
    expect(await page.inputValue('#filter')).toBe('nov');
    expect(await shown()).toEqual(['nova']);
    await page.fill('#filter', '');
    expect((await shown()).sort()).toEqual(['cinder', 'nova', 'swift']);
    expect(new URL(page.url()).search).toBe('');
    await close();
  });
});
