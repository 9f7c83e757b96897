import type { InspectionEvent, Observer } from 'xstate';
import { STARTUP } from '../../machines/event/adminCommands.js';
import type { EventDayInput } from '../../machines/event/context.js';
import type { EventDayEvent, EventEmitted } from '../../machines/event/events.js';
import { type EventState, readEventState } from '../../machines/eventState.js';
import type { EventImport, LocalTime } from '../../machines/model.js';
import { type DurableBase, DurableLog } from '../persistence/durableLog.js';
import { GroupCommit } from '../persistence/groupCommit.js';
import { MemoryStore } from '../persistence/memoryStore.js';
import { upgradeEvent } from '../persistence/upgradeEvent.js';
import { toEventData } from '../../machines/eventData.js';
import { SnapshotError, type StateStore } from '../persistence/snapshotStore.js';
import { ActorHost, HandlerFault } from './actorHost.js';

export { HandlerFault };

export interface RuntimeOptions {
  /** Where the state lives across restarts; none keeps it in memory only. */
  store?: StateStore | undefined;
  input?: EventDayInput;
  /** Event data for a first start, when there is no snapshot yet. */
  initialData?: EventImport | undefined;
  /** Read only at a first start: the event data to start from instead of `initialData` (a take-over). */
  firstStartData?: () => Promise<EventImport | undefined>;
  initialTime?: LocalTime;
  inspect?: Observer<InspectionEvent> | ((event: InspectionEvent) => void) | undefined;
  /** Told how long each durable save took, in seconds. */
  observeSave?: (seconds: number) => void;
  /** Told when a save failed (and the state went back to the last saved one). */
  onSaveFailure?: (error: unknown) => void;
  /** Told when handling an event threw (and the state went back to before it). */
  onFault?: (fault: HandlerFault) => void;
  onWarning?: (message: string, error: unknown) => void;
  /** Told what the machines want the organisers to read in the log. */
  onLog?: (text: string) => void;
  /** Test-only: the event type whose handling throws. */
  faultOn?: string | undefined;
  now?: () => Date;
}

type Listener<T> = (value: T) => void;

/** A state that is on disk: the event, the last change in it, when it was saved. */
export interface SavedState {
  state: EventState;
  seq: number;
  savedAt: string | null;
}

/**
 * The running event: the event-day actor (hosted by `ActorHost`) and its durability
 * (`DurableLog`). It saves changes in groups, acknowledges nothing before it is on disk,
 * goes back to what is on disk when a save fails, and to the state before an event when
 * handling that event throws.
 */
export class EventRuntime {
  private readonly host: ActorHost;
  private readonly log: DurableLog;
  private readonly commit: GroupCommit;
  private readonly savedListeners = new Set<Listener<SavedState>>();
  private readonly announceListeners = new Set<Listener<string>>();
  private dirty = false;
  savedAt: string | null = null;
  /** What this start began from: the state file, taken-over data, the initial data, nothing. */
  origin: 'state file' | 'take-over' | 'initial data' | 'nothing' = 'nothing';

  private constructor(private readonly options: RuntimeOptions) {
    this.host = new ActorHost({
      input: options.input,
      inspect: options.inspect,
      faultOn: options.faultOn,
    });
    this.log = new DurableLog(options.store ?? new MemoryStore(), options.onWarning);
    this.commit = new GroupCommit(
      () => this.save(),
      (error) => {
        this.options.onSaveFailure?.(error);
        this.rebuild(false);
      },
    );
  }

  static async open(options: RuntimeOptions): Promise<EventRuntime> {
    const runtime = new EventRuntime(options);
    const base = await runtime.log.open();
    if (base) {
      runtime.savedAt = base.savedAt;
      try {
        runtime.restore(base);
      } catch (error) {
        if (!(error instanceof HandlerFault)) throw error;
        throw new SnapshotError(
          options.store?.path ?? '(memory)',
          `it could not be restored (${error.message}); it was left untouched`,
        );
      }
      runtime.applySettings();
      runtime.origin = 'state file';
      return runtime;
    }
    if (await runtime.log.orphanJournal()) {
      throw new SnapshotError(
        runtime.log.journalPath,
        `it holds changes but there is no snapshot ${options.store?.path} they follow`,
      );
    }
    const takenOver = await options.firstStartData?.();
    runtime.host.start(undefined);
    const data = takenOver ?? options.initialData;
    if (data) runtime.origin = takenOver ? 'take-over' : 'initial data';
    if (data && options.initialTime) {
      runtime.send({
        type: 'admin.import',
        requestId: STARTUP,
        nick: STARTUP,
        at: options.initialTime,
        source: 'the initial event data',
        data: toEventData(data),
      });
    }
    runtime.dirty = true;
    await runtime.durable();
    return runtime;
  }

