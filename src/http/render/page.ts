import type { EventState } from '../../machines/eventState.js';
import { banners, renderBoard } from './board.js';
import { html, SafeHtml } from './html.js';
import { renderHelp } from './help.js';
import { layout } from './layout.js';
import { renderRoomSignage, renderSignage } from './signage.js';
import { badge } from './topic.js';
import { hasDatedSlots, renderTrack } from './trackPage.js';

/** JSON that can sit inside a <script type="application/json"> without ending it. */
export function jsonForHtml(value: unknown): SafeHtml {
  return new SafeHtml(
    JSON.stringify(value)
      .replace(/</g, '\\u003c')
      .replace(/\u2028/g, '\\u2028')
      .replace(/\u2029/g, '\\u2029'),
  );
}

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

/** A wall screen's heading, with the event's time beside it (kept by the page's script). */
const screenHeading = (state: EventState, what: string) =>
  html`${heading(state, what)} <time class="clock" id="clock">${state.clock?.time ?? ''}</time>`;

export function renderSignagePage(state: EventState, version: string, timeZone: string): string {
  return layout({
    title: `${state.eventid || 'Event'}: rooms today`,
    heading: screenHeading(state, 'rooms today'),
    view: 'signage',
    main: renderSignage(state),
    version,
    data: jsonForHtml({ version, state, timeZone }),
  });
}

export function renderRoomSignagePage(
  state: EventState,
  room: string,
  version: string,
  timeZone: string,
): string {
  // A room that is not there gets the list of rooms, without the state to follow live:
  // any name may be asked for, and each answer is made afresh.
  const known = Object.hasOwn(state.schedule, room);
  return layout({
    root: '../',
    title: `${state.eventid || 'Event'}: ${room}`,
    heading: screenHeading(state, room),
    view: known ? 'signage' : 'static',
    main: renderRoomSignage(state, room),
    version,
    ...(known ? { data: jsonForHtml({ version, state, room, timeZone }) } : {}),
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

/** One track's own page, following the channel live: now, next, where, its sessions. */
export function renderTrackPage(state: EventState, name: string, version: string): string {
  const known = state.tracks.some((t) => t.name === name);
  return layout({
    root: '../',
    title: `${state.eventid || 'Event'}: #${name}`,
    heading: heading(state, `#${name}`),
    view: known ? 'track' : 'static',
    main: renderTrack(state, name),
    version,
    ...(known ? { data: jsonForHtml({ version, state, track: name }) } : {}),
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
