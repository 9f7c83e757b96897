import { renderBoard } from '../src/http/render/board.js';
import type { EventState } from '../src/machines/eventState.js';

const board = document.getElementById('board') as HTMLElement;
const live = document.getElementById('live') as HTMLElement;
let chosenDay: string | null = null;

function setLive(state: 'live' | 'down' | 'connecting'): void {
  live.dataset.state = state;
  live.textContent =
    state === 'live'
      ? 'Live'
      : state === 'down'
        ? 'Live updates lost: reconnecting…'
        : 'Connecting…';
}

function selectDay(day: string): void {
  for (const tab of board.querySelectorAll<HTMLElement>('[role="tab"]')) {
    tab.setAttribute('aria-selected', String(tab.dataset.day === day));
  }
  for (const panel of board.querySelectorAll<HTMLElement>('[role="tabpanel"]')) {
    panel.hidden = panel.dataset.day !== day;
  }
}

function show(state: EventState, version: string): void {
  // The renderer escapes every value it is given: this HTML holds no user markup.
  board.innerHTML = renderBoard(state).value;
  board.dataset.version = version;
  if (
    chosenDay !== null &&
    board.querySelector(`[role="tab"][data-day="${CSS.escape(chosenDay)}"]`)
  ) {
    selectDay(chosenDay);
  }
}

board.addEventListener('click', (event) => {
  const tab = (event.target as HTMLElement).closest<HTMLElement>('[role="tab"]');
  if (tab?.dataset.day) {
    chosenDay = tab.dataset.day;
    selectDay(chosenDay);
  }
});

function follow(): void {
  const source = new EventSource('/api/events');
  source.addEventListener('open', () => setLive('live'));
  source.addEventListener('error', () => setLive('down'));
  source.addEventListener('state', (event) => {
    const message = event as MessageEvent<string>;
    show(JSON.parse(message.data) as EventState, message.lastEventId);
    setLive('live');
  });
}

follow();
