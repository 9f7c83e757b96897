import type { EventState } from '../../machines/eventState.js';
import { banners, renderBoard } from './board.js';
import { html, SafeHtml } from './html.js';
import { slotWhen } from '../../machines/slotTimes.js';
import { renderHelp } from './help.js';
import { layout } from './layout.js';
import { renderRoomSignage, renderSignage } from './signage.js';
import { badge, looksOf, renderTopic } from './topic.js';
import { own } from '../../machines/record.js';

/** JSON that can sit inside a <script type="application/json"> without ending it. */
export function jsonForHtml(value: unknown): SafeHtml {
  return new SafeHtml(
    JSON.stringify(value)
      .replace(/</g, '\\u003c')
      .replace(/\u2028/g, '\\u2028')
      .replace(/\u2029/g, '\\u2029'),
  );
}

/** Whether any slot can be dated, so that the calendar feed is worth offering. */
export const hasDatedSlots = (state: EventState): boolean =>
  Object.entries(state.slots).some(([day, slots]) =>
    slots.some((slot) => slotWhen(slot, day, state.startDate).kind !== 'unknown'),
  );

const heading = (state: EventState, what: string) =>
  html`${state.eventid || 'Event'} <span class="subtitle">${what}</span>`;

/** The board; `timeZone` is the event's, for the page to show slot times on the viewer's clock. */
export function renderPage(state: EventState, version: string, timeZone: string): string {
  return layout({
    title: `${state.eventid || 'Event'}: what is happening now`,
    heading: heading(state, 'what is happening now'),
    view: 'board',
    main: renderBoard(state),
    version,
    data: jsonForHtml({ version, state, timeZone }),
    after: renderHelp(state),
    calendar: hasDatedSlots(state),
  });
}

export function renderSignagePage(state: EventState, version: string): string {
  return layout({
    title: `${state.eventid || 'Event'}: rooms today`,
    heading: heading(state, 'rooms today'),
    view: 'signage',
    main: renderSignage(state),
    version,
    data: jsonForHtml({ version, state }),
  });
}

export function renderRoomSignagePage(state: EventState, room: string, version: string): string {
  return layout({
    root: '../',
    title: `${state.eventid || 'Event'}: ${room}`,
    heading: heading(state, room),
    view: 'signage',
    main: renderRoomSignage(state, room),
    version,
    data: jsonForHtml({ version, state, room }),
  });
}

export function renderEtherpadsPage(state: EventState): string {
  return layout({
    title: `${state.eventid || 'Event'}: etherpads`,
    heading: heading(state, 'etherpads'),
    view: 'static',
    main: html`${banners(state)}<h2>Etherpads</h2><ul class="pads">${state.tracks.map(
      (t) =>
        html`<li>${badge(t.name, t)} <a href="${t.etherpadUrl}" rel="noopener noreferrer">${t.etherpadUrl}</a></li>`,
    )}</ul>`,
  });
}

export function renderLinksPage(state: EventState): string {
  const links = Object.entries(state.links).filter(([, url]) => /^https?:\/\//i.test(url));
  return layout({
    title: `${state.eventid || 'Event'}: links`,
    heading: heading(state, 'links'),
    view: 'static',
    main: html`${banners(state)}<h2>Links</h2>${
      links.length === 0
        ? html`<p class="empty">No links yet.</p>`
        : html`<ul>${links.map(([label, url]) => html`<li><a href="${url}" rel="noopener noreferrer">${label}</a></li>`)}</ul>`
    }`,
  });
}

/** One track's own page: now, next, where, its sessions this week, its pad, link and feed. */
export function renderTrackPage(state: EventState, name: string): string {
  const track = state.tracks.find((t) => t.name === name);
  const looks = looksOf(state);
  const sessions = Object.entries(state.slots).flatMap(([day, slots]) =>
    slots.flatMap((slot) =>
      Object.entries(state.schedule)
        .filter(([, bookings]) => own(bookings, slot.name) === name)
        .map(([room]) => ({ day, slot, room })),
    ),
  );
  const main = !track
    ? html`<p class="empty">There is no track called ${name}.</p>`
    : html`<section class="track-page" data-track="${track.name}">
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
  return layout({
    root: '../',
    title: `${state.eventid || 'Event'}: #${name}`,
    heading: heading(state, `#${name}`),
    view: 'static',
    main,
  });
}

/** The built-in inspector's page; its script follows /inspect/events. */
export function renderInspectorPage(fragment: string): string {
  return layout({
    title: 'ptgbot: the machines',
    heading: html`ptgbot <span class="subtitle">the machines, live</span>`,
    view: 'inspect',
    main: new SafeHtml(fragment),
  });
}
