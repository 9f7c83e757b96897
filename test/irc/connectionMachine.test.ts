import { describe, expect, it } from 'vitest';
import { createActor, fromCallback, SimulatedClock } from 'xstate';
import {
  type ClientCommand,
  type ClientEvent,
  type ConnectionEmitted,
  type ConnectionInput,
  connectionMachine,
} from '../../src/io/irc/connection/connectionMachine.js';

const input: ConnectionInput = {
  reconnect: { min: 1000, max: 4000 },
  identifyToNickServ: false,
  identifyWaitMs: 5000,
};

/** The machine with a stand-in client: what it is asked is recorded; the test plays the server. */
function start(overrides: Partial<ConnectionInput> = {}) {
  const asked: string[] = [];
  let clients = 0;
  const clock = new SimulatedClock();
  const machine = connectionMachine.provide({
    actors: {
      client: fromCallback<ClientCommand, ConnectionInput, ClientEvent>(({ receive }) => {
        clients += 1;
        receive((command) => asked.push(command.type));
        return () => asked.push('dropped');
      }),
    },
  });
  const actor = createActor(machine, { input: { ...input, ...overrides }, clock });
  const statuses: string[] = [];
  const logs: string[] = [];
  actor.on('status', (e) => statuses.push(e.status));
  actor.on('log', (e: Extract<ConnectionEmitted, { type: 'log' }>) => logs.push(e.text));
  actor.start();
  return { actor, asked, clock, statuses, logs, clients: () => clients };
}

const server = (c: ReturnType<typeof start>, ...events: ClientEvent[]) => {
  for (const event of events) c.actor.send(event);
};
const where = (c: ReturnType<typeof start>) => c.actor.getSnapshot().value;

describe('the IRC connection machine', () => {
  it('connects, registers, joins; a kick sends it back to joining', () => {
    const c = start();
    expect(where(c)).toEqual({ online: 'connecting' });
    server(c, { type: 'irc.connected' });
    expect(where(c)).toEqual({ online: 'registering' });
    server(c, { type: 'irc.registered', nick: 'ptgbot', problems: [] });
    expect(where(c)).toEqual({ online: 'joining' });
    expect(c.asked).toEqual(['join']);
    server(c, { type: 'irc.joined' });
    expect(where(c)).toEqual({ online: 'joined' });
    server(c, { type: 'irc.left', why: 'kicked from the channel by op' });
    expect(where(c)).toEqual({ online: 'joining' });
    expect(c.asked).toEqual(['join', 'join']);
    expect(c.logs).toContain('kicked from the channel by op: rejoining');
    expect(c.statuses).toEqual(['connecting', 'registered', 'joined', 'registered']);
  });

  it('identifies to NickServ first when asked to, and joins anyway when NickServ is slow', () => {
    const c = start({ identifyToNickServ: true });
    server(c, { type: 'irc.connected' }, { type: 'irc.registered', nick: 'ptgbot', problems: [] });
    expect(where(c)).toEqual({ online: 'identifying' });
    expect(c.asked).toEqual(['identify']);
    c.clock.increment(4999);
    expect(where(c)).toEqual({ online: 'identifying' });
    c.clock.increment(1);
    expect(where(c)).toEqual({ online: 'joining' });
    expect(c.logs).toContain('NickServ did not confirm the login in time: joining anyway');

    const refused = start({ identifyToNickServ: true });
    server(
      refused,
      { type: 'irc.connected' },
      { type: 'irc.registered', nick: 'ptgbot', problems: [] },
      { type: 'irc.identified', problem: 'NickServ refused to identify ptgbot: invalid password' },
    );
    expect(where(refused)).toEqual({ online: 'joining' });
    expect(refused.actor.getSnapshot().context.problem).toMatch(/invalid password/);
  });

  it('backs off with the reason, twice as long each time up to the limit; registering resets the wait', () => {
    const c = start();
    server(c, { type: 'irc.closed', reason: 'connection refused' });
    expect(where(c)).toBe('backingOff');
    expect(c.actor.getSnapshot().context.problem).toBe('connection refused');
    expect(c.logs.at(-1)).toBe(
      'could not connect to IRC (connection refused): trying again in 1 s',
    );
    expect(c.asked).toEqual(['dropped']);
    c.clock.increment(1000);
    expect(where(c)).toEqual({ online: 'connecting' });
    expect(c.clients()).toBe(2);
    // The reason stays while the next attempt runs: /healthz says why meanwhile.
    expect(c.actor.getSnapshot().context.problem).toBe('connection refused');
    server(c, { type: 'irc.closed', reason: 'connection refused' });
    expect(c.actor.getSnapshot().context.retryDelay).toBe(2000);
    c.clock.increment(2000);
    server(c, { type: 'irc.closed', reason: 'connection refused' });
    c.clock.increment(4000);
    server(c, { type: 'irc.closed', reason: 'connection refused' });
    expect(c.actor.getSnapshot().context.retryDelay).toBe(4000);
    c.clock.increment(4000);
    server(c, { type: 'irc.connected' }, { type: 'irc.registered', nick: 'x', problems: [] });
    expect(c.actor.getSnapshot().context).toMatchObject({ retryDelay: 1000, problem: null });
    server(c, { type: 'irc.joined' }, { type: 'irc.closed', reason: 'the server said: bye' });
    expect(c.logs.at(-1)).toBe('disconnected from IRC (the server said: bye): reconnecting');
  });

  it('stops: says goodbye and waits for the close, or two seconds; stopped for good', () => {
    const c = start();
    server(c, { type: 'irc.connected' }, { type: 'irc.registered', nick: 'x', problems: [] });
    c.actor.send({ type: 'stop', message: 'bye' });
    expect(where(c)).toEqual({ online: 'stopping' });
    expect(c.asked).toEqual(['join', 'quit']);
    server(c, { type: 'irc.closed', reason: 'the connection closed' });
    expect(c.actor.getSnapshot().status).toBe('done');
    expect(c.statuses.at(-1)).toBe('stopped');

    const slow = start();
    slow.actor.send({ type: 'stop', message: 'bye' });
    slow.clock.increment(2000);
    expect(slow.actor.getSnapshot().status).toBe('done');
    expect(slow.asked).toEqual(['quit', 'dropped']);

    const waiting = start();
    server(waiting, { type: 'irc.closed', reason: 'refused' });
    waiting.actor.send({ type: 'stop', message: 'bye' });
    expect(waiting.actor.getSnapshot().status).toBe('done');
  });
});
