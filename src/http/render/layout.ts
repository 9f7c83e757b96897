import { html, type SafeHtml } from './html.js';

/** The document around a page's content: one stylesheet, one script, no inline code. */
export function layout(options: {
  title: string;
  heading: SafeHtml | string;
  view: 'board' | 'signage' | 'track' | 'static' | 'inspect';
  main: SafeHtml;
  version?: string;
  data?: SafeHtml;
  /** After the live part: content that does not follow the state (the help). */
  after?: SafeHtml;
  /** Whether the calendar feed has anything to offer (slot dates are known). */
  calendar?: boolean;
  /**
   * The app's root, relative to this page: `./` for pages at the top (`/signage`), `../`
   * one level down (`/track/nova`). Every link is relative to it, so the pages work under
   * any path a reverse proxy serves them at (`/ptg/`).
   */
  root?: './' | '../';
}): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title}</title>
<meta name="description" content="${options.title}: what each track discusses now and next, the schedule of rooms, and where to find everyone, following the event's IRC channel live.">
<base href="${options.root ?? './'}">
<link rel="stylesheet" href="style.css">
<link rel="icon" href="favicon.svg" type="image/svg+xml">
${options.view === 'static' ? '' : html`<script type="module" src="app.js"></script>`}
</head>
<body class="view-${options.view}">
<header class="top">
<h1>${options.heading}</h1>
${options.view === 'static' ? '' : html`<p id="live" class="live" role="status" aria-live="polite" data-state="connecting">Connecting&hellip;</p>`}
</header>
${options.view === 'board' ? html`<div class="filter" role="search"><label>Find a track <input id="filter" type="search" autocomplete="off" placeholder="e.g. swift"></label></div>` : ''}
<main id="${options.view}" data-view="${options.view}" data-version="${options.version ?? ''}">${options.main}</main>
${options.after ?? ''}
${
  // A wall screen has nobody to click its links.
  options.view === 'signage'
    ? ''
    : html`<footer><a href="./">Now and next</a> &middot; <a href="./#help">Help</a> &middot; <a href="signage">Room signage</a> &middot; <a href="etherpads">Etherpads</a> &middot; <a href="links">Links</a>${options.calendar === false ? '' : html` &middot; <a href="ptg.ics">Calendar</a>`} &middot; <a href="ptg.json">ptg.json</a></footer>`
}
${options.data ? html`<script type="application/json" id="initial-state">${options.data}</script>` : ''}
</body>
</html>`.value;
}
