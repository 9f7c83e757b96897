import type { IncomingMessage, ServerResponse } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import type { HttpApp } from './app.js';
import { storedAnswer } from './storedAnswer.js';

export type NodeListener = (request: IncomingMessage, response: ServerResponse) => void;

/**
 * Node's request listener for the app. A GET for a route served from stored bytes is
 * answered here, with the very answer Hono would give, without building a Request and a
 * Response for it: most requests are for the board and ptg.json. The live stream takes its
 * connection from node:http, so that a following page holds its socket and little else.
 * Everything else is Hono's.
 */
export function nodeListener({ app, stored, live }: HttpApp): NodeListener {
  const viaHono = getRequestListener(app.fetch);
  return (request, response) => {
    if (request.method === 'GET') {
      const url = request.url ?? '/';
      const query = url.indexOf('?');
      const path = query === -1 ? url : url.slice(0, query);
      if (path === '/api/events') return live(request, response);
      const route = stored(path);
      if (route) {
        const answer = storedAnswer(
          route,
          request.headers['accept-encoding'],
          request.headers['if-none-match'],
        );
        response.writeHead(answer.status, answer.headers as string[]);
        response.end(answer.body);
        return;
      }
    }
    void viaHono(request, response);
  };
}
