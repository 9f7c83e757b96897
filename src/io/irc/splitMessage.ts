const encoder = new TextEncoder();
const bytes = (text: string) => encoder.encode(text).length;

/** Line breaks and NULs would end or corrupt an IRC line. */
export function flattenLine(text: string): string {
  return text.replace(/[\r\n\0]+/g, ' ');
}

/**
 * Splits text into parts of at most `maxBytes` UTF-8 bytes, at spaces where possible,
 * never inside a character (surrogate pairs included). At most `maxParts` parts; when
 * more would be needed, the last part says the rest was cut.
 */
export function splitMessage(text: string, maxBytes: number, maxParts = Infinity): string[] {
  const parts: string[] = [];
  let rest = flattenLine(text).trim();
  const marker = ' [...]';
  while (rest !== '') {
    const last = parts.length === maxParts - 1;
    const budget = last && bytes(rest) > maxBytes ? maxBytes - bytes(marker) : maxBytes;
    if (bytes(rest) <= budget) {
      parts.push(rest);
      break;
    }
    let cut = 0;
    let used = 0;
    for (const ch of rest) {
      const size = bytes(ch);
      if (used + size > budget) break;
      used += size;
      cut += ch.length;
    }
    const space = rest.lastIndexOf(' ', cut);
    const end = space > cut / 2 ? space : cut;
    const part = rest.slice(0, end).trimEnd();
    if (last) {
      parts.push(part + marker);
      break;
    }
    parts.push(part);
    rest = rest.slice(end).trimStart();
  }
  return parts;
}
