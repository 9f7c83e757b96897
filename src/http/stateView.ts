import { createHash } from 'node:crypto';
import { toPtgJson } from '../io/eventData/ptgJson.js';
import type { EventState } from '../machines/eventState.js';
import { Encoded } from './encoded.js';
import { statePatch } from './statePatch.js';

export interface ViewSnapshot {
  state: EventState;
  /**
   * Which state this is: the durable sequence number of the last change in it, and the
   * clock it shows (a clock reading alone is no journaled change). The SSE event id and
   * the ETag base; made without hashing the whole state.
   */
  version: string;
  stateJson: string;
  /** `{"from": version, "patch": [...]}` from the state before, or null for the first. */
  patchJson: string | null;
  ptgJson: string;
  /** The same as bytes, compressed once per encoding: most requests are for these. */
  ptgJsonEncoded: Encoded;
  /** When this state was saved: the feeds' timestamps. */
  savedAt: Date;
}

const hash = (text: string) => createHash('sha1').update(text).digest('base64url').slice(0, 16);
const versionOf = (state: EventState, seq: number) => hash(`${seq}|${state.clock?.iso ?? ''}`);

/** The current state in the forms HTTP serves, computed once per change, not per request. */
export class StateView {
  private current: ViewSnapshot;
  private readonly listeners = new Set<(view: ViewSnapshot) => void>();

  constructor(state: EventState, savedAt: string | null, seq = 0) {
    this.current = StateView.build(state, savedAt, null, versionOf(state, seq));
  }

  private static build(
    state: EventState,
    savedAt: string | null,
    before: ViewSnapshot | null,
    version: string,
  ): ViewSnapshot {
    const stateJson = JSON.stringify(state);
    const ptgJson = JSON.stringify(toPtgJson(state, savedAt ?? new Date(0).toISOString()), null, 1);
    const patchJson =
      before === null || before.version === version
        ? null
        : JSON.stringify({ from: before.version, patch: statePatch(before.state, state) });
    return {
      state,
      stateJson,
      patchJson,
      version,
      ptgJson,
      ptgJsonEncoded: new Encoded(ptgJson, `"ptg-${version}"`, 'application/json; charset=utf-8'),
      savedAt: new Date(savedAt ?? 0),
    };
  }

  get snapshot(): ViewSnapshot {
    return this.current;
  }

  update(state: EventState, savedAt: string | null, seq: number): void {
    const version = versionOf(state, seq);
    if (version === this.current.version) return;
    const next = StateView.build(state, savedAt, this.current, version);
    this.current = next;
    for (const listener of this.listeners) listener(next);
  }

  onChange(listener: (view: ViewSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
