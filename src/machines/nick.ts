/**
 * How the IRC server compares nicks (its ISUPPORT `CASEMAPPING`). `ascii` folds A-Z only;
 * `rfc1459` also takes `[]\~` as the upper case of `{}|^`; `strict-rfc1459` does so for
 * `[]\` but not `~`.
 */
export type Casemapping = 'ascii' | 'rfc1459' | 'strict-rfc1459';

/** What IRC assumes when a server announces nothing. */
export const DEFAULT_CASEMAPPING: Casemapping = 'rfc1459';

const SPECIALS: Record<Casemapping, Record<string, string>> = {
  ascii: {},
  rfc1459: { '[': '{', ']': '}', '\\': '|', '~': '^' },
  'strict-rfc1459': { '[': '{', ']': '}', '\\': '|' },
};
const FOLDED: Record<Casemapping, RegExp> = {
  ascii: /[A-Z]/g,
  rfc1459: /[A-Z[\]\\~]/g,
  'strict-rfc1459': /[A-Z[\]\\]/g,
};

/**
 * The one nick folding: two nicks are one person exactly when their folds are equal
 * under the server's casemapping. Characters outside ASCII are never folded (no IRC
 * casemapping folds them, so `Ä` and `ä` are two people).
 */
export function foldNick(nick: string, casemapping: Casemapping): string {
  const specials = SPECIALS[casemapping];
  return nick.replace(
    FOLDED[casemapping],
    (ch) => specials[ch] ?? String.fromCharCode(ch.charCodeAt(0) + 32),
  );
}

export const sameNick = (a: string, b: string, casemapping: Casemapping): boolean =>
  foldNick(a, casemapping) === foldNick(b, casemapping);

/** A server's `CASEMAPPING` token; an unknown one folds ASCII only (and is said so). */
export function readCasemapping(announced: unknown): { casemapping: Casemapping; known: boolean } {
  if (announced === undefined || announced === null || announced === true)
    return { casemapping: DEFAULT_CASEMAPPING, known: true };
  const value = String(announced).toLowerCase();
  if (value === 'ascii' || value === 'rfc1459' || value === 'strict-rfc1459')
    return { casemapping: value, known: true };
  return { casemapping: 'ascii', known: false };
}

/**
 * Where a record keyed by a folded nick goes when its fold is taken by another person's
 * record: a key no fold can make (nicks hold no spaces), so that two people whose keys
 * were made under another casemapping are never merged into one.
 */
const keptApartKey = (nick: string) => `${nick} (kept apart)`;
export const isKeptApart = (key: string): boolean => key.includes(' ');

/**
 * Records keyed by person, re-keyed by the fold of the nick each one holds. A record
 * whose fold is already taken is kept apart under a key of its own and named in
 * `keptApart`; the one that keeps the fold is the one whose key already was that fold,
 * else the first. A record kept apart before takes its fold back once it is free.
 */
export function keyByNick<T extends { nick: string }>(
  records: ReadonlyMap<string, T>,
  casemapping: Casemapping,
): { records: ReadonlyMap<string, T>; keptApart: string[]; changed: boolean } {
  const claimed = new Set<string>();
  for (const [key, record] of records) {
    if (key === foldNick(record.nick, casemapping)) claimed.add(key);
  }
  const out = new Map<string, T>();
  const keptApart: string[] = [];
  let changed = false;
  for (const [key, record] of records) {
    const fold = foldNick(record.nick, casemapping);
    if (key === fold || (!claimed.has(fold) && !out.has(fold))) {
      out.set(fold, record);
      changed ||= key !== fold;
    } else if (isKeptApart(key)) {
      out.set(key, record);
    } else {
      out.set(keptApartKey(record.nick), record);
      keptApart.push(record.nick);
      changed = true;
    }
  }
  return { records: changed ? out : records, keptApart, changed };
}
