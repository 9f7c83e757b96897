import { Client, type MessageEvent, type Mode } from 'irc-framework';
import {
  type Actor,
  createActor,
  fromCallback,
  type InspectionEvent,
  type Observer,
  waitFor,
} from 'xstate';
import type { CommandHandler, OutgoingMessage } from '../command/commandHandler.js';
import type { Logger } from '../observe/log.js';
import {
  type Casemapping,
  DEFAULT_CASEMAPPING,
  foldNick,
  readCasemapping,
} from '../../machines/nick.js';
import { ChannelRoster } from './channelRoster.js';
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
import { organisersToOp } from './organisers.js';
import { type DropReason, SendQueue } from './sendQueue.js';

/** Room for `:nick!user@host ` the server puts before our line when relaying it. */
const PREFIX_ALLOWANCE = 120;
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

const text = (value: unknown): string | null =>
  typeof value === 'string' && value !== '' ? value : null;

/**
 * The bot on an IRC network. Its connection's lifecycle is a machine
 * (`connection/connectionMachine.ts`: connecting, registering, identifying, joining,
 * joined, backing off, stopped), which runs the IRC client as a callback actor. Here:
 * the client's wiring, who is in the channel and with which rights, organisers given op,
 * lines fed to the command handler and answers sent through one rate-limited queue. A
 * line from the server that breaks the IRC library is skipped, never the process.
 */
export class IrcBot {
  private client: Client | null = null;
  private readonly roster = new ChannelRoster();
  readonly queue: SendQueue;
  private readonly connection: Actor<ConnectionMachine>;
  private regainTimer: NodeJS.Timeout | null = null;
  /** Whether the lone-op warning was logged on this connection. */
  private loneOpLogged = false;
  /** Organisers given op on this connection, by folded nick (a MODE is sent once). */
  private readonly opGiven = new Set<string>();
  status: IrcStatus = 'disconnected';
  private readonly statusListeners = new Set<(status: IrcStatus) => void>();
  /** How this server compares nicks and channel names, from its ISUPPORT. */
  private casemapping: Casemapping = DEFAULT_CASEMAPPING;
  private readonly fold = (name: string) => foldNick(name, this.casemapping);
  /** Server lines the library could not handle, counted by command. */
  private badLines = new Map<string, number>();

