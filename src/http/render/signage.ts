import type { EventState } from '../../machines/eventState.js';
import { dayKeyFor } from '../../machines/schedule.js';
import { html, type SafeHtml } from './html.js';
import { badge, renderTopic } from './topic.js';
import { own } from '../../machines/record.js';

/** A room screen for today: rooms × today's slots, the current slot marked, topics large. */
export function renderSignage(state: EventState): SafeHtml {
  const today = state.clock ? dayKeyFor(state.slots, state.clock) : null;
  if (today === null) {
    return html`<p class="signage-empty">No sessions are scheduled today.</p>`;
  }
  const slots = own(state.slots, today) ?? [];
  const colors = Object.fromEntries(state.tracks.map((t) => [t.name, t.color]));
  const byName = Object.fromEntries(state.tracks.map((t) => [t.name, t]));
  const rooms = Object.keys(state.schedule).filter((room) =>
    slots.some((s) => own(own(state.schedule, room), s.name) !== undefined),
  );
  const current = state.currentSlot;
  const rows = rooms.map((room) => {
    const holderNow = current ? own(own(state.schedule, room), current) : undefined;
    const topic = holderNow ? own(byName, holderNow)?.now : null;
    const cells = slots.map((s) => {
      const holder = own(own(state.schedule, room), s.name);
      const cls = s.name === current ? 'current' : '';
      return html`<td class="${cls}">${holder ? badge(holder, own(colors, holder)) : holder === '' ? html`<span class="free">free</span>` : ''}</td>`;
    });
    return html`<tr><th scope="row">${room}</th>${cells}<td class="signage-topic">${topic ? renderTopic(topic, colors) : ''}</td></tr>`;
  });
  return html`<h2 class="signage-day">${today}</h2>
<table class="signage"><thead><tr><th scope="col">Room</th>${slots.map(
    (s) =>
      html`<th scope="col" class="${s.name === current ? 'current' : ''}">${s.desc}${s.name === current ? html` <span class="now-marker">now</span>` : ''}</th>`,
  )}<th scope="col">Now discussing</th></tr></thead><tbody>${rows}</tbody></table>`;
}
