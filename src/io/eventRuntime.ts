import {
  type Actor,
  createActor,
  type InspectionEvent,
  type Observer,
  type Snapshot,
} from 'xstate';
import type { EventDayInput } from '../machines/event/context.js';
import { type EventDayMachine, eventDayMachine } from '../machines/event/eventDayMachine.js';
import type { EventDayEvent, EventEmitted } from '../machines/event/events.js';
import { type EventState, readEventState } from '../machines/eventState.js';
import type { EventImport, LocalTime } from '../machines/model.js';
import { GroupCommit } from './persistence/groupCommit.js';
import type { JournalRecord } from './persistence/journal.js';
import {
  deserialiseSnapshot,
  SnapshotError,
  type SnapshotStore,
  serialiseSnapshot,
} from './persistence/snapshotStore.js';

export interface RuntimeOptions {
  /** Where the state lives across restarts; none keeps it in memory only. */
  store?: SnapshotStore | undefined;
  input?: EventDayInput;
  /** Event data for a first start, when there is no snapshot yet. */
  initialData?: EventImport | undefined;
  /** Read only at a first start: event data that wins over `initialData` (a take-over). */
  firstStartData?: () => Promise<EventImport | undefined>;
  initialTime?: LocalTime;
  inspect?: Observer<InspectionEvent> | ((event: InspectionEvent) => void) | undefined;
  /** Told how long each durable save took, in seconds. */
  observeSave?: (seconds: number) => void;
  /** Told when a save failed (and the state went back to the last saved one). */
  onSaveFailure?: (error: unknown) => void;
  now?: () => Date;
}

type Listener<T> = (value: T) => void;

/** Journal lines after which the next save writes a whole snapshot instead. */
const JOURNAL_LIMIT = 2000;

/**
 * The running event-day actor with its durability: restores it from the snapshot,
 * saves it after changes (one write for many commands), and goes back to the last
 * saved state when a save fails, so nothing unsaved is ever acknowledged.
 */
export class EventRuntime {
  private actor!: Actor<EventDayMachine>;
  private collected: EventEmitted[] = [];
  /** The last snapshot written (or read), and the journal lines saved since it. */
  private lastSnapshot: string | null = null;
  private savedLines: string[] = [];
  /** Journal lines of changes applied but not yet saved. */
  private pendingLines: string[] = [];
  private seq = 0;
  /** After a failed save the journal may end in a torn line: the next save is a snapshot. */
  private snapshotNext = true;
  private readonly commit: GroupCommit;
  private readonly savedListeners = new Set<Listener<EventState>>();
  private readonly announceListeners = new Set<Listener<string>>();
  private dirty = false;
  savedAt: string | null = null;

  private constructor(private readonly options: RuntimeOptions) {
    this.commit = new GroupCommit(
      () => this.save(),
      (error) => {
        this.options.onSaveFailure?.(error);
        this.rollBack();
      },
    );
  }

  static async open(options: RuntimeOptions): Promise<EventRuntime> {
    const runtime = new EventRuntime(options);
    const saved = await options.store?.read();
    if (saved && options.store) {
      runtime.savedAt = saved.savedAt;
      runtime.lastSnapshot = serialiseSnapshot(saved.snapshot, saved.savedAt, saved.seq);
      runtime.start(saved.snapshot);
      runtime.seq = saved.seq;
      const records = await options.store.journal.read(saved.seq);
      runtime.replay(records);
      runtime.savedLines = records.map((record) => JSON.stringify(record));
      runtime.snapshotNext = false;
      runtime.applySettings();
      return runtime;
    }
    if (options.store && (await options.store.journal.read(0)).length > 0) {
      throw new SnapshotError(
        options.store.journal.path,
        `it holds changes but there is no snapshot ${options.store.path} they follow`,
      );
    }
    const takenOver = await options.firstStartData?.();
    runtime.start(undefined);
    const data =
      options.initialData || takenOver ? { ...options.initialData, ...takenOver } : undefined;
    if (data && options.initialTime) {
      runtime.send({
        type: 'admin.import',
        requestId: 'startup',
        nick: 'startup',
        at: options.initialTime,
        source: 'the initial event data',
        data,
      });
    }
    if (options.store) {
      runtime.dirty = true;
      await runtime.durable();
    }
    return runtime;
  }

