import type { Client, MessageEvent, Mode } from 'irc-framework';
import type { CommandHandler, OutgoingMessage } from '../command/commandHandler.js';
import type { Logger } from '../observe/log.js';
import {
  type Casemapping,
  DEFAULT_CASEMAPPING,
  foldNick,
  readCasemapping,
} from '../../machines/nick.js';
import { ChannelRoster } from './channelRoster.js';
import type { IrcSettings } from './ircConfig.js';
import { organisersToOp } from './organisers.js';
import { type DropReason, SendQueue } from './sendQueue.js';

/** Room for `:nick!user@host ` the server puts before our line when relaying it. */
const PREFIX_ALLOWANCE = 120;

/** A field of a server line that is a non-empty string, else null. */
export const text = (value: unknown): string | null =>
  typeof value === 'string' && value !== '' ? value : null;

/**
 * The bot's channel, over whichever connection is up: who is in it with which rights and
 * accounts (folded by the server's CASEMAPPING), organisers given op, the lines people say
 * fed to the command handler, and the answers sent through one rate-limited queue.
 */
export class ChannelSession {
  readonly roster = new ChannelRoster();
  readonly queue: SendQueue;
  /** Whether the lone-op warning was logged on this connection. */
  private loneOpLogged = false;
  /** Organisers given op on this connection, by folded nick (a MODE is sent once). */
  private readonly opGiven = new Set<string>();
  /** How this server compares nicks and channel names, from its ISUPPORT. */
  private casemapping: Casemapping = DEFAULT_CASEMAPPING;
  readonly fold = (name: string) => foldNick(name, this.casemapping);

  constructor(
    private readonly settings: IrcSettings,
    private readonly handler: CommandHandler,
    private readonly log: Logger,
    /** Sends a raw line on the connection that is up, if any. */
    raw: (line: string) => void,
    dropped?: (reason: DropReason) => void,
  ) {
    this.queue = new SendQueue({
      ...settings.rate,
      send: (target, line) => raw(`PRIVMSG ${target} :${line}`),
      maxBytesFor: (target) => 510 - PREFIX_ALLOWANCE - Buffer.byteLength(`PRIVMSG ${target} :`),
      isPresent: (nick) => !this.roster.synced || this.roster.get(nick) !== undefined,
      onDrop: (reason) => dropped?.(reason),
      onDropBurst: (phase, count) => {
        if (phase === 'start')
          this.log.warn('more lines to send than the send rate allows: dropping the least urgent');
        else this.log.warn({ dropped: count }, `${count} lines were dropped in that burst`);
      },
      fold: this.fold,
    });
  }

  /** A new connection registered: nobody is known to be in the channel yet. */
  reset(): void {
    this.roster.clear();
    this.loneOpLogged = false;
    this.opGiven.clear();
  }

  /** Who is in the channel, with which rights and accounts; their lines go to the handler. */
  wire(client: Client): void {
    const { roster } = this;
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
    });
    client.on('nick', (e: { nick?: string; new_nick?: string }) => {
      if (!text(e.nick) || !text(e.new_nick)) return;
      const [from, to] = [e.nick as string, e.new_nick as string];
      const wasMember = roster.get(from) !== undefined;
      roster.rename(from, to);
      this.opGiven.delete(this.fold(from));
      if (wasMember && !this.isMe(client, to))
        this.presence({ type: 'presence.renamed', nick: from, to });
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
  isChannel(name: unknown): boolean {
    return typeof name === 'string' && this.fold(name) === this.fold(this.settings.channel);
  }
  isMe(client: Client, nick: unknown): boolean {
    return typeof nick === 'string' && this.fold(nick) === this.fold(client.user.nick);
  }
}
