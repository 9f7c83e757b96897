import { Client, type MessageEvent, type Mode } from 'irc-framework';
import type { CommandHandler, OutgoingMessage } from '../commandHandler.js';
import type { Logger } from '../log.js';
import {
  type Casemapping,
  DEFAULT_CASEMAPPING,
  foldNick,
  readCasemapping,
} from '../../machines/nick.js';
import { ChannelRoster } from './channelRoster.js';
import { describeConnectError } from './connectError.js';
import type { IrcSettings } from './ircConfig.js';
import { type DropReason, SendQueue } from './sendQueue.js';

/** Room for `:nick!user@host ` the server puts before our line when relaying it. */
const PREFIX_ALLOWANCE = 120;
/** How long to wait for NickServ to confirm before joining anyway. */
const IDENTIFY_WAIT_MS = 5000;

export type IrcStatus = 'connecting' | 'registered' | 'joined' | 'disconnected' | 'stopped';

export interface IrcObserver {
  dropped?: (reason: DropReason) => void;
}

const text = (value: unknown): string | null =>
  typeof value === 'string' && value !== '' ? value : null;

/**
 * The bot on an IRC network: keeps a connection (reconnecting with backoff, saying why
 * each attempt failed), stays in its channel, keeps who is op/voiced current, feeds lines
 * to the command handler and sends what it answers through one rate-limited queue. A line
 * from the server that breaks the IRC library drops the connection, never the process.
 */
