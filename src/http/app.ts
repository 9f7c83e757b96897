import type { HttpBindings } from '@hono/node-server';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { type Context, Hono } from 'hono';
import type { LiveInspector } from '../io/observe/liveInspector.js';
import type { Assets } from './assets.js';
import { Encoded } from './encoded.js';
import { securityHeadersFor, type StoredRoute, storedAnswer } from './storedAnswer.js';
import type { LiveHub } from './liveHub.js';
import { serveLiveStream } from './liveStream.js';
import { clientAddress, trustedProxies } from './clientAddress.js';
import {
  renderEtherpadsPage,
  renderInspectorPage,
  renderLinksPage,
  renderPage,
  renderRoomSignagePage,
  renderSignagePage,
  renderTrackPage,
} from './render/page.js';
import type { StateView, ViewSnapshot } from './stateView.js';

/** The app, run by @hono/node-server: the live stream writes on Node's own response. */
export type HttpApp = Hono<{ Bindings: HttpBindings }>;

export interface AppDeps {
  /** The built-in inspector (`--inspect=page`): /inspect is served only with it. */
  inspector?: LiveInspector;
  /** The event's time zone: slot labels are read in it. */
  timeZone?: string;
  view: StateView;
  hub: LiveHub;
  assets: Assets;
  health: () => Record<string, unknown>;
  metrics?: { text: () => Promise<string>; contentType: string };
  /** Reverse proxies whose X-Forwarded-For / Forwarded name the client (config `trusted_proxies`). */
  trustedProxies?: readonly string[];
}

/**
 * A request header, read from node:http's own parsed headers when the app runs on it
 * (asking the Request for one makes a whole Headers object), else from the Request.
 */
function requestHeader(
  c: Context<{ Bindings: HttpBindings }>,
  name: 'accept-encoding' | 'if-none-match',
): string | undefined {
  const incoming = c.env?.incoming;
  if (incoming) {
    const value = incoming.headers[name];
    return Array.isArray(value) ? value.join(', ') : value;
  }
  return c.req.header(name);
}

/** Answers built here from stored parts: they carry their security headers already. */
const storedResponses = new WeakSet<Response>();

/**
 * A stored answer: its status, headers and bytes, made once per version and encoding. The
 * headers are a plain object, which @hono/node-server hands to node:http as it is.
 */
function conditional(c: Context<{ Bindings: HttpBindings }>, route: StoredRoute): Response {
  const answer = storedAnswer(
    route,
    requestHeader(c, 'accept-encoding'),
    requestHeader(c, 'if-none-match'),
  );
  const response = new Response(answer.body, { status: answer.status, headers: answer.headers });
  storedResponses.add(response);
  return response;
}

/** The original bot's pages, and where they are now. */
export const OLD_ADDRESSES: Record<string, string> = {
  '/ptg.html': '/',
  '/index.html': '/links',
  '/etherpads.html': '/etherpads',
  '/signage.html': '/signage',
  '/logo.png': '/favicon.svg',
  '/favicon.ico': '/favicon.svg',
};

