import { createWriteStream } from 'node:fs';
import { createServer } from 'node:http';
import { createWebSocketInspector } from '@statelyai/inspect';
import { WebSocket, WebSocketServer } from 'ws';
import type { InspectionEvent, Observer } from 'xstate';

import type { InspectTarget } from './inspectTarget.js';
import { shown } from './shown.js';

export type { InspectTarget };

export interface Inspection {
  inspect: Observer<InspectionEvent> | ((event: InspectionEvent) => void);
  where: string;
  stop: () => Promise<void>;
}

/** One JSON line per inspection event: which actor, what happened, the state after. */
export function inspectionRecord(event: InspectionEvent): Record<string, unknown> {
  const actor = event.actorRef as unknown as { id: string; sessionId: string; systemId?: string };
  const record: Record<string, unknown> = {
    type: event.type,
    actorId: actor.id,
    systemId: actor.systemId ?? null,
    sessionId: actor.sessionId,
  };
  if (event.type === '@xstate.event') {
    record.event = shown(event.event);
    record.sourceId = (event.sourceRef as { id?: string } | undefined)?.id ?? null;
  }
  if (event.type === '@xstate.snapshot' || event.type === '@xstate.actor') {
    // An actor is announced before it has a snapshot of its own.
    const snapshot =
      event.type === '@xstate.snapshot' ? event.snapshot : event.actorRef.getSnapshot();
    record.value = (snapshot as { value?: unknown } | undefined)?.value ?? null;
    record.context = shown((snapshot as { context?: unknown } | undefined)?.context ?? null);
    if (event.type === '@xstate.snapshot') record.event = shown(event.event);
  }
  return record;
}

export function startInspection(target: Exclude<InspectTarget, { kind: 'page' }>): Inspection {
  if (target.kind === 'log') {
    const out = createWriteStream(target.file, { flags: 'a' });
    return {
      where: target.file,
      inspect: (event) => {
        if (event.type === '@xstate.microstep') return;
        out.write(`${JSON.stringify(inspectionRecord(event))}\n`);
      },
      stop: () => new Promise((resolve) => out.end(() => resolve())),
    };
  }
  const relay = startRelay(target.port);
  const inspector = createWebSocketInspector({
    url: `ws://127.0.0.1:${target.port}`,
    sanitizeContext: (context) => shown(context) as typeof context,
    sanitizeEvent: (event) => shown(event) as typeof event,
  });
  return {
    where: `http://127.0.0.1:${target.port} (the Stately inspector, loaded from stately.ai)`,
    inspect: inspector.inspect,
    stop: async () => {
      inspector.stop();
      await relay.stop();
    },
  };
}

/** How many inspection messages a browser that opens late is sent first. */
const RELAY_BACKLOG = 200;

/**
 * The relay between the bot and the Stately inspector in a browser, on loopback only (it
 * shows every nick and check-in): a page that frames the inspector and hands it what
 * arrives on the WebSocket, and the WebSocket, where every message from one side goes to
 * the others.
 */
function startRelay(port: number): { stop: () => Promise<void> } {
  const page = `<!doctype html><meta charset="utf-8"><title>ptgbot: Stately inspector</title>
<style>html,body,iframe{margin:0;width:100%;height:100%;border:0}</style>
<iframe id="i" src="https://stately.ai/inspect"></iframe>
<script>
const frame = document.getElementById('i'), waiting = [];
let ready = false;
addEventListener('message', (e) => {
  if (e.data && e.data.type === '@statelyai.connected') {
    ready = true;
    for (const m of waiting.splice(0)) frame.contentWindow.postMessage(m, '*');
  }
});
new WebSocket('ws://' + location.host).onmessage = (e) => {
  const m = JSON.parse(e.data);
  if (ready) frame.contentWindow.postMessage(m, '*');
  else waiting.push(m);
};
</script>`;
  const http = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(page);
  });
  const sockets = new WebSocketServer({ server: http });
  const backlog: string[] = [];
  sockets.on('connection', (socket) => {
    for (const message of backlog) socket.send(message);
    socket.on('message', (data) => {
      const message = data.toString();
      backlog.push(message);
      if (backlog.length > RELAY_BACKLOG) backlog.shift();
      for (const other of sockets.clients) {
        if (other !== socket && other.readyState === WebSocket.OPEN) other.send(message);
      }
    });
  });
  http.listen(port, '127.0.0.1');
  return {
    stop: () =>
      new Promise((resolve) => {
        sockets.close();
        http.close(() => resolve());
        http.closeAllConnections();
      }),
  };
}
