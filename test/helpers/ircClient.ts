import { createConnection, type Socket } from 'node:net';

export interface Line {
  raw: string;
  prefix: string;
  nick: string;
  command: string;
  params: string[];
  tags: Record<string, string>;
}

function parse(raw: string): Line {
  let rest = raw;
  const tags: Record<string, string> = {};
  if (rest.startsWith('@')) {
    const space = rest.indexOf(' ');
    for (const tag of rest.slice(1, space).split(';')) {
      const [k = '', v = ''] = tag.split('=');
      tags[k] = v;
    }
    rest = rest.slice(space + 1);
  }
  let prefix = '';
  if (rest.startsWith(':')) {
    const space = rest.indexOf(' ');
    prefix = rest.slice(1, space);
    rest = rest.slice(space + 1);
  }
  const trailing = rest.indexOf(' :');
  const head = trailing === -1 ? rest : rest.slice(0, trailing);
  const params = head.split(' ').filter(Boolean);
  const command = params.shift() ?? '';
  if (trailing !== -1) params.push(rest.slice(trailing + 2));
  return { raw, prefix, nick: prefix.split('!')[0] ?? '', command, params, tags };
}

/**
 * A bare IRC client for tests: raw lines in, every line out kept, and waits that end on
 * what the server says, never on time.
 */
export class TestClient {
  private socket!: Socket;
  readonly lines: Line[] = [];
  private waiters: Array<{ test: (l: Line) => boolean; resolve: (l: Line) => void; from: number }> =
    [];
  private closedPromise!: Promise<void>;

  constructor(
    readonly nick: string,
    private readonly port: number,
  ) {}

  async connect(extra: string[] = []): Promise<void> {
    this.socket = createConnection({ host: '127.0.0.1', port: this.port });
    this.closedPromise = new Promise((resolve) => this.socket.once('close', () => resolve()));
    let buffer = '';
    this.socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      let end = buffer.indexOf('\r\n');
      while (end !== -1) {
        const line = parse(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
        if (line.command === 'PING') this.send(`PONG :${line.params[0] ?? ''}`);
        this.lines.push(line);
        this.waiters = this.waiters.filter((w) => {
          if (w.test(line)) {
            w.resolve(line);
            return false;
          }
          return true;
        });
        end = buffer.indexOf('\r\n');
      }
    });
    for (const line of extra) this.send(line);
    this.send(`NICK ${this.nick}`);
    // A user name holds letters and digits only (servers refuse `Tom[m]` there).
    this.send(`USER ${this.nick.replace(/[^A-Za-z0-9]/g, '') || 'user'} 0 * :test`);
    const welcome = await this.waitFor((l) => l.command === '001' || l.command === 'ERROR');
    if (welcome.command === 'ERROR') throw new Error(`${this.nick} refused: ${welcome.raw}`);
  }

  send(line: string): void {
    this.socket.write(`${line}\r\n`);
  }

  /** Resolves with the first line from now on (or already seen since `from`) that passes. */
  waitFor(test: (l: Line) => boolean, from = this.lines.length): Promise<Line> {
    const seen = this.lines.slice(from).find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.waiters.push({ test, resolve, from }));
  }

  /** Resolves once `check` holds, checking again after every line that arrives. */
  until(check: () => boolean): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolve) =>
      this.waiters.push({ test: () => check(), resolve: () => resolve(), from: this.lines.length }),
    );
  }

  async join(channel: string): Promise<void> {
    const mark = this.lines.length;
    this.send(`JOIN ${channel}`);
    await this.waitFor((l) => l.command === '366', mark);
  }

  say(target: string, text: string): void {
    this.send(`PRIVMSG ${target} :${text}`);
  }

  /** Messages to us or to a channel from `nick`, since `from`. */
  messagesFrom(nick: string, from = 0): Line[] {
    return this.lines.slice(from).filter((l) => l.command === 'PRIVMSG' && l.nick === nick);
  }

  async quit(): Promise<void> {
    if (this.socket.destroyed) return;
    this.send('QUIT :bye');
    this.socket.end();
    await this.closedPromise;
  }

  get closed(): Promise<void> {
    return this.closedPromise;
  }
}
