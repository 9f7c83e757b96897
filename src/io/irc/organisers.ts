import type { ChannelRoster } from './channelRoster.js';

export interface OrganiserCheck {
  roster: ChannelRoster;
  myNick: string;
  organisers: readonly string[];
  /** Whether the server tells accounts (account-notify or extended-join). */
  accountsKnown: boolean;
  fold: (name: string) => string;
  /** Folded nicks given op on this connection (a MODE is sent once). */
  given: Set<string>;
}

/**
 * Who the bot, holding op, should give op to: organisers in the channel, by their
 * services account, or by nick on a network without services (none ever told an
 * account). `lonely` says the bot holds op alone and no organisers are configured.
 */
export function organisersToOp(check: OrganiserCheck): { nicks: string[]; lonely: boolean } {
  const { roster, fold } = check;
  if (!roster.synced) return { nicks: [], lonely: false };
  const me = roster.get(check.myNick);
  if (!me?.op) return { nicks: [], lonely: false };
  const others = roster.all().filter((m) => fold(m.nick) !== fold(me.nick));
  if (check.organisers.length === 0) {
    return { nicks: [], lonely: !others.some((m) => m.op) };
  }
  const byAccount = check.accountsKnown || others.some((m) => m.account !== null);
  const nicks = others.flatMap((member) => {
    if (member.op || check.given.has(fold(member.nick))) return [];
    const id = byAccount ? member.account : member.nick;
    if (id === null || !check.organisers.some((o) => fold(o) === fold(id))) return [];
    return [member.nick];
  });
  return { nicks, lonely: false };
}
