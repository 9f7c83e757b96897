import type {
  EventCommand,
  EventEmitted,
  PresenceEvent,
  Sender,
  SettingsEvent,
} from '../../machines/event/events.js';
import type { LocalTime } from '../../machines/model.js';
import type { Command } from './command.js';
import { type ParseContext, parseLine } from './parse.js';
import { helpLine } from './vocabulary.js';
import type { ParsedEventData } from '../eventData/parseEventData.js';
import { Skips } from '../eventData/skips.js';
import { toEventData } from '../../machines/eventData.js';
import { urlWithoutCredentials } from '../validate/httpUrl.js';
import { type Casemapping, DEFAULT_CASEMAPPING, sameNick } from '../../machines/nick.js';
import { type EventRuntime, HandlerFault } from '../runtime/eventRuntime.js';

/** A line said to the bot, with what the caller knows of its sender. */
export interface IncomingLine {
  text: string;
  nick: string;
  /** Said privately to the bot, rather than in the channel. */
  isPrivate: boolean;
  op?: boolean;
  voice?: boolean;
  account?: string | null;
  /** Whether the sender is in the channel (unknown counts as yes). */
  inChannel?: boolean;
}

export type OutgoingMessage =
  /** Goes to the channel (already prefixed with the nick) or privately to `nick`. */
  | {
      type: 'reply';
      isPrivate: boolean;
      nick: string;
      text: string;
      /** A newer reply with this key replaces this one if it has not been sent yet. */
      supersedes?: string;
    }
  /** Goes privately to a subscriber. */
  | { type: 'notify'; nick: string; text: string };

export interface HandlerOptions {
  clock: () => LocalTime;
  /** Where `help` points: the page's help section, or the config's `help_url`. */
  helpUrl?: () => string;
  /** Replaces the whole help line (the config's `help_text`). */
  helpText?: string;
  fetchEventData?: (url: string) => Promise<ParsedEventData>;
  /** The bot's nick now: a channel line that starts with it (`ptgbot: help`) is for the bot. */
  botNick?: () => string;
  /** Told of each command by kind (`track.now`, `refused`, `invalid`...) and each message out. */
  observe?: { command: (kind: string) => void; reply: (type: 'reply' | 'notify') => void };
}

/**
 * The one way in for every line, whether it came from IRC, the console or a test:
 * parse, check permission, apply through the event-day actor, wait until the result
 * is saved, and return what to say.
 */
export class CommandHandler {
  private nextRequest = 1;
  private nicksCompare: Casemapping = DEFAULT_CASEMAPPING;
  private known: { list: readonly string[]; set: Set<string> } = { list: [], set: new Set() };
  private readonly parseContext: ParseContext = {
    tracks: () => this.runtime.tracks(),
    isTrack: (name) => {
      const list = this.runtime.tracks();
      if (list !== this.known.list) this.known = { list, set: new Set(list) };
      return this.known.set.has(name);
    },
  };

  constructor(
    private readonly runtime: EventRuntime,
    private readonly options: HandlerOptions,
  ) {}

  /** Someone left the channel or took another nick: subscriptions follow. */
  presence(event: PresenceEvent): Promise<void> {
    return this.tell(event);
  }

  /** The IRC server said how it compares nicks: people's records are keyed its way. */
  casemapping(casemapping: Casemapping): Promise<void> {
    this.nicksCompare = casemapping;
    return this.tell({ type: 'settings.casemapping', casemapping });
  }

  /** What follows `NICK: ` or `NICK, ` when NICK is the bot's, else null. */
  private addressedToMe(text: string): string | null {
    const nick = this.options.botNick?.();
    const match = /^\s*([^\s:,]+)[:,]\s+(\S.*)$/s.exec(text);
    if (!nick || !match || !sameNick(match[1] as string, nick, this.nicksCompare)) return null;
    return match[2] as string;
  }

  private async tell(event: PresenceEvent | SettingsEvent): Promise<void> {
    try {
      this.runtime.send(event);
    } catch (error) {
      if (error instanceof HandlerFault) return;
      throw error;
    }
    await this.runtime.durable();
  }

  async handle(line: IncomingLine): Promise<OutgoingMessage[]> {
    const out = await this.answer(line);
    for (const message of out) this.options.observe?.reply(message.type);
    return out;
  }

