import { foldNick } from '../../machines/nick.js';

export const ircLower = foldNick;

export interface Member {
  nick: string;
  op: boolean;
  voice: boolean;
  /** Services account, when the server told (extended-join, account-notify), else null. */
  account: string | null;
}

/**
 * Who is in the channel and with which modes, kept from what the server says. Pure:
 * the IRC connection feeds it events; permissions are read from it.
 */
export class ChannelRoster {
  private members = new Map<string, Member>();
  /** False until the first full names list after (re)joining: until then nothing is known. */
  synced = false;

  reset(list: Array<{ nick: string; modes?: string[]; account?: string | null }>): void {
    this.members = new Map(
      list.map((u) => [
        ircLower(u.nick),
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
    this.members.set(ircLower(nick), { nick, op: false, voice: false, account });
  }

  leave(nick: string): void {
    this.members.delete(ircLower(nick));
  }

  rename(from: string, to: string): void {
    const member = this.members.get(ircLower(from));
    if (!member) return;
    this.members.delete(ircLower(from));
    this.members.set(ircLower(to), { ...member, nick: to });
  }

  setMode(nick: string, mode: string, on: boolean): void {
    const member = this.members.get(ircLower(nick));
    if (!member) return;
    if (mode === 'o') member.op = on;
    if (mode === 'v') member.voice = on;
  }

  setAccount(nick: string, account: string | null): void {
    const member = this.members.get(ircLower(nick));
    if (member) member.account = account;
  }

  get(nick: string): Member | undefined {
    return this.members.get(ircLower(nick));
  }

  all(): Member[] {
    return [...this.members.values()];
  }

  get size(): number {
    return this.members.size;
  }
}
