import type { CommandFamily } from './command.js';

/** What the caller knows about who sent a line. */
export interface Sender {
  nick: string;
  op: boolean;
  voice: boolean;
  /** The services account the sender is logged in to, or null. */
  account: string | null;
}

/** The policy io enforces; whether track commands need voice is the statechart's. */
export interface Policy {
  identifiedOnly: boolean;
}

export type Permission =
  | { allowed: true }
  /** Refused: reply with the text, or stay silent when it is null. */
  | { allowed: false; reply: string | null };

export function checkPermission(family: CommandFamily, sender: Sender, policy: Policy): Permission {
  if (policy.identifiedOnly && sender.account === null) return { allowed: false, reply: null };
  if (family === 'admin' && !sender.op) {
    return { allowed: false, reply: 'Need op for admin commands' };
  }
  return { allowed: true };
}
