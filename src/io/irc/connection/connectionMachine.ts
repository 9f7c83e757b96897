import { assign, emit, fromCallback, sendTo, setup } from 'xstate';

/** What the IRC client tells the connection about its lifecycle. */
export type ClientEvent =
  /** The TCP (and TLS) connection is up; registration (and SASL) is under way. */
  | { type: 'irc.connected' }
  /** The server welcomed the bot under `nick`; `problems` were met on the way (SASL, nick). */
  | { type: 'irc.registered'; nick: string; problems: string[] }
  /** NickServ confirmed the login, or refused it (`problem`): the channel is joined either way. */
  | { type: 'irc.identified'; problem?: string }
  | { type: 'irc.joined' }
  /** The bot was parted or kicked from its channel. */
  | { type: 'irc.left'; why: string }
  /** The connection ended, and why. */
  | { type: 'irc.closed'; reason: string };

export type ConnectionEvent = ClientEvent | { type: 'stop'; message: string };

/** What the connection asks of the client it runs. */
export type ClientCommand =
  { type: 'identify' } | { type: 'join' } | { type: 'quit'; message: string };

export type ConnectionEmitted =
  | { type: 'status'; status: ConnectionStatus; problem: string | null }
  | { type: 'log'; level: 'info' | 'warn'; text: string; retryInMs?: number };

/** The public names of where the connection is (the log, /healthz). */
export type ConnectionStatus = 'connecting' | 'registered' | 'joined' | 'disconnected' | 'stopped';

export interface ConnectionInput {
  reconnect: { min: number; max: number };
  /** Identify to NickServ after registration (a password without a SASL account). */
  identifyToNickServ: boolean;
  identifyWaitMs: number;
}

export interface ConnectionContext extends ConnectionInput {
  retryDelay: number;
  /** Why the last attempt failed or what went wrong on this one, for the log and /healthz. */
  problem: string | null;
  /** Whether this attempt got as far as registering. */
  registered: boolean;
}

/**
 * The bot's IRC connection: connecting, registering (with SASL when configured),
 * identifying to NickServ, joining its channel, joined; backing off with the reason when
 * the connection ends, doubling the wait each time; stopped. The IRC client runs as an
 * invoked callback actor (`client`) for as long as the bot is `online`, so leaving that
 * state ends it; timers are delayed transitions. Status changes are emitted on entry.
 */
