import type { InspectionEvent } from 'xstate';
import { shown } from './shown.js';

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
  /** How many clock events this line folds (1 for any other). */
  count: number;
}

/** Events kept however old; younger ones are kept too, up to the cap. */
const MAX_EVENTS = 50;
const KEEP_MS = 3 * 60_000;
const MAX_RECENT = 1000;
/** The clock's own events: folded into one line, so they never push commands out. */
const CLOCK_EVENTS = new Set(['clock.tick', 'day.check']);

/**
 * What the built-in inspector shows: every actor's state value, tags and context, and the
 * last events they received, kept from XState's inspection events. Listeners hear of each
 * change; the page follows them live.
 */
export class LiveInspector {
  readonly actors = new Map<string, InspectedActor>();
  readonly events: InspectedEvent[] = [];
  private readonly listeners = new Set<() => void>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  readonly inspect = (event: InspectionEvent): void => {
    const ref = event.actorRef as unknown as { id: string; systemId?: string };
    // Actors are named by their system ids: `eventDay`, `track:swift`, `ircConnection`.
    const id = ref.systemId ?? ref.id;
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
          context: shown(snapshot.context ?? null),
        });
      this.changed();
    } else if (event.type === '@xstate.event') {
      const type = (event.event as { type?: string }).type ?? '?';
      if (type.startsWith('xstate.')) return;
      const entry = { at: this.now().toISOString(), actor: id, type, event: shown(event.event) };
      this.record({ ...entry, count: 1 });
      this.changed();
    }
  };

  /**
   * The newest first. Clock events fold into the newest line when it is the clock's too,
   * so a developer reading the last commands has them for at least three minutes.
   */
  private record(entry: InspectedEvent): void {
    const newest = this.events[0];
    if (
      newest &&
      CLOCK_EVENTS.has(entry.type) &&
      CLOCK_EVENTS.has(newest.type) &&
      newest.actor === entry.actor
    ) {
      this.events[0] = { ...entry, count: newest.count + 1 };
      return;
    }
    this.events.unshift(entry);
    const oldest = this.now().getTime() - KEEP_MS;
    let keep = this.events.length;
    while (keep > MAX_EVENTS && Date.parse((this.events[keep - 1] as InspectedEvent).at) < oldest)
      keep -= 1;
    this.events.length = Math.min(keep, MAX_RECENT);
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}
