import {
  type Actor,
  createActor,
  enqueueActions,
  type InspectionEvent,
  type Observer,
  type Snapshot,
} from 'xstate';
import type { EventDayInput } from '../../machines/event/context.js';
import { type EventDayMachine, eventDayMachine } from '../../machines/event/eventDayMachine.js';
import type { EventDayEvent, EventEmitted } from '../../machines/event/events.js';

/** A bug met while handling one event: the actor was stopped by it. */
export class HandlerFault extends Error {
  override name = 'HandlerFault';
  constructor(
    readonly eventType: string,
    override readonly cause: unknown,
  ) {
    super(
      `handling ${eventType} failed: ${cause instanceof Error ? cause.message : String(cause)}`,
    );
  }
}

export interface ActorHostOptions {
  input?: EventDayInput | undefined;
  inspect?: Observer<InspectionEvent> | ((event: InspectionEvent) => void) | undefined;
  /** Test-only: the event type whose handling throws, to exercise the airbag for real. */
  faultOn?: string | undefined;
}

/**
 * Hosts the event-day actor: starts it from a snapshot, sends it one event at a time and
 * gives back what it emitted. An exception inside the machines never escapes as an
 * uncaught error: it comes back from `send` as a `HandlerFault`, and the host must then
 * be started again.
 */
export class ActorHost {
  private actor!: Actor<EventDayMachine>;
  private collected: EventEmitted[] = [];
  private fault: unknown = null;

  constructor(private readonly options: ActorHostOptions) {}

  start(snapshot: unknown): void {
    this.actor?.stop();
    this.fault = null;
    const machine = this.options.faultOn ? withFaultOn(this.options.faultOn) : eventDayMachine;
    const actor = createActor(machine, {
      systemId: 'eventDay',
      input: this.options.input ?? {},
      inspect: this.options.inspect,
      // The snapshot's envelope was checked on read; xstate restores the rest.
      ...(snapshot === undefined ? {} : { snapshot: snapshot as Snapshot<unknown> }),
    });
    actor.on('*', (event) => this.collected.push(event));
    // Observing errors keeps xstate from rethrowing them as uncaught exceptions.
    actor.subscribe({ error: (error) => (this.fault = error) });
    this.actor = actor;
    actor.start();
    if (this.fault !== null) throw new HandlerFault('restore', this.fault);
  }

  /** Applies one event; returns what the machines emitted while handling it. */
  send(event: EventDayEvent): EventEmitted[] {
    this.collected = [];
    try {
      this.actor.send(event);
    } catch (error) {
      this.fault ??= error;
    }
    const emitted = this.collected;
    this.collected = [];
    if (this.fault !== null || this.actor.getSnapshot().status === 'error') {
      throw new HandlerFault(event.type, this.fault ?? this.actor.getSnapshot().error);
    }
    return emitted;
  }

  snapshot() {
    return this.actor.getSnapshot();
  }

  persisted(): unknown {
    return this.actor.getPersistedSnapshot();
  }

  stop(): void {
    this.actor?.stop();
  }
}

/** The machine with one event type's handling made to throw, everything else unchanged. */
function withFaultOn(eventType: string) {
  const actions = eventDayMachine.implementations.actions;
  const faulty = Object.fromEntries(
    Object.entries(actions).map(([name, real]) => [
      name,
      enqueueActions(({ event, enqueue }) => {
        if (event.type === eventType) throw new Error(`injected fault in ${eventType}`);
        enqueue(real as never);
      }),
    ]),
  );
  return eventDayMachine.provide({ actions: faulty as never });
}