  private async answer(line: IncomingLine): Promise<OutgoingMessage[]> {
    // Facts about the sender; the event day's chart decides what they may do.
    const from: Sender = {
      op: line.op ?? false,
      voice: line.voice ?? false,
      account: line.account ?? null,
      privately: line.isPrivate,
      inChannel: line.inChannel ?? true,
    };
    const reply = (text: string, privately = false): OutgoingMessage => ({
      type: 'reply',
      isPrivate: line.isPrivate || privately,
      nick: line.nick,
      text: line.isPrivate || privately ? text : `${line.nick}: ${text}`,
    });
    const toMe = line.isPrivate ? null : this.addressedToMe(line.text);
    const { family, result } = parseLine(
      toMe ?? line.text,
      line.isPrivate,
      this.parseContext,
      toMe !== null,
    );
    switch (result.kind) {
      case 'ignore':
        return [];
      case 'error':
      case 'hint':
        return this.apply(
          { type: `${family}.unclear`, text: result.text, privately: result.kind === 'hint' },
          line.nick,
          from,
          reply,
        );
      case 'help':
        return this.apply(
          {
            type: 'user.help',
            text:
              this.options.helpText ?? helpLine(this.options.helpUrl?.() ?? 'the schedule page'),
          },
          line.nick,
          from,
          reply,
        );
      case 'fetchdb':
        return this.fetchdb(result.url, result.confirmed, line.nick, from, reply);
      case 'command':
        return this.apply(result.command, line.nick, from, reply);
    }
  }

  /**
   * `~fetchdb URL`: the chart says whether this sender may load data (`fetch`); only then
   * is the URL fetched, and the data goes in as `admin.import`.
   */
  private async fetchdb(
    url: string,
    confirmed: boolean,
    nick: string,
    from: Sender,
    reply: Reply,
  ): Promise<OutgoingMessage[]> {
    // Credentials in the address are used to fetch, never repeated or kept.
    const source = urlWithoutCredentials(url);
    const asked = await this.perform({ type: 'admin.fetch', source }, nick, from, reply);
    if (!asked.emitted.some((e) => e.type === 'fetch')) return asked.out;
    const fetched = await this.fetch(url);
    if (!fetched.ok) return [reply(`Could not load ${source}: ${fetched.problem}`)];
    return this.apply(
      {
        type: 'admin.import',
        data: toEventData(fetched.data),
        source,
        confirmed,
        ...(fetched.skipped.length > 0 ? { skipped: new Skips(fetched.skipped).describe() } : {}),
      },
      nick,
      from,
      reply,
    );
  }

  private async fetch(url: string): Promise<ParsedEventData> {
    if (!this.options.fetchEventData) return { ok: false, problem: 'fetching is not set up' };
    try {
      return await this.options.fetchEventData(url);
    } catch (error) {
      return { ok: false, problem: (error as Error).message };
    }
  }

  private async apply(
    command: Command,
    nick: string,
    from: Sender,
    reply: Reply,
  ): Promise<OutgoingMessage[]> {
    return (await this.perform(command, nick, from, reply)).out;
  }

  /** Applies the command, waits until its effect is on disk, and says what to answer. */
  private async perform(
    command: Command,
    nick: string,
    from: Sender,
    reply: Reply,
  ): Promise<{ out: OutgoingMessage[]; emitted: EventEmitted[] }> {
    this.options.observe?.command(command.type.endsWith('.unclear') ? 'invalid' : command.type);
    const requestId = `r${this.nextRequest++}`;
    // Not `{ ...command, requestId, ... }`: a spread of commands of many shapes takes V8's
    // slow generic copy (6 us a command, a quarter of its CPU); a fixed head then the
    // command's own fields is cheap, and the compiler still checks the result.
    const head = { type: command.type, requestId, nick, at: this.options.clock(), from };
    const event: EventCommand = Object.assign(head, command);
    let emitted: EventEmitted[];
    try {
      emitted = this.runtime.send(event);
    } catch (error) {
      if (!(error instanceof HandlerFault)) throw error;
      this.options.observe?.command('fault');
      return {
        out: [reply('Sorry, that command hit a bug in the bot; it was logged and nothing changed')],
        emitted: [],
      };
    }
    try {
      await this.runtime.durable();
    } catch (error) {
      return {
        out: [
          reply(
            `Sorry, that could not be saved (${describe(error)}); nothing changed, please try again`,
          ),
        ],
        emitted: [],
      };
    }
    if (emitted.some((e) => e.type === 'refused' && e.requestId === requestId))
      this.options.observe?.command('refused');
    const out: OutgoingMessage[] = [];
    // A newer answer to the same person about the same track replaces an unsent older one.
    const about = 'track' in command ? { supersedes: `${nick} #${command.track}` } : {};
    for (const e of emitted) {
      if (e.type === 'reply' && e.requestId === requestId)
        out.push({ ...reply(e.text, e.privately), ...about });
      else if (e.type === 'notify') out.push({ type: 'notify', nick: e.nick, text: e.text });
    }
    return { out, emitted };
  }
}

type Reply = (text: string, privately?: boolean) => OutgoingMessage;

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC') return 'the disk is full';
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
    return 'the state file cannot be written';
  return code ?? (error instanceof Error ? error.message : String(error));
}
