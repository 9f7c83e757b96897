import { Client } from 'irc-framework';
import {
  type Actor,
  createActor,
  fromCallback,
  type InspectionEvent,
  type Observer,
  waitFor,
} from 'xstate';
import type { CommandHandler } from '../command/commandHandler.js';
import type { Logger } from '../observe/log.js';
import { ChannelSession, text } from './channel.js';
import { describeConnectError } from './connectError.js';
import {
  type ClientCommand,
  type ClientEvent,
  type ConnectionInput,
  type ConnectionMachine,
  type ConnectionStatus,
  connectionMachine,
} from './connection/connectionMachine.js';
import type { IrcSettings } from './ircConfig.js';
import { type DropReason, SendQueue } from './sendQueue.js';

/** How long to wait for NickServ to confirm before joining anyway. */
const IDENTIFY_WAIT_MS = 5000;

export type IrcStatus = ConnectionStatus;

export interface IrcObserver {
  dropped?: (reason: DropReason) => void;
}

export interface IrcBotOptions {
  observer?: IrcObserver;
  /** The XState inspector: the connection machine shows beside the event. */
  inspect?: Observer<InspectionEvent> | ((event: InspectionEvent) => void) | undefined;
}

/**
 * The bot on an IRC network. Its connection's lifecycle is a machine
 * (`connection/connectionMachine.ts`: connecting, registering, identifying, joining,
 * joined, backing off, stopped), which runs the IRC client as a callback actor; the
 * channel's people, lines and answers are `ChannelSession`'s (`channel.ts`). Here: the
 * client, what it tells the machine, the nick, and a thin face for callers (`start`,
 * `stop`, `announce`, `onStatus`). A line from the server that breaks the IRC library is
 * skipped, never the process.
 */
export class IrcBot {
  private client: Client | null = null;
  private readonly channel: ChannelSession;
  readonly queue: SendQueue;
  private readonly connection: Actor<ConnectionMachine>;
  private regainTimer: NodeJS.Timeout | null = null;
  status: IrcStatus = 'disconnected';
  private readonly statusListeners = new Set<(status: IrcStatus) => void>();
  /** Server lines the library could not handle, counted by command. */
  private badLines = new Map<string, number>();

  constructor(
    private readonly settings: IrcSettings,
    private readonly handler: CommandHandler,
    private readonly log: Logger,
    options: IrcBotOptions = {},
  ) {
    this.channel = new ChannelSession(
      settings,
      handler,
      log,
      (line) => this.client?.raw(line),
      options.observer?.dropped,
    );
    this.queue = this.channel.queue;
    const machine = connectionMachine.provide({
      actors: {
        client: fromCallback<ClientCommand, ConnectionInput, ClientEvent>(({ sendBack, receive }) =>
          this.runClient(sendBack, receive),
        ),
      },
    });
    this.connection = createActor(machine, {
      systemId: 'ircConnection',
      input: {
        reconnect: settings.reconnect,
        identifyToNickServ: !settings.account && settings.password !== '',
        identifyWaitMs: IDENTIFY_WAIT_MS,
      },
      inspect: options.inspect,
    });
    this.connection.on('status', ({ status }) => this.setStatus(status));
    this.connection.on('log', ({ level, text, retryInMs }) =>
      this.log[level]({ ...(retryInMs === undefined ? {} : { retryInMs }) }, text),
    );
  }

  get nick(): string {
    return this.client?.user.nick ?? this.settings.nick;
  }

  /** Why the last connection attempt failed, or what went wrong on this one. */
  get lastError(): string | null {
    return this.connection.getSnapshot().context.problem;
  }

