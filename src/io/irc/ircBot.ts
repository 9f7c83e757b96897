import { Client, type MessageEvent, type Mode } from 'irc-framework';
import type { CommandHandler, OutgoingMessage } from '../commandHandler.js';
import type { Logger } from '../log.js';
import { ChannelRoster, ircLower } from './channelRoster.js';
import type { IrcSettings } from './ircConfig.js';
import { SendQueue } from './sendQueue.js';

/** Room for `:nick!user@host ` the server puts before our line when relaying it. */
const PREFIX_ALLOWANCE = 120;

export type IrcStatus = 'connecting' | 'registered' | 'joined' | 'disconnected' | 'stopped';

/**
 * The bot on an IRC network: keeps a connection (reconnecting with backoff), stays in
 * its channel, keeps who is op/voiced current, feeds lines to the command handler and
 * sends what it answers through one rate-limited queue.
 */
export class IrcBot {
  private client: Client | null = null;
  private readonly roster = new ChannelRoster();
  readonly queue: SendQueue;
  private retryDelay: number;
  private retryTimer: NodeJS.Timeout | null = null;
  private regainTimer: NodeJS.Timeout | null = null;
  private stopped = false;
  status: IrcStatus = 'disconnected';
  private readonly statusListeners = new Set<(status: IrcStatus) => void>();

  constructor(
    private readonly settings: IrcSettings,
    private readonly handler: CommandHandler,
    private readonly log: Logger,
  ) {
    this.retryDelay = settings.reconnect.min;
    this.queue = new SendQueue({
      ...settings.rate,
      send: (target, text) => this.client?.raw(`PRIVMSG ${target} :${text}`),
      maxBytesFor: (target) => 510 - PREFIX_ALLOWANCE - Buffer.byteLength(`PRIVMSG ${target} :`),
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
  announce(text: string): void {
    this.queue.say(this.settings.channel, text);
  }

  private connect(): void {
    const { settings } = this;
    const client = new Client();
    this.client = client;
    this.setStatus('connecting');
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
      ...(settings.account && settings.password
        ? { account: { account: settings.account, password: settings.password } }
        : {}),
    });
  }

  private wire(client: Client): void {
    const { settings, roster } = this;
    const isChannel = (name: string) => ircLower(name) === ircLower(settings.channel);
    const isMe = (nick: string) => ircLower(nick) === ircLower(client.user.nick);

    client.on('registered', () => {
      this.retryDelay = settings.reconnect.min;
      this.setStatus('registered');
      this.log.info({ server: settings.server, nick: client.user.nick }, 'connected to IRC');
      if (!settings.account && settings.password) {
        client.raw(`PRIVMSG NickServ :IDENTIFY ${settings.nick} ${settings.password}`);
      }
      roster.clear();
      client.join(settings.channel);
      this.queue.resume();
      this.scheduleNickRegain();
    });
    client.on('nick in use', () => {
      if (this.status === 'connecting') client.changeNick(`${settings.nick}_`);
    });
    client.on('join', (e: { nick: string; channel: string; account?: string | false }) => {
      if (!isChannel(e.channel)) return;
      if (isMe(e.nick)) {
        this.setStatus('joined');
        this.log.info({ channel: settings.channel }, 'joined the channel');
        return;
      }
      roster.join(e.nick, typeof e.account === 'string' ? e.account : null);
    });
    client.on(
      'userlist',
      (e: { channel: string; users: Array<{ nick: string; modes?: string[] }> }) => {
        if (isChannel(e.channel)) roster.reset(e.users);
      },
    );
    client.on('part', (e: { nick: string; channel: string }) => {
      if (!isChannel(e.channel)) return;
      if (isMe(e.nick)) this.rejoin();
      else roster.leave(e.nick);
    });
    client.on('kick', (e: { kicked: string; channel: string; nick: string }) => {
      if (!isChannel(e.channel)) return;
      if (isMe(e.kicked)) {
        this.log.warn({ by: e.nick }, 'kicked from the channel: rejoining');
        this.rejoin();
      } else {
        roster.leave(e.kicked);
      }
    });
    client.on('quit', (e: { nick: string }) => {
      roster.leave(e.nick);
      if (ircLower(e.nick) === ircLower(settings.nick)) this.regainNick();
    });
    client.on('nick', (e: { nick: string; new_nick: string }) => {
      roster.rename(e.nick, e.new_nick);
      if (ircLower(e.nick) === ircLower(settings.nick) && !isMe(e.new_nick)) this.regainNick();
    });
    client.on('mode', (e: { target: string; modes: Mode[] }) => {
      if (!isChannel(e.target)) return;
      for (const { mode, param } of e.modes) {
        if (param && (mode === '+o' || mode === '-o' || mode === '+v' || mode === '-v')) {
          roster.setMode(param, mode.slice(1), mode.startsWith('+'));
        }
      }
    });
    client.on('account', (e: { nick: string; account: string | false }) => {
      roster.setAccount(e.nick, typeof e.account === 'string' ? e.account : null);
    });
    client.on('privmsg', (e: MessageEvent) => void this.onMessage(client, e));
    client.on('close', () => this.onClose(client));
    client.on('socket close', () => this.onClose(client));
  }

  private rejoin(): void {
    this.roster.clear();
    this.setStatus('registered');
    this.client?.join(this.settings.channel);
  }

  private async onMessage(client: Client, e: MessageEvent): Promise<void> {
    if (e.from_server || !e.nick) return;
    const isPrivate = ircLower(e.target) === ircLower(client.user.nick);
    if (!isPrivate && ircLower(e.target) !== ircLower(this.settings.channel)) return;
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
      });
      this.deliver(out);
    } catch (error) {
      this.log.error({ err: error, line: e.message, nick: e.nick }, 'failed to handle a line');
      const sorry = 'Sorry, something went wrong with that command; it was logged';
      this.queue.say(
        isPrivate ? e.nick : this.settings.channel,
        isPrivate ? sorry : `${e.nick}: ${sorry}`,
      );
    }
  }

  private deliver(out: OutgoingMessage[]): void {
    for (const message of out) {
      if (message.type === 'notify') this.queue.say(message.nick, message.text);
      else this.queue.say(message.isPrivate ? message.nick : this.settings.channel, message.text);
    }
  }

  private scheduleNickRegain(): void {
    if (this.regainTimer) clearInterval(this.regainTimer);
    this.regainTimer = setInterval(() => this.regainNick(), this.settings.regainNickMs);
    this.regainTimer.unref();
  }

  private regainNick(): void {
    const client = this.client;
    if (!client || this.stopped || ircLower(client.user.nick) === ircLower(this.settings.nick))
      return;
    client.changeNick(this.settings.nick);
  }

  private onClose(client: Client): void {
    if (client !== this.client) return;
    this.client = null;
    client.removeAllListeners();
    this.queue.pause();
    if (this.regainTimer) clearInterval(this.regainTimer);
    if (this.stopped) return;
    this.setStatus('disconnected');
    const delay = this.retryDelay;
    this.retryDelay = Math.min(this.settings.reconnect.max, this.retryDelay * 2);
    this.log.warn({ retryInMs: delay }, 'disconnected from IRC: reconnecting');
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