  /**
   * The config's settings win over those a snapshot was saved with. The journal before
   * them was replayed under the settings it was decided by; a change is journaled.
   */
  private applySettings(): void {
    const input = this.options.input;
    this.send({
      type: 'settings.config',
      limits: input?.limits ?? {},
      identifiedOnly: input?.identifiedOnly ?? false,
    });
  }

  /** Starts the actor from a durable base and applies its journal again, silently. */
  private restore(base: DurableBase): void {
    this.host.start(base.snapshot);
    for (const record of base.records) this.host.send(upgradeEvent(record.event));
  }

  /**
   * Applies one event; returns what the machines emitted while handling it. When the
   * handling throws, the state goes back to just before the event and the fault is thrown.
   */
  send(event: EventDayEvent): EventEmitted[] {
    let emitted: EventEmitted[];
    try {
      emitted = this.host.send(event);
    } catch (error) {
      if (!(error instanceof HandlerFault)) throw error;
      this.rebuild(true);
      this.options.onFault?.(error);
      throw error;
    }
    if (emitted.some((e) => e.type === 'changed')) {
      this.dirty = true;
      this.log.record(event);
    }
    for (const e of emitted) {
      if (e.type === 'announce') this.afterDurable(() => this.emitAnnounce(e.text));
      else if (e.type === 'log') this.options.onLog?.(e.text);
    }
    return emitted;
  }

  /** Resolves when every change made so far is on disk; rejects when it could not be saved. */
  durable(): Promise<void> {
    if (!this.dirty && !this.commit.busy) return Promise.resolve();
    return this.commit.durable();
  }

  private afterDurable(fn: () => void): void {
    this.durable().then(fn, () => {});
  }

  state(): EventState {
    return readEventState(this.host.snapshot());
  }

  /** The sequence number of the last durable change: names the state for the page. */
  get seq(): number {
    return this.log.lastSeq;
  }

  /** The tracks there are, sorted (cheap: no state is built). */
  tracks(): readonly string[] {
    return this.host.snapshot().context.tracks;
  }

  get voiceRequired(): boolean {
    return this.host.snapshot().hasTag('voice required');
  }

  /**
   * Called each time changes have been saved, with the state they make: not the state of
   * now, which may hold changes applied while the save ran and not yet on disk.
   */
  onSaved(listener: Listener<SavedState>): () => void {
    this.savedListeners.add(listener);
    return () => this.savedListeners.delete(listener);
  }

  /** Called with channel-wide announcements (such as an automatic new day), once saved. */
  onAnnounce(listener: Listener<string>): () => void {
    this.announceListeners.add(listener);
    return () => this.announceListeners.delete(listener);
  }

  private emitAnnounce(text: string): void {
    for (const listener of this.announceListeners) listener(text);
  }

  private notifySaved(saved: SavedState): void {
    for (const listener of this.savedListeners) listener(saved);
  }

  private async save(forceSnapshot = false): Promise<void> {
    this.dirty = false;
    const savedAt = (this.options.now?.() ?? new Date()).toISOString();
    // What this save makes durable: the log takes its lines and snapshot right away.
    const state = this.state();
    const seq = this.log.lastSeq;
    const started = performance.now();
    await this.log.save(() => this.host.persisted(), savedAt, forceSnapshot);
    this.options.observeSave?.((performance.now() - started) / 1000);
    this.savedAt = savedAt;
    this.notifySaved({ state, seq, savedAt });
  }

  /**
   * Starts the actor again from what is on disk; with `keepPending`, also from the events
   * applied but not yet saved (after a fault, which must not lose other senders' changes).
   */
  private rebuild(keepPending: boolean): void {
    this.dirty = keepPending && this.log.hasPending;
    this.restore(this.log.base(keepPending));
    if (!keepPending) {
      this.notifySaved({ state: this.state(), seq: this.log.lastSeq, savedAt: this.savedAt });
    }
  }

  /** Saves what is pending and stops the actor. */
  async stop(): Promise<void> {
    await this.durable().catch(() => {});
    // A clean stop leaves one snapshot and an empty journal.
    if (this.log.savedLineCount > 0) {
      await this.save(true).catch(() => {});
    }
    this.host.stop();
  }
}