export const connectionMachine = setup({
  types: {
    context: {} as ConnectionContext,
    events: {} as ConnectionEvent,
    emitted: {} as ConnectionEmitted,
    input: {} as ConnectionInput,
  },
  actors: {
    client: fromCallback<ClientCommand, ConnectionInput, ClientEvent>(() => () => {}),
  },
  delays: {
    'the retry delay': ({ context }) => context.retryDelay,
    'the wait for NickServ': ({ context }) => context.identifyWaitMs,
    'the time to say goodbye': 2000,
  },
  actions: {
    // The last attempt's problem stays until this one registers: /healthz says why meanwhile.
    'start an attempt': assign({ registered: false }),
    'note the registration': assign(({ context, event }) => ({
      registered: true,
      retryDelay: context.reconnect.min,
      problem:
        event.type === 'irc.registered' && event.problems.length > 0
          ? event.problems.join('; ')
          : null,
    })),
    'note the NickServ answer': assign({
      problem: ({ context, event }) =>
        event.type === 'irc.identified' && event.problem ? event.problem : context.problem,
    }),
    'note why it closed': assign({
      problem: ({ event, context }) =>
        event.type === 'irc.closed' ? event.reason : context.problem,
    }),
    'double the retry delay': assign({
      retryDelay: ({ context }) => Math.min(context.reconnect.max, context.retryDelay * 2),
    }),
    'say why it will try again': emit(({ context }) => ({
      type: 'log' as const,
      level: 'warn' as const,
      retryInMs: context.retryDelay,
      text: context.registered
        ? `disconnected from IRC (${context.problem ?? 'the connection closed'}): reconnecting`
        : `could not connect to IRC (${context.problem ?? 'the connection closed'}): trying again in ${Math.ceil(context.retryDelay / 1000)} s`,
    })),
    'say NickServ was slow': emit({
      type: 'log',
      level: 'warn',
      text: 'NickServ did not confirm the login in time: joining anyway',
    }),
    'say it was sent away': emit(({ event }) => ({
      type: 'log' as const,
      level: 'warn' as const,
      text: event.type === 'irc.left' ? `${event.why}: rejoining` : 'left the channel: rejoining',
    })),
    'ask NickServ': sendTo('client', { type: 'identify' }),
    'join the channel': sendTo('client', { type: 'join' }),
    'say goodbye': sendTo('client', ({ event }) => ({
      type: 'quit' as const,
      message: event.type === 'stop' ? event.message : 'ptgbot stopping',
    })),
    'tell the status': emit(({ context }, params: { status: ConnectionStatus }) => ({
      type: 'status' as const,
      status: params.status,
      problem: context.problem,
    })),
  },
  guards: {
    'NickServ is to be asked': ({ context }) => context.identifyToNickServ,
  },
}).createMachine({
  id: 'ircConnection',
  context: ({ input }) => ({
    ...input,
    retryDelay: input.reconnect.min,
    problem: null,
    registered: false,
  }),
  initial: 'online',
  states: {
    online: {
      description: 'An IRC client runs: it ends when the connection closes or the bot stops',
      entry: 'start an attempt',
      invoke: { id: 'client', src: 'client', input: ({ context }) => context },
      initial: 'connecting',
      on: {
        'irc.closed': {
          target: 'backingOff',
          actions: 'note why it closed',
          description: 'the connection ended (the server, the network, a refusal)',
        },
        stop: {
          target: '.stopping',
          description: 'the bot stops: it says goodbye',
        },
      },
      states: {
        connecting: {
          description: 'Opening the connection to the server',
          entry: { type: 'tell the status', params: { status: 'connecting' } },
          on: {
            'irc.connected': {
              target: 'registering',
              description: 'the connection is up',
            },
          },
        },
        registering: {
          description: 'Registering the nick (and logging in by SASL when configured)',
          on: {
            'irc.registered': [
              {
                guard: 'NickServ is to be asked',
                target: 'identifying',
                actions: 'note the registration',
                description: 'welcomed: a NickServ password is set, so it identifies first',
              },
              {
                target: 'joining',
                actions: 'note the registration',
                description: 'welcomed (logged in by SASL, or not at all)',
              },
            ],
          },
        },
        identifying: {
          description: 'Asked NickServ to identify it; waits a little for the answer',
          entry: [{ type: 'tell the status', params: { status: 'registered' } }, 'ask NickServ'],
          after: {
            'the wait for NickServ': {
              target: 'joining',
              actions: 'say NickServ was slow',
              description: 'no answer in time: joins anyway',
            },
          },
          on: {
            'irc.identified': {
              target: 'joining',
              actions: 'note the NickServ answer',
              description: 'NickServ answered (a refusal is noted): joins the channel',
            },
          },
        },
        joining: {
          description: 'Joining the event channel',
          entry: [
            { type: 'tell the status', params: { status: 'registered' } },
            'join the channel',
          ],
          on: {
            'irc.joined': { target: 'joined', description: 'in the channel' },
          },
        },
        joined: {
          description: 'In the channel: lines are read and answered',
          entry: { type: 'tell the status', params: { status: 'joined' } },
          on: {
            'irc.left': {
              target: 'joining',
              actions: 'say it was sent away',
              description: 'parted or kicked: it joins again',
            },
          },
        },
        stopping: {
          description: 'Saying goodbye (QUIT), for two seconds at most',
          entry: 'say goodbye',
          on: {
            'irc.closed': {
              target: '#ircConnection.stopped',
              description: 'the server closed the connection after the goodbye',
            },
            stop: { description: 'already stopping' },
          },
          after: {
            'the time to say goodbye': {
              target: '#ircConnection.stopped',
              description: 'no answer in time: the connection is dropped',
            },
          },
        },
      },
    },
    backingOff: {
      description: 'Waiting before the next attempt, twice as long each time up to a limit',
      entry: [
        { type: 'tell the status', params: { status: 'disconnected' } },
        'say why it will try again',
      ],
      exit: 'double the retry delay',
      after: {
        'the retry delay': { target: 'online', description: 'tries again' },
      },
      on: {
        stop: { target: 'stopped', description: 'the bot stops: no more attempts' },
      },
    },
    stopped: {
      description: 'Stopped: it does not reconnect',
      type: 'final',
      entry: { type: 'tell the status', params: { status: 'stopped' } },
    },
  },
});

export type ConnectionMachine = typeof connectionMachine;
