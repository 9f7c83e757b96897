import type { InspectionEvent } from 'xstate';

/** One actor as the inspector page shows it. */
export interface InspectedActor {
  id: string;
  value: unknown;
  tags: string[];
  context: unknown;
}

export interface InspectedEvent {
  at: string;
  actor: string;
  type: string;
  event: unknown;
}

const MAX_EVENTS = 50;

/**
 * What the built-in inspector shows: every actor's state value, tags and context, and the
 * last events they received, kept from XState's inspection events. Listeners hear of each
 * change; the page follows them live.
 */
export class LiveInspector {
  readonly actors = new Map<string, InspectedActor>();
  readonly events: InspectedEvent[] = [];
  private readonly listeners = new Set<() => void>();

  readonly inspect = (event: InspectionEvent): void => {
    const ref = event.actorRef as unknown as { id: string; systemId?: string; _parent?: unknown };
    // The root is the event day; children are named by their system ids (`track:swift`).
    const id = ref.systemId ?? (ref._parent === undefined ? 'eventDay' : ref.id);
    if (event.type === '@xstate.snapshot') {
      const snapshot = event.snapshot as {
        value?: unknown;
        tags?: Set<string>;
        context?: unknown;
        status?: string;
      };
      if (snapshot.status === 'stopped') this.actors.delete(id);
      else
        this.actors.set(id, {
          id,
          value: snapshot.value ?? null,
          tags: [...(snapshot.tags ?? [])].sort(),
          context: snapshot.context ?? null,
        });
      this.changed();
    } else if (event.type === '@xstate.event') {
      const type = (event.event as { type?: string }).type ?? '?';
      if (type.startsWith('xstate.')) return;
      this.events.unshift({ at: new Date().toISOString(), actor: id, type, event: event.event });
      this.events.length = Math.min(this.events.length, MAX_EVENTS);
      this.changed();
    }
  };

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}
