/** The parts of irc-framework this project uses (it ships no types). */
declare module 'irc-framework' {
  import { EventEmitter } from 'node:events';

  export interface ConnectOptions {
    host: string;
    port: number;
    nick: string;
    username?: string;
    gecos?: string;
    tls?: boolean;
    rejectUnauthorized?: boolean;
    password?: string;
    account?: { account: string; password: string };
    auto_reconnect?: boolean;
    ping_interval?: number;
    ping_timeout?: number;
    enable_chghost?: boolean;
    enable_echomessage?: boolean;
    /** The CTCP VERSION answer; null answers none. */
    version?: string | null;
  }

  export interface MessageEvent {
    nick: string;
    ident?: string;
    hostname?: string;
    target: string;
    message: string;
    account?: string | undefined;
    tags?: Record<string, string>;
    from_server?: boolean;
    type?: string;
  }

  export interface Mode {
    mode: string;
    param?: string;
  }

  export class Client extends EventEmitter {
    constructor(options?: Partial<ConnectOptions>);
    connect(options?: ConnectOptions): void;
    quit(message?: string): void;
    join(channel: string, key?: string): void;
    part(channel: string, message?: string): void;
    raw(...args: string[]): void;
    changeNick(nick: string): void;
    say(target: string, message: string): void;
    caseCompare(a: string, b: string): boolean;
    /** Internals: every server line is dispatched through here. */
    command_handler: { dispatch(message: unknown): void };
    connection?: { end?: () => void; transport?: { disposeSocket?: () => void } };
    connected: boolean;
    user: { nick: string; account?: string };
    network: {
      cap: { isEnabled(cap: string): boolean; enabled: string[] };
      options: Record<string, unknown>;
    };
  }
}
