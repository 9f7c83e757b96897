import { createHash } from 'node:crypto';
import { toPtgJson } from '../io/eventData/ptgJson.js';
import type { EventState } from '../machines/eventState.js';
import { Encoded } from './encoded.js';
import { statePatch } from './statePatch.js';

const hash = (text: string) => createHash('sha1').update(text).digest('base64url').slice(0, 16);
const versionOf = (state: EventState, seq: number) => hash(`${seq}|${state.clock?.iso ?? ''}`);

/**
 * One state in the forms HTTP serves. Each form is built the first time it is asked for
 * and kept: a burst of changes that nobody looks at in between costs no serialising.
 */
export class ViewSnapshot {
  private json: string | null = null;
  private patch: string | null | undefined;
  private ptg: string | null = null;
  private ptgEncoded: Encoded | null = null;
  /** When this state was saved: the feeds' timestamps. */
  readonly savedAt: Date;

  constructor(
    readonly state: EventState,
    private readonly savedAtIso: string | null,
    /**
     * Which state this is: the durable sequence number of the last change in it, and the
     * clock it shows (a clock reading alone is no journaled change). The SSE event id and
     * the ETag base; made without hashing the whole state.
     */
    readonly version: string,
    /** The state before, to make the patch from (dropped once it is made). */
    private before: ViewSnapshot | null,
  ) {
    this.savedAt = new Date(savedAtIso ?? 0);
    // Only the state before is needed for the patch: not the whole chain of views.
    if (before) before.before = null;
  }

  get stateJson(): string {
    return (this.json ??= JSON.stringify(this.state));
  }

  /** `{"from": version, "patch": [...]}` from the state before, or null for the first. */
  get patchJson(): string | null {
    if (this.patch === undefined) {
      const before = this.before;
      this.patch =
        before === null
          ? null
          : JSON.stringify({ from: before.version, patch: statePatch(before.state, this.state) });
      this.before = null;
    }
    return this.patch;
  }

  get ptgJson(): string {
    return (this.ptg ??= JSON.stringify(
      toPtgJson(this.state, this.savedAtIso ?? new Date(0).toISOString()),
      null,
      1,
    ));
  }

  /** ptg.json as bytes, compressed once per encoding: most requests are for these. */
  get ptgJsonEncoded(): Encoded {
    return (this.ptgEncoded ??= new Encoded(
      this.ptgJson,
      `"ptg-${this.version}"`,
      'application/json; charset=utf-8',
    ));
  }
}

/** The current state in the forms HTTP serves, computed once per change, not per request. */
export class StateView {
  private current: ViewSnapshot;
  private readonly listeners = new Set<(view: ViewSnapshot) => void>();

  constructor(state: EventState, savedAt: string | null, seq = 0) {
    this.current = new ViewSnapshot(state, savedAt, versionOf(state, seq), null);
  }

  get snapshot(): ViewSnapshot {
    return this.current;
  }

  update(state: EventState, savedAt: string | null, seq: number): void {
    const version = versionOf(state, seq);
    if (version === this.current.version) return;
    const next = new ViewSnapshot(state, savedAt, version, this.current);
    this.current = next;
    for (const listener of this.listeners) listener(next);
  }

  onChange(listener: (view: ViewSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
