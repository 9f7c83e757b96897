import { type Casemapping, DEFAULT_CASEMAPPING, foldNick } from '../../machines/nick.js';

export interface Member {
  nick: string;
  op: boolean;
  voice: boolean;
  /** Services account, when the server told (extended-join, account-notify), else null. */
  account: string | null;
}

/**
 * Who is in the channel and with which modes, kept from what the server says, keyed by
 * nick folded the server's way. Pure: the IRC connection feeds it events; the facts about
 * a sender (op, voice, account) that the event day's guards decide by are read from it.
 */
export class ChannelRoster {
  private members = new Map<string, Member>();
  private casemapping: Casemapping = DEFAULT_CASEMAPPING;
  /** False until the first full names list after (re)joining: until then nothing is known. */
  synced = false;

  private key(nick: string): string {
    return foldNick(nick, this.casemapping);
  }

  /** The server said how it compares nicks: members are keyed its way from now on. */
  setCasemapping(casemapping: Casemapping): void {
    if (casemapping === this.casemapping) return;
    this.casemapping = casemapping;
    this.members = new Map([...this.members.values()].map((m) => [this.key(m.nick), m]));
  }

  reset(list: Array<{ nick: string; modes?: string[]; account?: string | null }>): void {
    this.members = new Map(
      list.map((u) => [
        this.key(u.nick),
        {
          nick: u.nick,
          op: u.modes?.includes('o') ?? false,
          voice: u.modes?.includes('v') ?? false,
          account: u.account ?? null,
        },
      ]),
    );
    this.synced = true;
  }

  clear(): void {
    this.members.clear();
    this.synced = false;
  }

  join(nick: string, account: string | null = null): void {
    this.members.set(this.key(nick), { nick, op: false, voice: false, account });
  }

  leave(nick: string): void {
    this.members.delete(this.key(nick));
  }

  rename(from: string, to: string): void {
    const member = this.members.get(this.key(from));
    if (!member) return;
    this.members.delete(this.key(from));
    this.members.set(this.key(to), { ...member, nick: to });
  }

  setMode(nick: string, mode: string, on: boolean): void {
    const member = this.members.get(this.key(nick));
    if (!member) return;
    if (mode === 'o') member.op = on;
    if (mode === 'v') member.voice = on;
  }

  setAccount(nick: string, account: string | null): void {
    const member = this.members.get(this.key(nick));
    if (member) member.account = account;
  }

  get(nick: string): Member | undefined {
    return this.members.get(this.key(nick));
  }

  all(): Member[] {
    return [...this.members.values()];
  }

  get size(): number {
    return this.members.size;
  }
}