  constructor(
    private readonly settings: IrcSettings,
    private readonly handler: CommandHandler,
    private readonly log: Logger,
    options: IrcBotOptions = {},
  ) {
    this.queue = new SendQueue({
      ...settings.rate,
      send: (target, line) => this.client?.raw(`PRIVMSG ${target} :${line}`),
      maxBytesFor: (target) => 510 - PREFIX_ALLOWANCE - Buffer.byteLength(`PRIVMSG ${target} :`),
      isPresent: (nick) => !this.roster.synced || this.roster.get(nick) !== undefined,
      onDrop: (reason) => options.observer?.dropped?.(reason),
      onDropBurst: (phase, dropped) => {
        if (phase === 'start')
          this.log.warn('more lines to send than the send rate allows: dropping the least urgent');
        else this.log.warn({ dropped }, `${dropped} lines were dropped in that burst`);
      },
      fold: this.fold,
    });
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
    this.wireChannel(client);
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
      if (typeof e.nick !== 'string' || this.fold(e.nick) !== 'nickserv') return;
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
      if (this.isChannel(e.channel) && this.isMe(client, e.nick)) {
        this.log.info({ channel: settings.channel }, 'joined the channel');
        sendBack({ type: 'irc.joined' });
      }
    });
    client.on('part', (e: { nick?: string; channel?: string }) => {
      if (this.isChannel(e.channel) && this.isMe(client, e.nick)) {
        this.roster.clear();
        sendBack({ type: 'irc.left', why: 'parted from the channel' });
      }
    });
    client.on('kick', (e: { kicked?: string; channel?: string; nick?: string }) => {
      if (this.isChannel(e.channel) && this.isMe(client, e.kicked)) {
        this.roster.clear();
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
    if (this.fold(nick) !== this.fold(settings.nick)) {
      const taken = `the nick ${settings.nick} is taken: using ${nick} until it is free`;
      problems.push(taken);
      this.log.warn({ wanted: settings.nick, nick }, taken);
    }
    this.log.info({ server: settings.server, nick }, `connected to IRC as ${nick}`);
    this.roster.clear();
    this.loneOpLogged = false;
    this.opGiven.clear();
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

  private isChannel(name: unknown): boolean {
    return typeof name === 'string' && this.fold(name) === this.fold(this.settings.channel);
  }

  private isMe(client: Client, nick: unknown): boolean {
    return typeof nick === 'string' && this.fold(nick) === this.fold(client.user.nick);
  }

  /** Who is in the channel, with which rights and accounts; their lines go to the handler. */
  private wireChannel(client: Client): void {
    const { settings, roster } = this;
    client.on('server options', (e: { options?: { CASEMAPPING?: unknown } }) => {
      const announced = e.options?.CASEMAPPING;
      const { casemapping, known } = readCasemapping(announced);
      if (!known && casemapping !== this.casemapping) {
        this.log.warn(
          { announced },
          `the server compares nicks by an unknown CASEMAPPING (${String(announced)}): folding ASCII letters only`,
        );
      }
      this.takeCasemapping(casemapping);
    });
    client.on('nick in use', (e: { nick?: string }) => {
      if (this.status !== 'connecting') return;
      const next = `${text(e.nick) ?? settings.nick}_`.slice(0, 30);
      this.log.warn(
        { taken: e.nick, trying: next },
        `the nick ${e.nick} is in use: trying ${next}`,
      );
      client.changeNick(next);
    });
    client.on('join', (e: { nick?: string; channel?: string; account?: string | false }) => {
      if (!this.isChannel(e.channel) || !text(e.nick) || this.isMe(client, e.nick)) return;
      roster.join(e.nick as string, typeof e.account === 'string' ? e.account : null);
      this.opOrganisers(client);
    });
    client.on(
      'userlist',
      (e: { channel?: string; users?: Array<{ nick: string; modes?: string[] }> }) => {
        if (!this.isChannel(e.channel) || !Array.isArray(e.users)) return;
        roster.reset(e.users.filter((u) => text(u?.nick)));
        this.opOrganisers(client);
      },
    );
    client.on('part', (e: { nick?: string; channel?: string }) => {
      if (!this.isChannel(e.channel) || !text(e.nick) || this.isMe(client, e.nick)) return;
      this.left(e.nick as string);
    });
    client.on('kick', (e: { kicked?: string; channel?: string }) => {
      if (!this.isChannel(e.channel) || !text(e.kicked) || this.isMe(client, e.kicked)) return;
      this.left(e.kicked as string);
    });
    client.on('quit', (e: { nick?: string }) => {
      if (!text(e.nick)) return;
      this.left(e.nick as string);
      if (this.fold(e.nick as string) === this.fold(settings.nick)) this.regainNick();
    });
    client.on('nick', (e: { nick?: string; new_nick?: string }) => {
      if (!text(e.nick) || !text(e.new_nick)) return;
      const [from, to] = [e.nick as string, e.new_nick as string];
      const wasMember = roster.get(from) !== undefined;
      roster.rename(from, to);
      this.opGiven.delete(this.fold(from));
      if (wasMember && !this.isMe(client, to))
        this.presence({ type: 'presence.renamed', nick: from, to });
      if (this.fold(from) === this.fold(settings.nick) && !this.isMe(client, to)) this.regainNick();
    });
    client.on('mode', (e: { target?: string; modes?: Mode[] }) => {
      if (!this.isChannel(e.target) || !Array.isArray(e.modes)) return;
      for (const { mode, param } of e.modes) {
        if (text(param) && (mode === '+o' || mode === '-o' || mode === '+v' || mode === '-v')) {
          roster.setMode(param as string, mode.slice(1), mode.startsWith('+'));
        }
      }
      this.opOrganisers(client);
    });
    client.on('account', (e: { nick?: string; account?: string | false }) => {
      if (!text(e.nick)) return;
      roster.setAccount(e.nick as string, typeof e.account === 'string' ? e.account : null);
      this.opOrganisers(client);
    });
    client.on('privmsg', (e: MessageEvent) => void this.onMessage(client, e));
  }

  /**
   * While the bot holds op, organisers in the channel get op from it. With none configured
   * and nobody else holding op, the log says what to do (once a connection).
   */
  private opOrganisers(client: Client): void {
    const cap = client.network.cap;
    const { nicks, lonely } = organisersToOp({
      roster: this.roster,
      myNick: client.user.nick,
      organisers: this.settings.organisers,
      accountsKnown: cap.isEnabled('account-notify') || cap.isEnabled('extended-join'),
      fold: this.fold,
      given: this.opGiven,
    });
    if (lonely && !this.loneOpLogged) {
      this.loneOpLogged = true;
      this.log.warn(
        { channel: this.settings.channel },
        `the bot holds op in ${this.settings.channel} and nobody else does: list the organisers' services accounts (or nicks, where the network has no services) in the config's organisers, and the bot gives them op when they join or log in`,
      );
    }
    for (const nick of nicks) {
      this.opGiven.add(this.fold(nick));
      this.log.info(
        { nick, account: this.roster.get(nick)?.account ?? null },
        `giving op to the organiser ${nick}`,
      );
      client.raw(`MODE ${this.settings.channel} +o ${nick}`);
    }
  }

  /** Nicks are keyed the server's way everywhere: the roster, the queue, the machines. */
  private takeCasemapping(casemapping: Casemapping): void {
    if (casemapping === this.casemapping) return;
    this.log.info({ casemapping }, `the server compares nicks by ${casemapping}`);
    this.casemapping = casemapping;
    this.roster.setCasemapping(casemapping);
    this.handler
      .casemapping(casemapping)
      .catch((error) => this.log.error({ err: error }, 'could not key nicks by the casemapping'));
  }

  private left(nick: string): void {
    const wasMember = this.roster.get(nick) !== undefined;
    this.roster.leave(nick);
    this.queue.forget(nick);
    // An organiser who comes back is given op again.
    this.opGiven.delete(this.fold(nick));
    if (wasMember) this.presence({ type: 'presence.left', nick });
  }

  private presence(event: Parameters<CommandHandler['presence']>[0]): void {
    this.handler
      .presence(event)
      .catch((error) => this.log.error({ err: error, event }, 'could not follow a nick'));
  }

  private async onMessage(client: Client, e: MessageEvent): Promise<void> {
    if (e.from_server || !text(e.nick) || typeof e.message !== 'string' || !text(e.target)) return;
    const isPrivate = this.fold(e.target) === this.fold(client.user.nick);
    if (!isPrivate && !this.isChannel(e.target)) return;
    const member = this.roster.get(e.nick);
    const account = e.account ?? e.tags?.account ?? member?.account ?? null;
    try {
      const out = await this.handler.handle({
        text: e.message,
        nick: e.nick,
        isPrivate,
        op: member?.op ?? false,
        voice: member?.voice ?? false,
        account,
        inChannel: member !== undefined || !this.roster.synced,
      });
      this.deliver(out, member?.op ?? false);
    } catch (error) {
      this.log.error({ err: error, line: e.message, nick: e.nick }, 'failed to handle a line');
      const sorry = 'Sorry, something went wrong with that command; it was logged';
      this.queue.say(
        isPrivate ? e.nick : this.settings.channel,
        isPrivate ? sorry : `${e.nick}: ${sorry}`,
      );
    }
  }

  /** What an op is answered goes before everyone else's answers; notifications go last. */
  private deliver(out: OutgoingMessage[], fromOp: boolean): void {
    for (const message of out) {
      if (message.type === 'notify') {
        this.queue.say(message.nick, message.text, { priority: 'notify' });
      } else {
        this.queue.say(message.isPrivate ? message.nick : this.settings.channel, message.text, {
          priority: fromOp ? 'op' : 'reply',
          ...(message.supersedes ? { supersedes: message.supersedes } : {}),
        });
      }
    }
  }

  private regainNick(): void {
    const client = this.client;
    if (!client || this.status === 'stopped') return;
    if (this.fold(client.user.nick) === this.fold(this.settings.nick)) return;
    client.changeNick(this.settings.nick);
  }
}
