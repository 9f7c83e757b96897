import type { EventState, TrackState } from '../../machines/eventState.js';
import { dayKeyFor } from '../../machines/schedule.js';
import { html, join, SafeHtml, safeHref } from './html.js';
import { badge, renderTopic } from './topic.js';
import { own } from '../../machines/record.js';

type Colors = Record<string, string | null>;

const colorsOf = (state: EventState): Colors =>
  Object.fromEntries(state.tracks.map((t) => [t.name, t.color]));

/** Nicks checked in at each `#track`, sorted. */
export function checkedInByTrack(state: EventState): Record<string, string[]> {
  const by: Record<string, string[]> = Object.create(null);
  for (const checkin of Object.values(state.checkins)) {
    if (checkin.out !== null || !checkin.location.startsWith('#')) continue;
    const track = checkin.location.slice(1);
    by[track] = [...(own(by, track) ?? []), checkin.nick];
  }
  for (const nicks of Object.values(by)) nicks.sort((a, b) => a.localeCompare(b));
  return by;
}

/** The banners, their links clickable (http(s) only, as in topics); on every page. */
export function banners(state: EventState): SafeHtml {
  if (state.motd.length === 0) return html``;
  const colors = colorsOf(state);
  return html`<section class="banners" aria-label="Announcements">${state.motd.map(
    (b) =>
      html`<p class="banner banner-${b.level}" role="status">${renderTopic(b.message, colors)}</p>`,
  )}</section>`;
}

function meetingUrl(state: EventState, track: TrackState): string | null {
  if (track.url) return safeHref(track.url);
  return track.where ? safeHref(own(state.rooms, track.where)?.url) : null;
}

function nowRow(state: EventState, track: TrackState, colors: Colors, people: string[]): SafeHtml {
  const url = meetingUrl(state, track);
  const present =
    people.length === 0
      ? html``
      : html`<span class="people" title="${people.join(', ')}">${people.length} here</span>`;
  return html`<tr data-track="${track.name}">
<th scope="row">${badge(track.name, track.color)}</th>
<td class="topic">${renderTopic(track.now ?? '', colors)}</td>
<td class="where">${track.where ?? ''}</td>
<td class="actions">${url ? html`<a class="join" href="${url}" rel="noopener noreferrer">Join</a>` : ''} ${present}</td>
</tr>`;
}

function nowSection(state: EventState, colors: Colors): SafeHtml {
  const active = state.tracks.filter((t) => t.now !== null);
  const people = checkedInByTrack(state);
  const body =
    active.length === 0
      ? html`<p class="empty">No track is discussing anything right now.</p>`
      : html`<table class="now-table"><thead><tr><th scope="col">Track</th><th scope="col">Topic</th><th scope="col">Where</th><th scope="col"><span class="visually-hidden">Join and people</span></th></tr></thead><tbody>${active.map(
          (t) => nowRow(state, t, colors, own(people, t.name) ?? []),
        )}</tbody></table>`;
  return html`<section id="now" aria-labelledby="now-title"><h2 id="now-title">Now</h2>${body}</section>`;
}

function nextSection(state: EventState, colors: Colors): SafeHtml {
  const upcoming = state.tracks.filter((t) => t.next.length > 0);
  if (upcoming.length === 0) return html``;
  return html`<section id="next" aria-labelledby="next-title"><h2 id="next-title">Next</h2><table class="next-table"><tbody>${upcoming.map(
    (t) =>
      html`<tr data-track="${t.name}"><th scope="row">${badge(t.name, t.color)}</th><td><ul>${t.next.map(
        (topic) => html`<li>${renderTopic(topic, colors)}</li>`,
      )}</ul></td></tr>`,
  )}</tbody></table></section>`;
}

/** A video camera, drawn inline (no icon font): what the original's `facetime-video` showed. */
const CAMERA = new SafeHtml(
  '<svg class="cap-icon" viewBox="0 0 24 16" width="20" height="14" aria-hidden="true" focusable="false"><rect x="1" y="2" width="15" height="12" rx="2" fill="currentColor"/><path d="M17 6l6-4v12l-6-4z" fill="currentColor"/></svg>',
);

