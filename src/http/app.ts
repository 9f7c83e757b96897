import { type Context, Hono } from 'hono';
import { compress } from 'hono/compress';
import { secureHeaders } from 'hono/secure-headers';
import { describeMachines } from '../machines/statechart.js';
import type { Assets } from './assets.js';
import { calendarFeed } from './feeds/calendar.js';
import { type LiveHub, stateFrame } from './liveHub.js';
import {
  renderEtherpadsPage,
  renderLinksPage,
  renderPage,
  renderSignagePage,
} from './render/page.js';
import type { StateView, ViewSnapshot } from './stateView.js';

export interface AppDeps {
  view: StateView;
  hub: LiveHub;
  assets: Assets;
  health: () => Record<string, unknown>;
  metrics?: { text: () => Promise<string>; contentType: string };
}

const CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'none'"],
  frameAncestors: ["'self'"],
};

/** A cacheable answer: revalidated every time, 304 when the client has this version. */
function conditional(
  c: Context,
  etag: string,
  body: string | Uint8Array<ArrayBuffer>,
  type: string,
) {
  c.header('Cache-Control', 'no-cache');
  c.header('ETag', etag);
  if (notModified(c.req.header('If-None-Match'), etag)) return c.body(null, 304);
  return c.body(body, 200, { 'Content-Type': type });
}

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

type NodeSocket = { remoteAddress?: string; destroy?: () => void };
const socketOf = (c: Context): NodeSocket | undefined =>
  (c.env as { incoming?: { socket?: NodeSocket } } | undefined)?.incoming?.socket;

/** The peer's address when served by Node, for the per-address cap on live pages. */
function peerAddress(c: Context): string {
  return socketOf(c)?.remoteAddress ?? 'local';
}

export function createApp({ view, hub, assets, health, metrics }: AppDeps): Hono {
  const machines = JSON.stringify(describeMachines());
  const app = new Hono();
  app.use('*', secureHeaders({ contentSecurityPolicy: CSP, crossOriginEmbedderPolicy: false }));
  const compression = compress();
  app.use('*', (c, next) =>
    // Streams must not be buffered by compression; nothing to do for clients without it.
    c.req.path === '/api/events' || !c.req.header('Accept-Encoding')
      ? next()
      : compression(c, next),
  );

  /** A representation computed from the current state, with a version-based ETag. */
  const versioned = (name: string, type: string, build: (snapshot: ViewSnapshot) => string) => {
    let cache: { version: string; body: string } | null = null;
    return (c: Context) => {
      const snapshot = view.snapshot;
      if (cache?.version !== snapshot.version)
        cache = { version: snapshot.version, body: build(snapshot) };
      return conditional(c, `"${name}-${snapshot.version}"`, cache.body, type);
    };
  };
  const HTML = 'text/html; charset=utf-8';
  const JSON_TYPE = 'application/json; charset=utf-8';

  app.get(
    '/',
    versioned('page', HTML, (s) => renderPage(s.state, s.version)),
  );
  app.get(
    '/signage',
    versioned('signage', HTML, (s) => renderSignagePage(s.state, s.version)),
  );
  app.get(
    '/etherpads',
    versioned('etherpads', HTML, (s) => renderEtherpadsPage(s.state)),
  );
  app.get(
    '/links',
    versioned('links', HTML, (s) => renderLinksPage(s.state)),
  );
  app.get(
    '/ptg.ics',
    versioned('ics', 'text/calendar; charset=utf-8', (s) => calendarFeed(s.state, null, s.savedAt)),
  );
  const trackFeeds = new Map<string, ReturnType<typeof versioned>>();
  app.get('/:file{[a-z0-9][a-z0-9_.-]*\\.ics}', (c) => {
    const track = c.req.param('file').slice(0, -'.ics'.length);
    if (!view.snapshot.state.tracks.some((t) => t.name === track))
      return c.text('No such track', 404);
    let feed = trackFeeds.get(track);
    if (!feed) {
      feed = versioned(`ics-${track}`, 'text/calendar; charset=utf-8', (s) =>
        calendarFeed(s.state, track, s.savedAt),
      );
      trackFeeds.set(track, feed);
    }
    return feed(c);
  });

  app.get('/ptg.json', (c) => {
    const { ptgJsonBytes, ptgJsonEtag } = view.snapshot;
    c.header('Access-Control-Allow-Origin', '*');
    return conditional(c, ptgJsonEtag, ptgJsonBytes as Uint8Array<ArrayBuffer>, JSON_TYPE);
  });

  app.get('/api/state', (c) => {
    const { stateJson, version } = view.snapshot;
    return conditional(c, `"${version}"`, stateJson, JSON_TYPE);
  });

  app.get('/api/events', (c) => {
    const lastEventId = c.req.header('Last-Event-ID');
    const address = peerAddress(c);
    const refusal = hub.refusal(address);
    if (refusal !== null) {
      c.header('Retry-After', '30');
      return c.text(`Live updates refused: ${refusal}`, 503);
    }
    const encoder = new TextEncoder();
    let leave: (() => void) | undefined;
    const body = new ReadableStream<Uint8Array>(
      {
        start(controller) {
          controller.enqueue(encoder.encode('retry: 2000\n\n'));
          const snapshot = view.snapshot;
          if (lastEventId !== snapshot.version)
            controller.enqueue(encoder.encode(stateFrame(snapshot)));
          leave = hub.add({
            address,
            write: (frame) => controller.enqueue(frame),
            // What the stream holds beyond its high-water mark of zero: bytes unread.
            backlog: () => -(controller.desiredSize ?? 0),
            close: () => {
              // Cutting the connection frees what it holds at once; the page reconnects.
              const socket = socketOf(c);
              if (socket?.destroy) socket.destroy();
              else controller.error(new Error('dropped: the page stopped reading'));
            },
          });
        },
        cancel() {
          leave?.();
        },
      },
      new ByteLengthQueuingStrategy({ highWaterMark: 0 }),
    );
    return new Response(body, {
      headers: {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-cache, no-transform',
        'X-Accel-Buffering': 'no',
      },
    });
  });

  for (const name of ['app.js', 'style.css'] as const) {
    app.get(`/${name}`, (c) => {
      const file = assets[name];
      return conditional(c, file.etag, file.body, file.type);
    });
  }

  app.get('/healthz', (c) => {
    const report = health();
    return c.json(report, report.ok === false ? 503 : 200);
  });
  app.get('/api/machines', (c) =>
    c.body(machines, 200, { 'Content-Type': 'application/json; charset=utf-8' }),
  );
  app.get('/metrics', async (c) => {
    if (!metrics) return c.text('Not found', 404);
    return c.body(await metrics.text(), 200, { 'Content-Type': metrics.contentType });
  });

  app.notFound((c) => c.text('Not found', 404));
  return app;
}
