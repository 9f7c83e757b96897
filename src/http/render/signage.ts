import type { EventState } from '../../machines/eventState.js';
import { dayKeyFor } from '../../machines/schedule.js';
import { html, type SafeHtml } from './html.js';
import { banners } from './board.js';
import { badge, looksOf, renderTopic } from './topic.js';
import { own } from '../../machines/record.js';

/**
 * A slot's label with each time kept whole: a narrow column breaks it at the dash
 * (`09:00-` / `10:45`), never inside `10:45`.
 */
export function slotTime(desc: string): SafeHtml {
  const parts = desc.split(/(\d{1,2}[:h.]\d{2})/);
  return html`${parts.map((part, i) =>
    i % 2 === 1
      ? html`<span class="time">${part}</span>`
      : html`${part}${/[-\u2013]\s*$/.test(part) ? html`<wbr>` : ''}`,
  )}`;
}

/** A room screen for today: rooms × today's slots, the current slot marked, topics large. */
export function renderSignage(state: EventState): SafeHtml {
  const today = state.clock ? dayKeyFor(Object.keys(state.slots), state.clock) : null;
  if (today === null) {
    return html`<p class="signage-empty">No sessions are scheduled today.</p>`;
  }
  const slots = own(state.slots, today) ?? [];
  const looks = looksOf(state);
  const byName = Object.fromEntries(state.tracks.map((t) => [t.name, t]));
  const rooms = Object.keys(state.schedule).filter((room) =>
    slots.some((s) => own(own(state.schedule, room), s.name) !== undefined),
  );
  const current = state.currentSlot;
  const rows = rooms.map((room) => {
    const holderNow = current ? own(own(state.schedule, room), current) : undefined;
    const track = holderNow ? own(byName, holderNow) : undefined;
    // A track its moderator moved is shown where it is, not in the room it left.
    const moved = track && track.location !== null && track.where !== room ? track.where : null;
    const topic = moved ? null : track?.now;
    const cells = slots.map((s) => {
      const holder = own(own(state.schedule, room), s.name);
      const cls = s.name === current ? 'current' : '';
      return html`<td class="${cls}">${holder ? badge(holder, own(looks, holder)) : holder === '' ? html`<span class="free">free</span>` : ''}</td>`;
    });
    return html`<tr><th scope="row"><a href="signage/${encodeURIComponent(room)}">${room}</a></th>${cells}<td class="signage-topic">${moved ? html`<span class="moved">#${track?.name} moved to ${moved}</span>` : topic ? renderTopic(topic, looks) : ''}</td></tr>`;
  });
  return html`<h2 class="signage-day">${today}</h2>
<table class="signage"><thead><tr><th scope="col">Room</th>${slots.map(
    (s) =>
      html`<th scope="col" class="${s.name === current ? 'current' : ''}">${slotTime(s.desc)}${s.name === current ? html` <span class="now-marker">now</span>` : ''}</th>`,
  )}<th scope="col">Now discussing</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** The screen outside one room: what is on there now and next, the topic in large type. */
export function renderRoomSignage(state: EventState, room: string): SafeHtml {
  const today = state.clock ? dayKeyFor(Object.keys(state.slots), state.clock) : null;
  const bookings = own(state.schedule, room);
  if (!bookings) {
    return html`<p class="signage-empty">There is no room called ${room}. The rooms:</p><ul class="room-list">${Object.keys(
      state.schedule,
    ).map(
      (name) => html`<li><a href="signage/${encodeURIComponent(name)}">${name}</a></li>`,
    )}</ul>`;
  }
  const slots = today === null ? [] : (own(state.slots, today) ?? []);
  const looks = looksOf(state);
  const byName = Object.fromEntries(state.tracks.map((t) => [t.name, t]));
  const index = slots.findIndex((s) => s.name === state.currentSlot);
  const now = index >= 0 ? slots[index] : undefined;
  const upcoming = slots.slice(index >= 0 ? index + 1 : 0).find((s) => own(bookings, s.name));
  const session = (slot: (typeof slots)[number] | undefined, label: string) => {
    if (!slot) return html``;
    const holder = own(bookings, slot.name);
    const track = holder ? own(byName, holder) : undefined;
    const moved = track && track.location !== null && track.where !== room ? track.where : null;
    return html`<section class="room-session"><h2>${label} <span class="slot-time">${slot.desc}</span></h2>${
      track
        ? html`<p class="room-track">${badge(track.name, own(looks, track.name))}${moved ? html` <span class="moved">moved to ${moved}</span>` : ''}</p>${
            label === 'Now' && track.now && !moved
              ? html`<p class="room-topic">${renderTopic(track.now, looks)}</p>`
              : ''
          }`
        : html`<p class="free">Free${holder === '' ? html`: book it with <code>#TRACK book ${room}-${slot.name}</code>` : ''}</p>`
    }</section>`;
  };
  return html`${banners(state)}<h2 class="signage-room">${room}</h2>${
    today === null
      ? html`<p class="signage-empty">No sessions are scheduled today.</p>`
      : html`${session(now, 'Now')}${session(upcoming, 'Next')}${
          !now && !upcoming ? html`<p class="signage-empty">Nothing more here today.</p>` : ''
        }`
  }`;
}
