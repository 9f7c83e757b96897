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

function setLive(state: 'live' | 'down'): void {
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

/** Shows only the tracks whose name holds what was typed in the filter box. */
function applyFilter(): void {
  const wanted = (filter?.value ?? '').trim().toLowerCase().replace(/^#/, '');
  for (const row of main.querySelectorAll<HTMLElement>('[data-track]')) {
    row.hidden = wanted !== '' && !(row.dataset.track ?? '').includes(wanted);
  }
}
filter?.addEventListener('input', applyFilter);

function show(state: EventState, version: string): void {
  // The renderer escapes every value it is given: this HTML holds no user markup.
  main.innerHTML = render(state).value;
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
 * shown a page at a time, turning every 10 seconds.
 */
let page = 0;
function fitSignage(): void {
  const rows = [...main.querySelectorAll<HTMLTableRowElement>('table.signage tbody tr')];
  if (rows.length === 0) return;
  for (const row of rows) row.hidden = false;
  const fits = () => document.documentElement.scrollHeight <= window.innerHeight;
  if (fits()) {
    main.querySelector('.signage-page')?.remove();
    return;
  }
  // Fewer rooms a page until the screen holds them, the page note and what is around.
  let perPage = rows.length;
  let pages = 1;
  const show = () => {
    pages = Math.ceil(rows.length / perPage);
    page %= pages;
    rows.forEach((row, i) => {
      row.hidden = Math.floor(i / perPage) !== page;
    });
    let note = main.querySelector<HTMLElement>('.signage-page');
    if (!note) {
      note = document.createElement('p');
      note.className = 'signage-page';
      main.append(note);
    }
    note.textContent = `Rooms, page ${page + 1} of ${pages}`;
  };
  do {
    perPage--;
    show();
  } while (perPage > 1 && !fits());
}
if (main.dataset.view === 'signage') {
  fitSignage();
  new MutationObserver(() => fitSignage()).observe(main, { childList: true });
  window.addEventListener('resize', fitSignage);
  setInterval(() => {
    page++;
    fitSignage();
  }, 10_000);
}
