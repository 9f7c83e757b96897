import type { EventState } from '../../machines/eventState.js';
import { own } from '../../machines/record.js';
import { slotWhen } from '../../machines/slotTimes.js';
import { html, type SafeHtml } from './html.js';
import { badge, looksOf, renderTopic } from './topic.js';

/** Whether any slot can be dated, so that the calendar feed is worth offering. */
export const hasDatedSlots = (state: EventState): boolean =>
  Object.entries(state.slots).some(([day, slots]) =>
    slots.some(
      (slot) => slotWhen(slot, day, state.startDate, state.clock?.date ?? null).kind !== 'unknown',
    ),
  );

/**
 * One track as its own page shows it: now, next, where, its pad, link and feed, its
 * sessions this week. The server and the page's script render it alike.
 */
export function renderTrack(state: EventState, name: string): SafeHtml {
  const track = state.tracks.find((t) => t.name === name);
  if (!track) return html`<p class="empty">There is no track called ${name}.</p>`;
  const looks = looksOf(state);
  const sessions = Object.entries(state.slots).flatMap(([day, slots]) =>
    slots.flatMap((slot) =>
      Object.entries(state.schedule)
        .filter(([, bookings]) => own(bookings, slot.name) === name)
        .map(([room]) => ({ day, slot, room })),
    ),
  );
  return html`<section class="track-page" data-track="${track.name}">
<h2>${badge(track.name, track)}</h2>
<dl>
<dt>Now</dt><dd>${track.now ? renderTopic(track.now, looks) : html`<span class="empty">nothing right now</span>`}</dd>
<dt>Next</dt><dd>${track.next.length === 0 ? html`<span class="empty">nothing queued</span>` : html`<ul>${track.next.map((t) => html`<li>${renderTopic(t, looks)}</li>`)}</ul>`}</dd>
<dt>Where</dt><dd>${track.where ?? html`<span class="empty">not placed today</span>`}</dd>
<dt>Etherpad</dt><dd><a href="${track.etherpadUrl}" rel="noopener noreferrer">${track.etherpadUrl}</a></dd>
${track.url ? html`<dt>Meeting</dt><dd><a href="${track.url}" rel="noopener noreferrer">${track.url}</a></dd>` : ''}
${hasDatedSlots(state) ? html`<dt>Calendar</dt><dd><a href="${track.name}.ics">${track.name}.ics</a></dd>` : ''}
</dl>
<h3>Sessions this week</h3>${
    sessions.length === 0
      ? html`<p class="empty">None scheduled.</p>`
      : html`<ul class="sessions">${sessions.map(
          ({ day, slot, room }) => html`<li>${day} ${slot.desc}: ${room}</li>`,
        )}</ul>`
  }
</section>`;
}
