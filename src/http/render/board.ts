import type { EventState, TrackState } from '../../machines/eventState.js';
import { dayKeyFor } from '../../machines/schedule.js';
import { html, join, SafeHtml, safeHref } from './html.js';
import { badge, type Looks, looksOf, renderTopic } from './topic.js';
import { own } from '../../machines/record.js';
import type { Slot } from '../../machines/model.js';
import { viewerSlotTime, type Zones } from './viewerTime.js';

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
  const looks = looksOf(state);
  return html`<section class="banners" aria-label="Announcements">${state.motd.map(
    (b) =>
      html`<p class="banner banner-${b.level}" role="status">${renderTopic(b.message, looks)}</p>`,
  )}</section>`;
}

/** Where to join a track's meeting in a room: the track's own link, else the room's. */
function meetingUrl(state: EventState, track: TrackState | undefined, room: string | null) {
  const trackUrl = track?.url ? safeHref(track.url) : null;
  return trackUrl ?? (room ? safeHref(own(state.rooms, room)?.url) : null);
}

const joinLink = (url: string | null, track: string) =>
  url
    ? html`<a class="join" href="${url}" rel="noopener noreferrer" aria-label="Join the meeting of #${track}">Join</a>`
    : '';

function topics(next: string[], looks: Looks): SafeHtml {
  if (next.length === 0) return html``;
  return html`<ul>${next.map((topic) => html`<li>${renderTopic(topic, looks)}</li>`)}</ul>`;
}

function trackRow(state: EventState, track: TrackState, looks: Looks, people: string[]) {
  const present =
    people.length === 0
      ? html``
      : html`<span class="people" title="${people.join(', ')}">${people.length} here</span>`;
  return html`<tr data-track="${track.name}">
<th scope="row">${badge(track.name, track)}</th>
<td class="topic">${track.now === null ? html`<span class="idle">&ndash;</span>` : renderTopic(track.now, looks)}</td>
<td class="next"><span class="cell-label">Next:</span>${topics(track.next, looks)}</td>
<td class="where">${track.where ?? ''}</td>
<td class="actions">${joinLink(meetingUrl(state, track, track.where), track.name)} ${present}</td>
</tr>`;
}

/** The time of the last change, on the event's clock (with the weekday when not today). */
function lastChangeNote(state: EventState): SafeHtml {
  const at = state.lastChange;
  if (!at) return html``;
  const day = state.clock?.date === at.date ? '' : `${at.weekday} `;
  return html`<p class="last-change">Last change: <time datetime="${at.iso}">${day}${at.time}</time></p>`;
}

/** Each track that has something now or next, both side by side, with where and who. */
function nowAndNextSection(state: EventState, looks: Looks): SafeHtml {
  const active = state.tracks.filter((t) => t.now !== null || t.next.length > 0);
  const people = checkedInByTrack(state);
  const body =
    active.length === 0
      ? html`<p class="empty">No track is discussing anything right now.</p>`
      : html`<table class="now-table"><thead><tr><th scope="col">Track</th><th scope="col">Now</th><th scope="col">Next</th><th scope="col">Where</th><th scope="col"><span class="visually-hidden">Join and people</span></th></tr></thead><tbody>${active.map(
          (t) => trackRow(state, t, looks, own(people, t.name) ?? []),
        )}</tbody></table>`;
  return html`<section id="now" aria-labelledby="now-title"><h2 id="now-title">Now and next</h2>${body}${lastChangeNote(state)}</section>`;
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

function slotHeader(state: EventState, day: string, slot: Slot, current: boolean, zones?: Zones) {
  const yours = zones ? viewerSlotTime(slot, day, state.startDate, zones) : null;
  return html`<th scope="col" class="${current ? 'current' : ''}">${slot.desc}${yours ? html`<span class="your-time">${yours} your time</span>` : ''}${current ? html` <span class="now-marker">now</span>` : ''}</th>`;
}

function dayTable(
  state: EventState,
  day: string,
  isToday: boolean,
  looks: Looks,
  zones?: Zones,
): SafeHtml {
  const slots = own(state.slots, day) ?? [];
  const rooms = Object.keys(state.schedule).filter((room) =>
    slots.some((s) => own(own(state.schedule, room), s.name) !== undefined),
  );
  const current = isToday ? state.currentSlot : null;
  const tracks = new Map(state.tracks.map((t) => [t.name, t]));
  const head = slots.map((s) => slotHeader(state, day, s, s.name === current, zones));
  const rows = rooms.map((room) => {
    const cells = slots.map((s) => {
      const holder = own(own(state.schedule, room), s.name);
      const cls = s.name === current ? 'current' : '';
      if (holder === undefined) return html`<td class="${cls}"></td>`;
      if (holder === '') {
        return html`<td class="bookable ${cls}"><span class="free-label">free</span><span class="visually-hidden">, book with </span><code title="#TRACK book ${room}-${s.name}">${room}-${s.name}</code></td>`;
      }
      const track = tracks.get(holder);
      return html`<td class="${cls}">${badge(holder, own(looks, holder))} ${joinLink(meetingUrl(state, track, room), holder)}</td>`;
    });
    return html`<tr>${roomHeader(state, room)}${cells}</tr>`;
  });
  return html`<div class="table-scroll"><table class="schedule"><thead><tr><th scope="col">Room</th>${head}</tr></thead><tbody>${rows}</tbody></table></div>`;
}

function scheduleSection(state: EventState, looks: Looks, zones?: Zones): SafeHtml {
  const days = Object.keys(state.slots);
  if (days.length === 0) return html``;
  const today = state.clock ? dayKeyFor(Object.keys(state.slots), state.clock) : null;
  const open = today ?? days[0];
  const tabs = days.map(
    (day) =>
      html`<button type="button" role="tab" id="tab-${day}" aria-controls="day-${day}" aria-selected="${day === open ? 'true' : 'false'}" data-day="${day}">${day}${day === today ? ' (today)' : ''}</button>`,
  );
  const panels = days.map(
    (day) =>
      html`<div role="tabpanel" id="day-${day}" aria-labelledby="tab-${day}" data-day="${day}"${day === open ? '' : html` hidden`}>${dayTable(state, day, day === today, looks, zones)}</div>`,
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

/**
 * Everything on the page that follows the state. With the viewer's time zone (known in
 * the browser only), slot times are also shown on the viewer's clock where it differs.
 */
export function renderBoard(state: EventState, zones?: Zones): SafeHtml {
  const looks = looksOf(state);
  return join([
    banners(state),
    nowAndNextSection(state, looks),
    scheduleSection(state, looks, zones),
    linksSection(state),
  ]);
}
