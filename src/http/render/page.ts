import type { EventState } from '../../machines/eventState.js';
import { renderBoard } from './board.js';
import { html, SafeHtml } from './html.js';

/** JSON that can sit inside a <script type="application/json"> without ending it. */
export function jsonForHtml(value: unknown): SafeHtml {
  return new SafeHtml(
    JSON.stringify(value)
      .replace(/</g, '\\u003c')
      .replace(/\u2028/g, '\\u2028')
      .replace(/\u2029/g, '\\u2029'),
  );
}

export function renderPage(state: EventState, version: string): string {
  const title = state.eventid ? `${state.eventid}: what is happening now` : 'What is happening now';
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="stylesheet" href="/style.css">
<script type="module" src="/app.js"></script>
</head>
<body>
<header class="top">
<h1>${state.eventid || 'Event'} <span class="subtitle">what is happening now</span></h1>
<p id="live" class="live" role="status" aria-live="polite" data-state="connecting">Connecting…</p>
</header>
<main id="board" data-version="${version}">${renderBoard(state)}</main>
<footer><a href="/signage">Room signage</a> · <a href="/etherpads">Etherpads</a> · <a href="/ptg.json">ptg.json</a> · <a href="/ptg.ics">Calendar</a></footer>
<script type="application/json" id="initial-state">${jsonForHtml({ version, state })}</script>
</body>
</html>`.value;
}