function roomHeader(state: EventState, room: string): SafeHtml {
  const meta = own(state.rooms, room) ?? {};
  const cap = meta.cap_desc
    ? html`<span class="cap" title="${meta.cap_desc}">${meta.cap_icon ? CAMERA : ''}<span class="visually-hidden">${meta.cap_desc}</span></span>`
    : '';
  const url = safeHref(meta.url);
  const name = url
    ? html`<a class="room" href="${url}" rel="noopener noreferrer">${room}</a>`
    : html`<span class="room">${room}</span>`;
  return html`<th scope="row">${name}${meta.desc ? html`<span class="room-desc">${meta.desc}</span>` : ''}${cap}</th>`;
}

function dayTable(state: EventState, day: string, isToday: boolean, colors: Colors): SafeHtml {
  const slots = own(state.slots, day) ?? [];
  const rooms = Object.keys(state.schedule).filter((room) =>
    slots.some((s) => own(own(state.schedule, room), s.name) !== undefined),
  );
  const current = isToday ? state.currentSlot : null;
  const head = slots.map(
    (s) =>
      html`<th scope="col" class="${s.name === current ? 'current' : ''}">${s.desc}${s.name === current ? html` <span class="now-marker">now</span>` : ''}</th>`,
  );
  const rows = rooms.map((room) => {
    const cells = slots.map((s) => {
      const holder = own(own(state.schedule, room), s.name);
      const cls = s.name === current ? 'current' : '';
      if (holder === undefined) return html`<td class="${cls}"></td>`;
      if (holder === '') {
        return html`<td class="bookable ${cls}"><span class="visually-hidden">Free, book with </span><code>${room}-${s.name}</code></td>`;
      }
      return html`<td class="${cls}">${badge(holder, own(colors, holder))}</td>`;
    });
    return html`<tr>${roomHeader(state, room)}${cells}</tr>`;
  });
  return html`<div class="table-scroll"><table class="schedule"><thead><tr><th scope="col">Room</th>${head}</tr></thead><tbody>${rows}</tbody></table></div>`;
}

function scheduleSection(state: EventState, colors: Colors): SafeHtml {
  const days = Object.keys(state.slots);
  if (days.length === 0) return html``;
  const today = state.clock ? dayKeyFor(state.slots, state.clock) : null;
  const open = today ?? days[0];
  const tabs = days.map(
    (day) =>
      html`<button type="button" role="tab" id="tab-${day}" aria-controls="day-${day}" aria-selected="${day === open ? 'true' : 'false'}" data-day="${day}">${day}${day === today ? ' (today)' : ''}</button>`,
  );
  const panels = days.map(
    (day) =>
      html`<div role="tabpanel" id="day-${day}" aria-labelledby="tab-${day}" data-day="${day}"${day === open ? '' : html` hidden`}>${dayTable(state, day, day === today, colors)}</div>`,
  );
  return html`<section id="schedule" aria-labelledby="schedule-title"><h2 id="schedule-title">Schedule</h2><div class="tabs" role="tablist">${tabs}</div>${panels}</section>`;
}

function linksSection(state: EventState): SafeHtml {
  const links = Object.entries(state.links).filter(([, url]) => safeHref(url) !== null);
  if (links.length === 0) return html``;
  return html`<section id="links" aria-labelledby="links-title"><h2 id="links-title">Links</h2><ul>${links.map(
    ([label, url]) => html`<li><a href="${url}" rel="noopener noreferrer">${label}</a></li>`,
  )}</ul></section>`;
}

/** Everything on the page that follows the state. */
export function renderBoard(state: EventState): SafeHtml {
  const colors = colorsOf(state);
  return join([
    banners(state),
    nowSection(state, colors),
    nextSection(state, colors),
    scheduleSection(state, colors),
    linksSection(state),
  ]);
}
