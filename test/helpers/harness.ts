import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localTimeIn } from '../../src/io/clock/localTime.js';
import { CommandHandler, type OutgoingMessage } from '../../src/io/commandHandler.js';
import { type ParsedEventData, parseEventData } from '../../src/io/eventData/parseEventData.js';
import { toPtgJson } from '../../src/io/eventData/ptgJson.js';
import { EventRuntime, type HandlerFault } from '../../src/io/runtime/eventRuntime.js';
import { SnapshotStore } from '../../src/io/persistence/snapshotStore.js';
import type { EventImport } from '../../src/machines/model.js';

export const TIME_ZONE = 'Europe/Berlin';
/** A Monday morning of the test event, during its first slot. */
export const MONDAY_MORNING = '2026-11-23T09:30:00+01:00';

export interface Who {
  nick: string;
  op?: boolean;
  voice?: boolean;
  account?: string | null;
  isPrivate?: boolean;
}

export const OP: Who = { nick: 'olivia', op: true };
export const VOICED: Who = { nick: 'victor', voice: true };
export const USER: Who = { nick: 'alice' };

export const fixturePath = (name: string) =>
  new URL(`../fixtures/${name}`, import.meta.url).pathname;

export function fixtureData(name: string): EventImport {
  const parsed = parseEventData(JSON.parse(readFileSync(fixturePath(name), 'utf8')));
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.data;
}

export function tempDir(): { path: string; cleanup: () => void } {
  const path = mkdtempSync(join(tmpdir(), 'ptgbot-test-'));
  return { path, cleanup: () => rmSync(path, { recursive: true, force: true }) };
}

export interface Harness {
  runtime: EventRuntime;
  handler: CommandHandler;
  /** Says a line; returns the texts of everything the bot answers. */
  say: (text: string, who?: Who) => Promise<string[]>;
  /** Says a line; returns the whole outgoing messages. */
  send: (text: string, who?: Who) => Promise<OutgoingMessage[]>;
  setTime: (iso: string) => void;
  tick: () => Promise<void>;
  ptg: () => ReturnType<typeof toPtgJson>;
}

export async function harness(
  options: {
    data?: EventImport;
    time?: string;
    statePath?: string;
    identifiedOnly?: boolean;
    onSaveFailure?: (error: unknown) => void;
    fetchEventData?: (url: string) => Promise<ParsedEventData>;
    faultOn?: string;
    onFault?: (fault: HandlerFault) => void;
  } = {},
): Promise<Harness> {
  let now = new Date(options.time ?? MONDAY_MORNING);
  const clock = () => localTimeIn(now, TIME_ZONE);
  const runtime = await EventRuntime.open({
    store: options.statePath ? new SnapshotStore(options.statePath) : undefined,
    input: { eventid: 'test' },
    initialData: options.data,
    initialTime: clock(),
    now: () => now,
    onSaveFailure: options.onSaveFailure,
    faultOn: options.faultOn,
    ...(options.onFault ? { onFault: options.onFault } : {}),
  });
  const handler = new CommandHandler(runtime, {
    clock,
    identifiedOnly: options.identifiedOnly ?? false,
    ...(options.fetchEventData ? { fetchEventData: options.fetchEventData } : {}),
  });
  // As the running bot does: the clock ticks at start and whenever the time is set.
  runtime.send({ type: 'clock.tick', at: clock() });
  await runtime.durable();
  const send = (text: string, who: Who = OP) => handler.handle({ text, isPrivate: false, ...who });
  return {
    runtime,
    handler,
    send,
    say: async (text, who) => (await send(text, who)).map((m) => m.text),
    setTime: (iso) => {
      now = new Date(iso);
      runtime.send({ type: 'clock.tick', at: clock() });
    },
    tick: async () => {
      runtime.send({ type: 'clock.tick', at: clock() });
      await runtime.durable();
    },
    ptg: () => toPtgJson(runtime.state(), 'T'),
  };
}
