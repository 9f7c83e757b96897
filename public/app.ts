import { applyPatch, type Operation } from 'rfc6902';
import { renderBoard } from '../src/http/render/board.js';
import type { SafeHtml } from '../src/http/render/html.js';
import { renderRoomSignage, renderSignage } from '../src/http/render/signage.js';
import { renderTrack } from '../src/http/render/trackPage.js';
import type { EventState } from '../src/machines/eventState.js';

const main = document.querySelector<HTMLElement>('main[data-view]') as HTMLElement;
const live = document.getElementById('live') as HTMLElement;
const initial = JSON.parse(document.getElementById('initial-state')?.textContent ?? '{}') as {
  room?: string;
  track?: string;
  timeZone?: string;
};
const viewerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
const zones =
  initial.timeZone && initial.timeZone !== viewerZone
    ? { event: initial.timeZone, viewer: viewerZone }
    : undefined;
const render: (state: EventState) => SafeHtml =
  main.dataset.view === 'track'
    ? (state) => renderTrack(state, initial.track as string)
    : main.dataset.view !== 'signage'
      ? (state) => renderBoard(state, zones)
      : initial.room !== undefined
        ? (state) => renderRoomSignage(state, initial.room as string)
        : renderSignage;
let chosenDay: string | null = null;

/** Why the bot says updates are paused (it is cut off from IRC), or null. */
let paused: string | null = null;

function setLive(state: 'live' | 'down'): void {
  if (state === 'live' && paused !== null) {
    live.dataset.state = 'paused';
    live.textContent = `Updates paused: ${paused}`;
    return;
  }
  live.dataset.state = state;
  live.textContent = state === 'live' ? 'Live' : 'Live updates lost: reconnecting…';
}

function selectDay(day: string): void {
  for (const tab of main.querySelectorAll<HTMLElement>('[role="tab"]')) {
    tab.setAttribute('aria-selected', String(tab.dataset.day === day));
  }
  for (const panel of main.querySelectorAll<HTMLElement>('[role="tabpanel"]')) {
    panel.hidden = panel.dataset.day !== day;
  }
}

const filter = document.getElementById('filter') as HTMLInputElement | null;

/**
 * Shows only the tracks whose name holds what was typed in the filter box, picks out their
 * sessions in the schedule, says when nothing matches, and keeps the filter in the address
 * (`?track=swift`) so that it can be shared.
 */