  /** The config's settings win over those a snapshot was saved with. */
  private applySettings(): void {
    const limits = this.options.input?.limits;
    if (limits) this.actor.send({ type: 'settings.limits', limits });
  }

  private start(snapshot: unknown): void {
    const actor = createActor(eventDayMachine, {
      input: this.options.input ?? {},
      inspect: this.options.inspect,
      // The snapshot's envelope was checked on read; xstate restores the rest.
      ...(snapshot === undefined ? {} : { snapshot: snapshot as Snapshot<unknown> }),
    });
    actor.on('*', (event) => {
      this.collected.push(event);
      if (event.type === 'changed') this.dirty = true;
    });
    this.actor = actor;
    actor.start();
  }

  /** Applies saved journal records again: what they emit was said before. */
  private replay(records: JournalRecord[]): void {
    for (const record of records) {
      this.actor.send(record.event as EventDayEvent);
      this.seq = record.seq;
    }
    this.collected = [];
    this.dirty = false;
  }

  /** Applies one event; returns what the machines emitted while handling it. */
  send(event: EventDayEvent): EventEmitted[] {
    this.collected = [];
    this.actor.send(event);
    const emitted = this.collected;
    this.collected = [];
    if (this.options.store && emitted.some((e) => e.type === 'changed')) {
      this.seq++;
      this.pendingLines.push(JSON.stringify({ seq: this.seq, event }));
    }
    for (const e of emitted) {
      if (e.type === 'announce') this.afterDurable(() => this.emitAnnounce(e.text));
    }
    return emitted;
  }

  /** Resolves when every change made so far is on disk; rejects when it could not be saved. */
  durable(): Promise<void> {
    if (!this.options.store) {
      if (this.dirty) {
        this.dirty = false;
        const state = this.state();
        for (const listener of this.savedListeners) listener(state);
      }
      return Promise.resolve();
    }
    if (!this.dirty && !this.commit.busy) return Promise.resolve();
    return this.commit.durable();
  }

  private afterDurable(fn: () => void): void {
    this.durable().then(fn, () => {});
  }

  state(): EventState {
    return readEventState(this.actor.getSnapshot());
  }

  get voiceRequired(): boolean {
    return this.actor.getSnapshot().value === 'voiceRequired';
  }

  /** Called with the state each time a change has been saved. */
  onSaved(listener: Listener<EventState>): () => void {
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

  private async save(): Promise<void> {
    const store = this.options.store;
    if (!store) return;
    this.dirty = false;
    const lines = this.pendingLines;
    this.pendingLines = [];
    const savedAt = (this.options.now?.() ?? new Date()).toISOString();
    const started = performance.now();
    if (this.snapshotNext || this.savedLines.length + lines.length > JOURNAL_LIMIT) {
      this.snapshotNext = true;
      const snapshot = serialiseSnapshot(this.actor.getPersistedSnapshot(), savedAt, this.seq);
      await store.write(snapshot);
      this.lastSnapshot = snapshot;
      this.savedLines = [];
      await store.journal.reset();
      this.snapshotNext = false;
    } else if (lines.length > 0) {
      await store.journal.append(lines);
      this.savedLines.push(...lines);
    }
    this.options.observeSave?.((performance.now() - started) / 1000);
    this.savedAt = savedAt;
    const state = this.state();
    for (const listener of this.savedListeners) listener(state);
  }

  /** Back to what is on disk: the last snapshot and the journal lines saved after it. */
  private rollBack(): void {
    this.actor.stop();
    this.dirty = false;
    this.pendingLines = [];
    this.snapshotNext = true;
    const base =
      this.lastSnapshot === null ? null : deserialiseSnapshot('(memory)', this.lastSnapshot);
    this.start(base?.snapshot);
    this.seq = base?.seq ?? 0;
    this.replay(this.savedLines.map((line) => JSON.parse(line) as JournalRecord));
    const state = this.state();
    for (const listener of this.savedListeners) listener(state);
  }

  /** Saves what is pending and stops the actor. */
  async stop(): Promise<void> {
    await this.durable().catch(() => {});
    // A clean stop leaves one snapshot and an empty journal.
    if (this.options.store && this.savedLines.length > 0) {
      this.snapshotNext = true;
      this.dirty = true;
      await this.durable().catch(() => {});
    }
    this.actor.stop();
  }
}