  /** Called on every status change: connecting, registered, joined, disconnected. */
  onStatus(listener: (status: IrcStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  private setStatus(status: IrcStatus): void {
    this.status = status;
    for (const listener of this.statusListeners) listener(status);
  }

  private started = false;

  start(): void {
    this.started = true;
    this.connection.start();
  }

  /** Says something to the whole channel (such as the start of a new day). */
  announce(line: string): void {
    this.queue.say(this.settings.channel, line);
  }

  /** Says goodbye and stops reconnecting. */
  async stop(message = 'ptgbot stopping'): Promise<void> {
    this.queue.pause();
    if (!this.started) {
      this.setStatus('stopped');
      return;
    }
    if (this.connection.getSnapshot().status !== 'active') return;
    this.connection.send({ type: 'stop', message });
    await waitFor(this.connection, (s) => s.status === 'done');
  }

  /**
   * The IRC client, for as long as the connection machine is online: it tells the machine
   * of its lifecycle and does what it asks (identify, join, quit). Ending it drops the
   * client and its socket.
   */
  private runClient(
    sendBack: (event: ClientEvent) => void,
    receive: (listener: (command: ClientCommand) => void) => void,
  ): () => void {
    const { settings } = this;
    const client = new Client();
    this.client = client;
    let closed = false;
    const close = (reason: string) => {
      if (closed) return;
      closed = true;
      this.dropClient(client);
      sendBack({ type: 'irc.closed', reason });
    };
    const problems = { sasl: null as string | null, serverSaid: null as string | null };
    this.contain(client);
    this.channel.wire(client);
    this.wireNick(client);
    client.on('socket connected', () => sendBack({ type: 'irc.connected' }));
    client.on('registered', (e: { nick?: string }) =>
      sendBack({ type: 'irc.registered', ...this.registered(client, e, problems.sasl) }),
    );
    client.on('sasl failed', (e: { reason?: string; message?: string }) => {
      if (e.reason === 'capability_missing') return; // said at registration
      problems.sasl = `SASL login failed (${e.reason ?? 'unknown'}${e.message ? `: ${e.message}` : ''}): continuing without logging in to ${settings.account}`;
      this.log.error({ account: settings.account, reason: e.reason }, problems.sasl);
    });
    client.on('notice', (e: { nick?: string; message?: string }) => {
      if (typeof e.nick !== 'string' || this.channel.fold(e.nick) !== 'nickserv') return;
      const message = e.message ?? '';
      if (/identified|recognized|logged in|accepted/i.test(message)) {
        this.log.info('identified to NickServ');
        sendBack({ type: 'irc.identified' });
      } else if (/invalid|incorrect|denied|failed|not registered/i.test(message)) {
        const problem = `NickServ refused to identify ${settings.nick}: ${message}`;
        this.log.error(problem);
        sendBack({ type: 'irc.identified', problem });
      }
    });
    client.on('loggedin', () => sendBack({ type: 'irc.identified' }));
    client.on('join', (e: { nick?: string; channel?: string }) => {
      if (this.channel.isChannel(e.channel) && this.channel.isMe(client, e.nick)) {
        this.log.info({ channel: settings.channel }, 'joined the channel');
        sendBack({ type: 'irc.joined' });
      }
    });
    client.on('part', (e: { nick?: string; channel?: string }) => {
      if (this.channel.isChannel(e.channel) && this.channel.isMe(client, e.nick)) {
        this.channel.roster.clear();
        sendBack({ type: 'irc.left', why: 'parted from the channel' });
      }
    });
    client.on('kick', (e: { kicked?: string; channel?: string; nick?: string }) => {
      if (this.channel.isChannel(e.channel) && this.channel.isMe(client, e.kicked)) {
        this.channel.roster.clear();
        sendBack({ type: 'irc.left', why: `kicked from the channel by ${e.nick ?? 'someone'}` });
      }
    });
    client.on('irc error', (e: { error?: string; reason?: string }) => {
      if (e.error !== 'irc' || !text(e.reason)) return;
      // The server's own words say why (too many connections, banned...), not the EPIPE after.
      problems.serverSaid = `the server said: ${(e.reason as string).slice(0, 300)}`;
    });
    client.on('close', () => close(problems.serverSaid ?? 'the connection closed'));
    client.on('socket close', (error?: Error) =>
      close(
        problems.serverSaid ??
          (error ? describeConnectError(error, settings) : 'the connection closed'),
      ),
    );
    receive((command) => {
      if (command.type === 'identify')
        client.raw(`PRIVMSG NickServ :IDENTIFY ${settings.password}`);
      else if (command.type === 'join') client.join(settings.channel);
      else client.quit(command.message);
    });
    client.connect({
      host: settings.server,
      port: settings.port,
      nick: settings.nick,
      username: settings.nick.slice(0, 10),
      gecos: 'ptgbot',
      tls: settings.tls,
      rejectUnauthorized: settings.tlsVerify,
      auto_reconnect: false,
      // CTCP VERSION would be answered outside the send queue: a flood of them gets the
      // bot disconnected for flooding. No CTCP is answered.
      version: null,
      ...(settings.account && settings.password
        ? { account: { account: settings.account, password: settings.password } }
        : {}),
    });
    return () => {
      if (closed) return;
      closed = true;
      this.dropClient(client);
      client.connection?.end?.();
    };
  }

  /** What registration found (the nick, problems met), with the connection made ready. */
  private registered(
    client: Client,
    e: { nick?: string },
    saslProblem: string | null,
  ): { nick: string; problems: string[] } {
    const { settings } = this;
    const nick = text(e.nick) ?? client.user.nick;
    const problems: string[] = [];
    // A SASL login that was configured but could not happen: said, and the bot goes on.
    if (settings.account && !client.network.cap.isEnabled('sasl')) {
      problems.push(
        `the server does not offer SASL: continuing without logging in to ${settings.account}`,
      );
      this.log.error({ account: settings.account }, problems[0] as string);
    }
    if (saslProblem) problems.push(saslProblem);
    if (this.channel.fold(nick) !== this.channel.fold(settings.nick)) {
      const taken = `the nick ${settings.nick} is taken: using ${nick} until it is free`;
      problems.push(taken);
      this.log.warn({ wanted: settings.nick, nick }, taken);
    }
    this.log.info({ server: settings.server, nick }, `connected to IRC as ${nick}`);
    this.channel.reset();
    this.queue.resume();
    if (this.regainTimer) clearInterval(this.regainTimer);
    this.regainTimer = setInterval(() => this.regainNick(), settings.regainNickMs);
    this.regainTimer.unref();
    return { nick, problems };
  }

  private dropClient(client: Client): void {
    if (client !== this.client) return;
    this.client = null;
    client.removeAllListeners();
    this.queue.pause();
    if (this.regainTimer) clearInterval(this.regainTimer);
  }

  /**
   * A server line that the library cannot handle (it throws) is skipped and logged the
   * first time for each kind of line: the connection and the bot go on.
   */
  private contain(client: Client): void {
    const commands = client.command_handler;
    const dispatch = commands.dispatch.bind(commands);
    commands.dispatch = (message: unknown) => {
      try {
        dispatch(message);
      } catch (error) {
        const command = String((message as { command?: unknown }).command ?? '?').slice(0, 32);
        const seen = this.badLines.get(command) ?? 0;
        if (this.badLines.size > 100) this.badLines.clear();
        this.badLines.set(command, seen + 1);
        if (seen === 0) {
          this.log.warn(
            { err: error, command },
            `skipped a line from the IRC server (${command}) that could not be handled`,
          );
        }
      }
    };
  }

  /**
   * The nick: another one while the configured one is in use at registration, and the
   * configured one taken back once it is free.
   */
  private wireNick(client: Client): void {
    const { settings } = this;
    client.on('nick in use', (e: { nick?: string }) => {
      if (this.status !== 'connecting') return;
      const next = `${text(e.nick) ?? settings.nick}_`.slice(0, 30);
      this.log.warn(
        { taken: e.nick, trying: next },
        `the nick ${e.nick} is in use: trying ${next}`,
      );
      client.changeNick(next);
    });
    client.on('quit', (e: { nick?: string }) => {
      if (text(e.nick) && this.channel.fold(e.nick as string) === this.channel.fold(settings.nick))
        this.regainNick();
    });
    client.on('nick', (e: { nick?: string; new_nick?: string }) => {
      if (!text(e.nick) || !text(e.new_nick)) return;
      const mine = this.channel.fold(e.nick as string) === this.channel.fold(settings.nick);
      if (mine && !this.channel.isMe(client, e.new_nick)) this.regainNick();
    });
  }

  private regainNick(): void {
    const client = this.client;
    if (!client || this.status === 'stopped') return;
    if (this.channel.fold(client.user.nick) === this.channel.fold(this.settings.nick)) return;
    client.changeNick(this.settings.nick);
  }
}