/** A calendar square with a speech bubble: the board's icon, drawn inline (no image files). */
const FAVICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect x="4" y="10" width="56" height="50" rx="8" fill="#1864ab"/><rect x="4" y="10" width="56" height="14" rx="6" fill="#0b3d6e"/><rect x="16" y="2" width="6" height="14" rx="3" fill="#0b3d6e"/><rect x="42" y="2" width="6" height="14" rx="3" fill="#0b3d6e"/><path d="M14 32h36v16H28l-8 7v-7h-6z" fill="#fff"/><circle cx="24" cy="40" r="2.5" fill="#1864ab"/><circle cx="32" cy="40" r="2.5" fill="#1864ab"/><circle cx="40" cy="40" r="2.5" fill="#1864ab"/></svg>`;

/** The statecharts and what draws them: asked for by developers, so loaded on demand. */
async function loadCharts() {
  const [charts, statechart, inspector] = await Promise.all([
    import('../charts.js'),
    import('../machines/statechart.js'),
    import('./render/inspector.js'),
  ]);
  return { ...charts, ...statechart, ...inspector };
}

export function createApp({
  view,
  hub,
  assets,
  health,
  metrics,
  inspector,
  timeZone = 'UTC',
  trustedProxies: proxies = [],
}: AppDeps): HttpApp {
  let machines: Promise<string> | null = null;
  const app: HttpApp = new Hono();
  const trusted = proxies.length > 0 ? trustedProxies(proxies) : null;
  /** A route answered from stored bytes. */
  const serveStored = (path: string, route: StoredRoute) => {
    app.get(path, (c) => conditional(c, route));
  };
  app.use('*', async (c, next) => {
    await next();
    if (c.res === RESPONSE_ALREADY_SENT || storedResponses.has(c.res)) return;
    for (const [name, value] of securityHeadersFor(c.res.headers.get('Content-Type'))) {
      c.header(name, value);
    }
  });

  /** A representation computed from the current state, with a version-based ETag. */
  const versioned = (
    name: string,
    type: string,
    build: (snapshot: ViewSnapshot) => string,
  ): StoredRoute => {
    let cache: { version: string; body: Encoded } | null = null;
    return {
      representation: () => {
        const snapshot = view.snapshot;
        if (cache?.version !== snapshot.version) {
          const etag = `"${name}-${snapshot.version}"`;
          cache = { version: snapshot.version, body: new Encoded(build(snapshot), etag, type) };
        }
        return cache.body;
      },
    };
  };
  const HTML = 'text/html; charset=utf-8';
  const JSON_TYPE = 'application/json; charset=utf-8';

  serveStored(
    '/',
    versioned('page', HTML, (s) => renderPage(s.state, s.version, timeZone)),
  );
  serveStored(
    '/signage',
    versioned('signage', HTML, (s) => renderSignagePage(s.state, s.version, timeZone)),
  );
  const trackPages = new Map<string, StoredRoute>();
  app.get('/track/:name', (c) => {
    const name = c.req.param('name').toLowerCase();
    if (!view.snapshot.state.tracks.some((t) => t.name === name))
      return c.text('No such track', 404);
    let page = trackPages.get(name);
    if (!page) {
      page = versioned(`track-${name}`, HTML, (s) => renderTrackPage(s.state, name, s.version));
      trackPages.set(name, page);
    }
    return conditional(c, page);
  });
  const roomScreens = new Map<string, StoredRoute>();
  app.get('/signage/:room', (c) => {
    const room = c.req.param('room');
    if (!Object.hasOwn(view.snapshot.state.schedule, room)) {
      // Not stored (any name may be asked for): the rooms to choose from, as a 404.
      const { state, version } = view.snapshot;
      return c.html(renderRoomSignagePage(state, room, version, timeZone), 404);
    }
    let screen = roomScreens.get(room);
    if (!screen) {
      screen = versioned(`room-${room}`, HTML, (s) =>
        renderRoomSignagePage(s.state, room, s.version, timeZone),
      );
      roomScreens.set(room, screen);
    }
    return conditional(c, screen);
  });
  serveStored(
    '/etherpads',
    versioned('etherpads', HTML, (s) => renderEtherpadsPage(s.state)),
  );
  serveStored(
    '/links',
    versioned('links', HTML, (s) => renderLinksPage(s.state)),
  );
  // The calendar library loads with the first feed asked for, not at every start.
  const ICS = 'text/calendar; charset=utf-8';
  let calendar: typeof import('./feeds/calendar.js') | null = null;
  const feedOf = (track: string | null) =>
    versioned(track ? `ics-${track}` : 'ics', ICS, (s) => {
      if (!calendar) throw new Error('the calendar module is not loaded');
      return calendar.calendarFeed(s.state, track, s.savedAt, timeZone);
    });
  const allFeed = feedOf(null);
  const trackFeeds = new Map<string, StoredRoute>();
  app.get('/ptg.ics', async (c) => {
    calendar ??= await import('./feeds/calendar.js');
    return conditional(c, allFeed);
  });
  app.get('/:file{[a-z0-9][a-z0-9_.-]*\\.ics}', async (c) => {
    const track = c.req.param('file').slice(0, -'.ics'.length);
    if (!view.snapshot.state.tracks.some((t) => t.name === track))
      return c.text('No such track', 404);
    calendar ??= await import('./feeds/calendar.js');
    let feed = trackFeeds.get(track);
    if (!feed) {
      feed = feedOf(track);
      trackFeeds.set(track, feed);
    }
    return conditional(c, feed);
  });

  serveStored('/ptg.json', {
    representation: () => view.snapshot.ptgJsonEncoded,
    headers: [['Access-Control-Allow-Origin', '*']],
  });

  serveStored(
    '/api/state',
    versioned('state', JSON_TYPE, (s) => s.stateJson),
  );

  for (const name of ['app.js', 'style.css'] as const) {
    const file = new Encoded(assets[name].body, assets[name].etag, assets[name].type);
    serveStored(`/${name}`, { representation: () => file });
  }

  // The original bot's page names, in bookmarks and on room screens.
  for (const [old, now] of Object.entries(OLD_ADDRESSES)) {
    // Relative to the old page (all at the top): right under any prefix a proxy adds.
    app.get(old, (c) => c.redirect(now === '/' ? './' : now.slice(1), 301));
  }
  app.get('/favicon.svg', (c) => {
    c.header('Cache-Control', 'public, max-age=86400');
    return c.body(FAVICON, 200, { 'Content-Type': 'image/svg+xml' });
  });

  if (inspector) {
    // The charts and their drawing load with the inspector, not with every start.
    const drawing = loadCharts();
    const fragment = ({ renderInspector, chartOf }: Awaited<typeof drawing>) =>
      renderInspector([...inspector.actors.values()], inspector.events, chartOf).value;
    app.get('/inspect', async (c) => c.html(renderInspectorPage(fragment(await drawing))));
    app.get('/inspect/events', async () => {
      const parts = await drawing;
      const encoder = new TextEncoder();
      let stop: (() => void) | undefined;
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          let timer: NodeJS.Timeout | null = null;
          const send = () => {
            timer = null;
            controller.enqueue(
              encoder.encode(`event: html\ndata: ${JSON.stringify(fragment(parts))}\n\n`),
            );
          };
          send();
          // At most ten redraws a second, however busy the machines are.
          const off = inspector.onChange(() => {
            timer ??= setTimeout(send, 100);
          });
          stop = () => {
            off();
            if (timer) clearTimeout(timer);
          };
        },
        cancel() {
          stop?.();
        },
      });
      return new Response(body, {
        headers: {
          'Content-Type': 'text/event-stream; charset=utf-8',
          'Cache-Control': 'no-cache',
        },
      });
    });
  }

  app.get('/healthz', (c) => {
    const report = health();
    return c.json(report, report.ok === false ? 503 : 200);
  });
  app.get('/api/machines', async (c) => {
    machines ??= loadCharts().then(({ describeMachines, CHARTS }) =>
      JSON.stringify(describeMachines(CHARTS)),
    );
    return c.body(await machines, 200, { 'Content-Type': 'application/json; charset=utf-8' });
  });
  app.get('/metrics', async (c) => {
    if (!metrics) return c.text('Not found', 404);
    return c.body(await metrics.text(), 200, { 'Content-Type': metrics.contentType });
  });

  // The live stream is written on Node's response: backpressure and the hub's drop limit
  // see exactly what each page has not read.
  app.get('/api/events', (c) => {
    const { incoming, outgoing } = c.env ?? {};
    if (!incoming || !outgoing) return c.text('Live updates need the Node server', 501);
    const address = clientAddress(
      incoming.socket.remoteAddress,
      { forwarded: c.req.header('Forwarded'), xForwardedFor: c.req.header('X-Forwarded-For') },
      trusted,
    );
    serveLiveStream(hub, view, incoming, outgoing, address);
    return RESPONSE_ALREADY_SENT;
  });

  app.notFound((c) => c.text('Not found', 404));
  return app;
}
