import { assign, createActor, enqueueActions, setup, stateIn } from 'xstate';
import { describe, expect, it } from 'vitest';

/**
 * The project carries a patch to xstate (patches/, applied by `npm ci`): a snapshot's
 * state value and tags are made once per set of active state nodes, and the search for
 * eventless transitions is skipped when no active state has one, and more (see
 * patches/README.md). These check that the patch is in place and that xstate behaves as
 * it did without it.
 */
const machine = setup({
  types: { context: {} as { n: number }, events: {} as { type: 'bump' } | { type: 'go' } },
}).createMachine({
  type: 'parallel',
  context: { n: 0 },
  states: {
    a: {
      initial: 'one',
      on: { bump: { actions: assign({ n: ({ context }) => context.n + 1 }) } },
      states: {
        one: { tags: ['first'], on: { go: 'two' } },
        two: {
          tags: ['second'],
          always: { guard: ({ context }) => context.n >= 2, target: 'three' },
        },
        three: { tags: ['third'] },
      },
    },
    b: { initial: 'idle', states: { idle: { tags: ['idle'] } } },
  },
});

describe('the xstate patch', () => {
  it('is applied: snapshots with the same active states share their value and tags', () => {
    const actor = createActor(machine).start();
    const before = actor.getSnapshot();
    actor.send({ type: 'bump' });
    const after = actor.getSnapshot();
    expect(after.context.n).toBe(1);
    expect(after).not.toBe(before);
    expect(after.value).toBe(before.value);
    expect(after.tags).toBe(before.tags);
  });

  it('still gives a new value and tags when the active states change', () => {
    const actor = createActor(machine).start();
    actor.send({ type: 'go' });
    const snapshot = actor.getSnapshot();
    expect(snapshot.value).toEqual({ a: 'two', b: 'idle' });
    expect([...snapshot.tags].sort()).toEqual(['idle', 'second']);
    expect(snapshot.hasTag('first')).toBe(false);
  });

  it('still takes eventless transitions once a state that has them is active', () => {
    const actor = createActor(machine).start();
    actor.send({ type: 'bump' });
    actor.send({ type: 'go' });
    expect(actor.getSnapshot().value).toEqual({ a: 'two', b: 'idle' });
    actor.send({ type: 'bump' });
    expect(actor.getSnapshot().value).toEqual({ a: 'three', b: 'idle' });
    expect(actor.getSnapshot().hasTag('third')).toBe(true);
  });

  it('checks stateIn by id against the current state, and refuses an unknown id', () => {
    const seen: boolean[] = [];
    const checking = setup({
      actions: {
        note: enqueueActions(({ check }) => {
          seen.push(check(stateIn('#m.a.two') as never));
        }),
      },
    }).createMachine({
      id: 'm',
      type: 'parallel',
      on: { look: { actions: 'note' } },
      states: {
        a: { initial: 'one', states: { one: { on: { go: 'two' } }, two: {} } },
        b: {},
      },
    });
    const actor = createActor(checking).start();
    actor.send({ type: 'look' });
    actor.send({ type: 'go' });
    actor.send({ type: 'look' });
    expect(seen).toEqual([false, true]);
    const unknown = setup({}).createMachine({
      id: 'u',
      initial: 'x',
      states: {
        x: { on: { look: { guard: stateIn('#u.nowhere') as never, target: 'y' } } },
        y: {},
      },
    });
    const errors: unknown[] = [];
    const broken = createActor(unknown);
    broken.subscribe({ error: (error) => errors.push(error) });
    broken.start();
    broken.send({ type: 'look' });
    expect(errors).toHaveLength(1);
  });

  it('runs only the actions of transitions without targets, region by region, in order', () => {
    const log: string[] = [];
    const note = (what: string) => () => void log.push(what);
    const regions = setup({}).createMachine({
      type: 'parallel',
      states: {
        a: {
          initial: 'one',
          states: {
            one: {
              entry: note('enter one'),
              exit: note('exit one'),
              on: { ping: { actions: note('a pings') }, go: 'two' },
            },
            two: { entry: note('enter two') },
          },
        },
        b: { on: { ping: { actions: note('b pings') } } },
      },
    });
    const actor = createActor(regions).start();
    log.length = 0;
    actor.send({ type: 'ping' });
    expect(log).toEqual(['a pings', 'b pings']);
    expect(actor.getSnapshot().value).toEqual({ a: 'one', b: {} });
    actor.send({ type: 'go' });
    expect(log).toEqual(['a pings', 'b pings', 'exit one', 'enter two']);
  });

  it('picks the first transition whose guard passes, for each event type on its own', () => {
    const picking = setup({
      types: { context: {} as { n: number }, events: {} as { type: 'a' } | { type: 'b' } },
    }).createMachine({
      context: { n: 0 },
      initial: 'idle',
      states: {
        idle: {
          on: {
            a: [
              { guard: ({ context }) => context.n > 0, target: 'big' },
              { actions: assign({ n: ({ context }) => context.n + 1 }) },
            ],
            b: { target: 'bee' },
          },
        },
        big: {},
        bee: {},
      },
    });
    const actor = createActor(picking).start();
    actor.send({ type: 'a' });
    expect(actor.getSnapshot().value).toBe('idle');
    actor.send({ type: 'a' });
    expect(actor.getSnapshot().value).toBe('big');
    const other = createActor(picking).start();
    other.send({ type: 'b' });
    expect(other.getSnapshot().value).toBe('bee');
  });

  it('enqueues through one shared function, each call into its own actions, nested or not', () => {
    type Flags = Record<string, boolean>;
    const enqueuers: unknown[] = [];
    const ponging = setup({ types: { context: {} as Flags } }).createMachine({
      context: {},
      on: {
        ping: {
          actions: enqueueActions(({ enqueue }) => {
            enqueuers.push(enqueue);
            enqueue.assign({ pinged: true });
          }),
        },
      },
    });
    const other = createActor(ponging).start();
    const pinging = setup({ types: { context: {} as Flags } }).createMachine({
      context: {},
      on: {
        go: {
          actions: enqueueActions(({ enqueue }) => {
            enqueuers.push(enqueue);
            enqueue.assign({ before: true });
            // Processed at once, inside this call: a nested enqueueActions.
            other.send({ type: 'ping' });
            enqueue.assign({ after: true });
          }),
        },
      },
    });
    const actor = createActor(pinging).start();
    actor.send({ type: 'go' });
    expect(actor.getSnapshot().context).toEqual({ before: true, after: true });
    expect(other.getSnapshot().context).toEqual({ pinged: true });
    expect(enqueuers[0]).toBe(enqueuers[1]);
    // Used after its call has returned (not supported), it changes nothing and throws nothing.
    (enqueuers[0] as { assign: (update: Flags) => void }).assign({ late: true });
    actor.send({ type: 'go' });
    expect(actor.getSnapshot().context).toEqual({ before: true, after: true });
  });

  it('restores a persisted snapshot with its value and tags', () => {
    const actor = createActor(machine).start();
    actor.send({ type: 'go' });
    const restored = createActor(machine, { snapshot: actor.getPersistedSnapshot() }).start();
    expect(restored.getSnapshot().value).toEqual({ a: 'two', b: 'idle' });
    expect(restored.getSnapshot().hasTag('second')).toBe(true);
  });
});
