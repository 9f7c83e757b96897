const UPPER_SPECIALS = /[[\]\\~]/g;
const LOWER_SPECIALS: Record<string, string> = { '[': '{', ']': '}', '\\': '|', '~': '^' };
const lowerSpecial = (ch: string) => LOWER_SPECIALS[ch] ?? ch;

/**
 * The one nick folding, IRC's default case mapping (rfc1459): `[]\~` are the upper case
 * of `{}|^`. Machines key check-ins and subscriptions by it; io compares nicks with it.
 */
export function foldNick(nick: string): string {
  return nick.toLowerCase().replace(UPPER_SPECIALS, lowerSpecial);
}