function applyFilter(): void {
  const wanted = (filter?.value ?? '').trim().toLowerCase().replace(/^#/, '');
  const matches = (name: string) => wanted === '' || name.includes(wanted);
  let shown = 0;
  for (const row of main.querySelectorAll<HTMLElement>('[data-track]')) {
    row.hidden = !matches(row.dataset.track ?? '');
    if (!row.hidden) shown++;
  }
  let found = false;
  for (const badge of main.querySelectorAll<HTMLElement>('table.schedule .badge')) {
    const hit = wanted !== '' && matches((badge.textContent ?? '').replace(/^#/, ''));
    badge.classList.toggle('match', hit);
    found ||= hit;
  }
  main.classList.toggle('filtering', wanted !== '');
  let none = document.getElementById('filter-none');
  if (wanted !== '' && shown === 0 && !found) {
    if (!none) {
      none = document.createElement('p');
      none.id = 'filter-none';
      none.setAttribute('role', 'status');
      filter?.closest('.filter')?.after(none);
    }
    none.textContent = `No track matches '${wanted}'`;
  } else {
    none?.remove();
  }
}
function filterFromAddress(): void {
  if (!filter) return;
  filter.value = new URLSearchParams(location.search).get('track') ?? '';
}
filter?.addEventListener('input', () => {
  const url = new URL(location.href);
  const value = filter.value.trim();
  if (value === '') url.searchParams.delete('track');
  else url.searchParams.set('track', value);
  history.replaceState(null, '', url);
  applyFilter();
});
filterFromAddress();
applyFilter();

function show(state: EventState, version: string): void {
  // Where the reader scrolled the schedule stays where it was across a live update.
  const scrolled = [...main.querySelectorAll<HTMLElement>('.table-scroll')].map(
    (scroller) => scroller.scrollLeft,
  );
  // The renderer escapes every value it is given: this HTML holds no user markup.
  main.innerHTML = render(state).value;
  main.querySelectorAll<HTMLElement>('.table-scroll').forEach((scroller, i) => {
    scroller.scrollLeft = scrolled[i] ?? 0;
  });
  main.dataset.version = version;
  if (chosenDay !== null) {
    const tabs = [...main.querySelectorAll<HTMLElement>('[role="tab"]')];
    if (tabs.some((tab) => tab.dataset.day === chosenDay)) selectDay(chosenDay);
  }
  applyFilter();
}

main.addEventListener('click', (event) => {
  const tab = (event.target as HTMLElement).closest<HTMLElement>('[role="tab"]');
  if (tab?.dataset.day) {
    chosenDay = tab.dataset.day;
    selectDay(chosenDay);
  }
});

let current: { state: EventState; version: string } | null = null;

function follow(): void {
  const source = new EventSource(new URL('api/events', document.baseURI));
  source.addEventListener('open', () => setLive('live'));
  source.addEventListener('error', () => setLive('down'));
  source.addEventListener('notice', (event) => {
    paused = (JSON.parse((event as MessageEvent<string>).data) as { paused: string | null }).paused;
    setLive('live');
  });
  source.addEventListener('state', (event) => {
    const message = event as MessageEvent<string>;
    current = { state: JSON.parse(message.data) as EventState, version: message.lastEventId };
    show(current.state, current.version);
    setLive('live');
  });
  source.addEventListener('patch', (event) => {
    const message = event as MessageEvent<string>;
    const { from, patch } = JSON.parse(message.data) as { from: string; patch: Operation[] };
    const applies =
      current !== null &&
      current.version === from &&
      applyPatch(current.state, patch).every((error) => error === null);
    if (!applies || current === null) {
      // A change was missed: start again from the whole state.
      source.close();
      current = null;
      follow();
      return;
    }
    current.version = message.lastEventId;
    show(current.state, current.version);
  });
}
/** The built-in inspector: the server renders (and escapes) it; the page shows it live. */
function followInspector(): void {
  const source = new EventSource(new URL('inspect/events', document.baseURI));
  source.addEventListener('open', () => setLive('live'));
  source.addEventListener('error', () => setLive('down'));
  source.addEventListener('html', (event) => {
    main.innerHTML = JSON.parse((event as MessageEvent<string>).data) as string;
  });
}

if (main.dataset.view === 'inspect') followInspector();
else follow();

/**
 * A room screen shows every room without scrolling: when the rooms do not fit, they are
 * packed into pages by their heights (each room on exactly one page), shown in turn every
 * 10 seconds. The packing is made again when the content or the screen changes.
 */
let page = 0;
let pages: HTMLTableRowElement[][] = [];
function packSignage(): void {
  const rows = [...main.querySelectorAll<HTMLTableRowElement>('table.signage tbody tr')];
  main.querySelector('.signage-page')?.remove();
  for (const row of rows) row.hidden = false;
  const overflowing = () => document.documentElement.scrollHeight - window.innerHeight;
  if (rows.length === 0 || overflowing() <= 0) {
    pages = [rows];
    return;
  }
  // Measured with the page note in place: the room for rows is the screen less the rest.
  noteOf().textContent = 'Rooms, page 1 of 2';
  const overflow = overflowing();
  const heights = rows.map((row) => row.getBoundingClientRect().height);
  const all = heights.reduce((a, b) => a + b, 0);
  const room = Math.max(heights[0] ?? 0, all - overflow - 1);
  pages = [];
  let current: HTMLTableRowElement[] = [];
  let used = 0;
  rows.forEach((row, i) => {
    const height = heights[i] as number;
    if (current.length > 0 && used + height > room) {
      pages.push(current);
      current = [];
      used = 0;
    }
    current.push(row);
    used += height;
  });
  pages.push(current);
  showSignagePage();
}
function showSignagePage(): void {
  if (pages.length <= 1) return;
  page %= pages.length;
  pages.forEach((rows, i) => {
    for (const row of rows) row.hidden = i !== page;
  });
  noteOf().textContent = `Rooms, page ${page + 1} of ${pages.length}`;
}
function noteOf(): HTMLElement {
  let note = main.querySelector<HTMLElement>('.signage-page');
  if (!note) {
    note = document.createElement('p');
    note.className = 'signage-page';
    main.append(note);
  }
  return note;
}
if (main.dataset.view === 'signage') {
  packSignage();
  new MutationObserver((changes) => {
    // The page note is ours; a new table is the live update's.
    if (changes.some((c) => [...c.addedNodes].some((n) => n.nodeName === 'TABLE'))) packSignage();
  }).observe(main, { childList: true });
  window.addEventListener('resize', packSignage);
  setInterval(() => {
    page++;
    showSignagePage();
  }, 10_000);
}

/** On a narrow screen the schedule scrolls sideways: it opens at the current slot. */
function showCurrentSlot(): void {
  const current = main.querySelector<HTMLElement>('table.schedule thead th.current');
  const scroller = current?.closest<HTMLElement>('.table-scroll');
  if (!scroller || !current || scroller.scrollWidth <= scroller.clientWidth) return;
  const roomColumn = scroller.querySelector<HTMLElement>('thead th')?.offsetWidth ?? 0;
  scroller.scrollLeft = Math.max(0, current.offsetLeft - roomColumn);
}
if (main.dataset.view === 'board') showCurrentSlot();

/** A wall screen shows the event's time: people read it from across the room. */
const clock = document.getElementById('clock');
if (clock && initial.timeZone) {
  const format = new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    timeZone: initial.timeZone,
  });
  const tick = () => {
    clock.textContent = format.format(new Date());
  };
  tick();
  setInterval(tick, 10_000);
}
