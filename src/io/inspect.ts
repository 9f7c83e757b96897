import { createWriteStream } from 'node:fs';
import { createWebSocketInspector } from '@statelyai/inspect';
import { createInspectorServer } from '@statelyai/inspect/server';
import type { InspectionEvent, Observer } from 'xstate';

import type { InspectTarget } from './inspectTarget.js';

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
    record.event = event.event;
    record.sourceId = (event.sourceRef as { id?: string } | undefined)?.id ?? null;
  }
  if (event.type === '@xstate.snapshot' || event.type === '@xstate.actor') {
    // An actor is announced before it has a snapshot of its own.
    const snapshot =
      event.type === '@xstate.snapshot' ? event.snapshot : event.actorRef.getSnapshot();
    record.value = (snapshot as { value?: unknown } | undefined)?.value ?? null;
    record.context = (snapshot as { context?: unknown } | undefined)?.context ?? null;
    if (event.type === '@xstate.snapshot') record.event = event.event;
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
  const server = createInspectorServer({ port: target.port, autoOpen: false });
  const inspector = createWebSocketInspector({ url: `ws://localhost:${target.port}` });
  return {
    where: `http://localhost:${target.port}`,
    inspect: inspector.inspect,
    stop: async () => {
      inspector.stop();
      server.stop();
    },
  };
}
