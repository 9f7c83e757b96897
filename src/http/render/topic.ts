import { html, join, type SafeHtml } from './html.js';
import { hasOwn, own } from '../../machines/record.js';
import type { EventState } from '../../machines/eventState.js';

/** How a track's badge looks: its colour and the ink readable on it. */
export interface Look {
  color: string | null;
  ink: string;
}
export type Looks = Record<string, Look>;

/** Each track's look, by name: also which `#words` in a topic are tracks. */
export const looksOf = (state: EventState): Looks =>
  Object.fromEntries(state.tracks.map((t) => [t.name, { color: t.color, ink: t.ink }]));

/** A track badge: the name on the track's colour (colours were validated when set). */
export function badge(name: string, look: Look | undefined): SafeHtml {
  const style = look?.color
    ? html` style="background-color: ${look.color}; color: ${look.ink}"`
    : '';
  return html`<a class="badge" href="track/${encodeURIComponent(name)}"${style}>#${name}</a>`;
}

const TOKEN = /(https?:\/\/[^\s<>"']+)|(^|[\s(])#([a-z0-9][a-z0-9_.-]*)/gi;

/**
 * Topic text with links as links and hashtags of known tracks as badges; everything
 * else stays text.
 */
export function renderTopic(text: string, looks: Looks): SafeHtml {
  const parts: SafeHtml[] = [];
  let last = 0;
  for (const match of text.matchAll(TOKEN)) {
    const index = match.index ?? 0;
    const [whole, url, lead = '', tag = ''] = match;
    if (url !== undefined) {
      const clean = trimTrailing(url, '.,;:!?)');
      parts.push(
        html`${text.slice(last, index)}<a href="${clean}" rel="noopener noreferrer nofollow">${clean}</a>`,
      );
      last = index + clean.length;
      continue;
    }
    const name = trimTrailing(tag.toLowerCase(), '.');
    if (!hasOwn(looks, name)) continue;
    parts.push(html`${text.slice(last, index)}${lead}${badge(name, own(looks, name))}`);
    last = index + whole.length - (tag.length - name.length);
  }
  parts.push(html`${text.slice(last)}`);
  return join(parts);
}

/** The text without trailing characters from the set; linear, unlike a `[...]+$` regex. */
function trimTrailing(text: string, chars: string): string {
  let end = text.length;
  while (end > 0 && chars.includes(text.charAt(end - 1))) end--;
  return text.slice(0, end);
}