export class IrcBot {
  private client: Client | null = null;
  private readonly roster = new ChannelRoster();
  readonly queue: SendQueue;
  private retryDelay: number;
  private retryTimer: NodeJS.Timeout | null = null;
  private regainTimer: NodeJS.Timeout | null = null;
  private joinTimer: NodeJS.Timeout | null = null;
  private stopped = false;
  /** Whether the lone-op warning was logged on this connection. */
  private loneOpLogged = false;
  /** Organisers given op on this connection, by folded nick (a MODE is sent once). */
  private readonly opGiven = new Set<string>();
  /** Whether the server tells accounts (account-notify or extended-join). */
  private get accountsKnown(): boolean {
    const cap = this.client?.network.cap;
    return cap?.isEnabled('account-notify') === true || cap?.isEnabled('extended-join') === true;
  }
  status: IrcStatus = 'disconnected';
  /** Why the last connection attempt failed or ended, for the log and /healthz. */
  lastError: string | null = null;
  /** A SASL login that failed on this connection (it is said at registration). */
  private saslProblem: string | null = null;
  /** What the server said when it refused or closed this connection (`ERROR :...`). */
  private serverSaid: string | null = null;
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
    private readonly observer: IrcObserver = {},
  ) {
    this.retryDelay = settings.reconnect.min;
    this.queue = new SendQueue({
      ...settings.rate,
      send: (target, line) => this.client?.raw(`PRIVMSG ${target} :${line}`),
      maxBytesFor: (target) => 510 - PREFIX_ALLOWANCE - Buffer.byteLength(`PRIVMSG ${target} :`),
      isPresent: (nick) => !this.roster.synced || this.roster.get(nick) !== undefined,
      onDrop: (reason) => this.observer.dropped?.(reason),
      onDropBurst: (phase, dropped) => {
        if (phase === 'start')
          this.log.warn('more lines to send than the send rate allows: dropping the least urgent');
        else this.log.warn({ dropped }, `${dropped} lines were dropped in that burst`);
      },
      fold: this.fold,
    });
  }

  get nick(): string {
    return this.client?.user.nick ?? this.settings.nick;
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

  start(): void {
    this.stopped = false;
    this.connect();
  }

  /** Says something to the whole channel (such as the start of a new day). */
  announce(line: string): void {
    this.queue.say(this.settings.channel, line);
  }

  private connect(): void {
    const { settings } = this;
    this.saslProblem = null;
    this.serverSaid = null;
    const client = new Client();
    this.client = client;
    this.setStatus('connecting');
    this.contain(client);
    this.wire(client);
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

  private wire(client: Client): void {
    const { settings, roster } = this;
    const isChannel = (name: unknown) =>
      typeof name === 'string' && this.fold(name) === this.fold(settings.channel);
    const isMe = (nick: unknown) =>
      typeof nick === 'string' && this.fold(nick) === this.fold(client.user.nick);

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
    client.on('registered', (e: { nick?: string }) => {
      this.retryDelay = settings.reconnect.min;
      this.lastError = null;
      this.setStatus('registered');
      const nick = text(e.nick) ?? client.user.nick;
      // A SASL login that was configured but could not happen: said, and the bot goes on.
      if (settings.account && !client.network.cap.isEnabled('sasl')) {
        this.lastError = `the server does not offer SASL: continuing without logging in to ${settings.account}`;
        this.log.error({ account: settings.account }, this.lastError);
      }
      if (this.saslProblem) this.lastError = this.saslProblem;
      if (this.fold(nick) !== this.fold(settings.nick)) {
        this.lastError = `the nick ${settings.nick} is taken: using ${nick} until it is free`;
        this.log.warn({ wanted: settings.nick, nick }, this.lastError);
      }
      this.log.info({ server: settings.server, nick }, `connected to IRC as ${nick}`);
      roster.clear();
      this.loneOpLogged = false;
      this.opGiven.clear();
      if (!settings.account && settings.password) this.identifyThenJoin(client);
      else client.join(settings.channel);
      this.queue.resume();
      this.scheduleNickRegain();
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
    client.on('sasl failed', (e: { reason?: string; message?: string }) => {
      if (e.reason === 'capability_missing') return; // said at registration
      this.saslProblem = `SASL login failed (${e.reason ?? 'unknown'}${e.message ? `: ${e.message}` : ''}): continuing without logging in to ${settings.account}`;
      this.log.error({ account: settings.account, reason: e.reason }, this.saslProblem);
    });
    client.on('join', (e: { nick?: string; channel?: string; account?: string | false }) => {
      if (!isChannel(e.channel) || !text(e.nick)) return;
      if (isMe(e.nick)) {
        this.setStatus('joined');
        this.log.info({ channel: settings.channel }, 'joined the channel');
        return;
      }
      roster.join(e.nick as string, typeof e.account === 'string' ? e.account : null);
      this.opOrganisers(client);
    });
    client.on(
      'userlist',
      (e: { channel?: string; users?: Array<{ nick: string; modes?: string[] }> }) => {
        if (!isChannel(e.channel) || !Array.isArray(e.users)) return;
        roster.reset(e.users.filter((u) => text(u?.nick)));
        this.opOrganisers(client);
      },
    );
    client.on('part', (e: { nick?: string; channel?: string }) => {
      if (!isChannel(e.channel) || !text(e.nick)) return;
      if (isMe(e.nick)) this.rejoin();
      else this.left(e.nick as string);
    });
    client.on('kick', (e: { kicked?: string; channel?: string; nick?: string }) => {
      if (!isChannel(e.channel) || !text(e.kicked)) return;
      if (isMe(e.kicked)) {
        this.log.warn({ by: e.nick }, 'kicked from the channel: rejoining');
        this.rejoin();
      } else {
        this.left(e.kicked as string);
      }
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
      if (wasMember && !isMe(to)) this.presence({ type: 'presence.renamed', nick: from, to });
      if (this.fold(from) === this.fold(settings.nick) && !isMe(to)) this.regainNick();
    });
    client.on('mode', (e: { target?: string; modes?: Mode[] }) => {
      if (!isChannel(e.target) || !Array.isArray(e.modes)) return;
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
    client.on('close', () => this.onClose(client));
    client.on('irc error', (e: { error?: string; reason?: string }) => {
      if (e.error !== 'irc' || !text(e.reason) || client !== this.client) return;
      // The server's own words say why (too many connections, banned...), not the EPIPE after.
      this.serverSaid = (e.reason as string).slice(0, 300);
      this.lastError = `the server said: ${this.serverSaid}`;
    });
    client.on('socket close', (error?: Error) => {
      if (error && client === this.client && this.serverSaid === null)
        this.lastError = describeConnectError(error, settings);
      this.onClose(client);
    });
  }

  /**
   * NickServ IDENTIFY with the password alone (the form Atheme, Anope and OFTC all take),
   * then the channel once services confirm, or after a short wait, so that channels open
   * to registered users only let the bot in.
   */
  private identifyThenJoin(client: Client): void {
    let joined = false;
    const join = () => {
      if (joined || client !== this.client) return;
      joined = true;
      if (this.joinTimer) clearTimeout(this.joinTimer);
      client.removeListener('notice', onNotice);
      client.removeListener('loggedin', join);
      client.join(this.settings.channel);
    };
    const onNotice = (e: { nick?: string; message?: string }) => {
      if (typeof e.nick !== 'string' || this.fold(e.nick) !== 'nickserv') return;
      const message = e.message ?? '';
      if (/identified|recognized|logged in|accepted/i.test(message)) {
        this.log.info('identified to NickServ');
        join();
      } else if (/invalid|incorrect|denied|failed|not registered/i.test(message)) {
        this.lastError = `NickServ refused to identify ${this.settings.nick}: ${message}`;
        this.log.error(this.lastError);
        join();
      }
    };
    client.on('notice', onNotice);
    client.on('loggedin', join);
    client.raw(`PRIVMSG NickServ :IDENTIFY ${this.settings.password}`);
    this.joinTimer = setTimeout(() => {
      this.log.warn('NickServ did not confirm the login in time: joining anyway');
      join();
    }, IDENTIFY_WAIT_MS);
    this.joinTimer.unref();
  }

  /**
   * While the bot holds op, organisers in the channel get op from it: by their services
   * account, or by nick on a network without services (none ever told an account). With
   * none configured and nobody else holding op, the log says what to do (once a connection).
   */
  private opOrganisers(client: Client): void {
    if (!this.roster.synced) return;
    const me = this.roster.get(client.user.nick);
    if (!me?.op) return;
    const others = this.roster.all().filter((m) => this.fold(m.nick) !== this.fold(me.nick));
    const organisers = this.settings.organisers;
    if (organisers.length === 0) {
      if (!others.some((m) => m.op) && !this.loneOpLogged) {
        this.loneOpLogged = true;
        this.log.warn(
          { channel: this.settings.channel },
          `the bot holds op in ${this.settings.channel} and nobody else does: list the organisers' services accounts (or nicks, where the network has no services) in the config's organisers, and the bot gives them op when they join or log in`,
        );
      }
      return;
    }
    const byAccount = this.accountsKnown || others.some((m) => m.account !== null);
    for (const member of others) {
      if (member.op || this.opGiven.has(this.fold(member.nick))) continue;
      const id = byAccount ? member.account : member.nick;
      if (id === null || !organisers.some((o) => this.fold(o) === this.fold(id))) continue;
      this.opGiven.add(this.fold(member.nick));
      this.log.info(
        { nick: member.nick, account: member.account },
        `giving op to the organiser ${member.nick}`,
      );
      client.raw(`MODE ${this.settings.channel} +o ${member.nick}`);
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

  private rejoin(): void {
    this.roster.clear();
    this.setStatus('registered');
    this.client?.join(this.settings.channel);
  }

  private async onMessage(client: Client, e: MessageEvent): Promise<void> {
    if (e.from_server || !text(e.nick) || typeof e.message !== 'string' || !text(e.target)) return;
    const isPrivate = this.fold(e.target) === this.fold(client.user.nick);
    if (!isPrivate && this.fold(e.target) !== this.fold(this.settings.channel)) return;
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

  private scheduleNickRegain(): void {
    if (this.regainTimer) clearInterval(this.regainTimer);
    this.regainTimer = setInterval(() => this.regainNick(), this.settings.regainNickMs);
    this.regainTimer.unref();
  }

  private regainNick(): void {
    const client = this.client;
    if (!client || this.stopped || this.fold(client.user.nick) === this.fold(this.settings.nick))
      return;
    client.changeNick(this.settings.nick);
  }

  private onClose(client: Client): void {
    if (client !== this.client) return;
    this.client = null;
    client.removeAllListeners();
    this.queue.pause();
    if (this.regainTimer) clearInterval(this.regainTimer);
    if (this.joinTimer) clearTimeout(this.joinTimer);
    if (this.stopped) return;
    const neverRegistered = this.status === 'connecting';
    this.setStatus('disconnected');
    const delay = this.retryDelay;
    this.retryDelay = Math.min(this.settings.reconnect.max, this.retryDelay * 2);
    const reason = this.lastError ?? 'the connection closed';
    this.log.warn(
      { retryInMs: delay, reason },
      neverRegistered
        ? `could not connect to IRC (${reason}): trying again in ${Math.ceil(delay / 1000)} s`
        : `disconnected from IRC (${reason}): reconnecting`,
    );
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (!this.stopped) this.connect();
    }, delay);
  }

  /** Says goodbye and stops reconnecting. */
  async stop(message = 'ptgbot stopping'): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.regainTimer) clearInterval(this.regainTimer);
    if (this.joinTimer) clearTimeout(this.joinTimer);
    this.queue.pause();
    const client = this.client;
    if (!client?.connected) {
      this.setStatus('stopped');
      return;
    }
    await new Promise<void>((done) => {
      const timer = setTimeout(done, 2000);
      const closed = () => {
        clearTimeout(timer);
        done();
      };
      client.once('close', closed);
      client.once('socket close', closed);
      client.quit(message);
    });
    this.client = null;
    this.setStatus('stopped');
  }
}
