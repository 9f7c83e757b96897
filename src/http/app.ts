import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { secureHeaders } from 'hono/secure-headers';
import type { Assets } from './assets.js';
import { type LiveHub, stateFrame } from './liveHub.js';
import { renderPage } from './render/page.js';
import type { StateView } from './stateView.js';

export interface AppDeps {
  view: StateView;
  hub: LiveHub;
  assets: Assets;
  health: () => Record<string, unknown>;
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

/** Answers 304 when the client already has this version. */
function notModified(ifNoneMatch: string | undefined, etag: string): boolean {
  const tags = ifNoneMatch?.split(/\s*,\s*/) ?? [];
  return tags.some((tag) => tag.replace(/^W\//, '') === etag);
}

export function createApp({ view, hub, assets, health }: AppDeps): Hono {
  const app = new Hono();
  app.use('*', secureHeaders({ contentSecurityPolicy: CSP, crossOriginEmbedderPolicy: false }));
  app.use('*', async (c, next) => {
    // Streams must not be buffered by compression.
    if (c.req.path === '/api/events') return next();
    return compress()(c, next);
  });

  app.get('/', (c) => {
    const { state, version } = view.snapshot;
    const etag = `"page-${version}"`;
    c.header('Cache-Control', 'no-cache');
    c.header('ETag', etag);
    if (notModified(c.req.header('If-None-Match'), etag)) return c.body(null, 304);
    return c.html(renderPage(state, version));
  });

  app.get('/ptg.json', (c) => {
    const { ptgJson, ptgJsonEtag } = view.snapshot;
    c.header('Cache-Control', 'no-cache');
    c.header('ETag', ptgJsonEtag);
    c.header('Access-Control-Allow-Origin', '*');
    if (notModified(c.req.header('If-None-Match'), ptgJsonEtag)) return c.body(null, 304);
    return c.body(ptgJson, 200, { 'Content-Type': 'application/json; charset=utf-8' });
  });

  app.get('/api/state', (c) => {
    const { stateJson, version } = view.snapshot;
    const etag = `"${version}"`;
    c.header('Cache-Control', 'no-cache');
    c.header('ETag', etag);
    if (notModified(c.req.header('If-None-Match'), etag)) return c.body(null, 304);
    return c.body(stateJson, 200, { 'Content-Type': 'application/json; charset=utf-8' });
  });

  app.get('/api/events', (c) => {
    const lastEventId = c.req.header('Last-Event-ID');
    const encoder = new TextEncoder();
    let leave: (() => void) | undefined;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode('retry: 2000\n\n'));
        const snapshot = view.snapshot;
        if (lastEventId !== snapshot.version)
          controller.enqueue(encoder.encode(stateFrame(snapshot)));
        leave = hub.add({ write: (frame) => controller.enqueue(frame) });
      },
      cancel() {
        leave?.();
      },
    });
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
      c.header('Cache-Control', 'no-cache');
      c.header('ETag', file.etag);
      if (notModified(c.req.header('If-None-Match'), file.etag)) return c.body(null, 304);
      return c.body(file.body, 200, { 'Content-Type': file.type });
    });
  }

  app.get('/healthz', (c) => c.json(health()));

  app.notFound((c) => c.text('Not found', 404));
  return app;
}
