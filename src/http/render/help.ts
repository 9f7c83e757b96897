import type { EventState } from '../../machines/eventState.js';
import { VOCABULARY } from '../../io/command/vocabulary.js';
import { html, type SafeHtml } from './html.js';

/** A free room slot of the schedule, for the booking example. */
function bookableExample(state: EventState): string | null {
  for (const [room, bookings] of Object.entries(state.schedule)) {
    for (const [slot, holder] of Object.entries(bookings))
      if (holder === '') return `${room}-${slot}`;
  }
  return null;
}

/**
 * How to use the board from the channel: what `help` in IRC points to. Written from the
 * one vocabulary, so it lists exactly the commands the bot understands.
 */
export function renderHelp(state: EventState): SafeHtml {
  const rows = (family: 'track' | 'user' | 'admin') =>
    VOCABULARY.filter((c) => c.family === family && c.words[0] !== 'help').map(
      (c) => html`<tr><td><code>${c.usage}</code></td><td>${c.does}</td></tr>`,
    );
  const example = bookableExample(state);
  return html`<section id="help" aria-labelledby="help-title">
<h2 id="help-title">Help</h2>
<p>Everything on this page follows what is said in the event's IRC channel, as it is said.</p>
<h3>Moderating a track</h3>
<p>Say in the channel, for your track (e.g. <code>#swift now ring balancing</code>, then <code>#swift next erasure coding</code>):</p>
<table class="help-table"><tbody>${rows('track')}</tbody></table>
<p>To book a room, pick a free slot in the schedule: it shows the code to use${
    example ? html`, for example <code>#TRACK book ${example}</code>` : ''
  }.</p>
<h3>Attending</h3>
<p>Say these in the channel, or privately to the bot without the <code>+</code>:</p>
<table class="help-table"><tbody>${rows('user')}</tbody></table>
<h3>Organising (channel ops)</h3>
<table class="help-table"><tbody>${rows('admin')}</tbody></table>
</section>`;
}
