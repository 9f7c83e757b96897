import type { AnyStateMachine, AnyStateNode } from 'xstate';
import type { InspectedActor, InspectedEvent } from '../../io/observe/liveInspector.js';
import { edgesOf } from '../../machines/statechart.js';
import { html, type SafeHtml } from './html.js';

/** Whether a state value holds the state at this path (`['voice', 'open']`). */
function isActive(value: unknown, path: string[]): boolean {
  let current = value;
  for (const key of path) {
    if (typeof current === 'string') return current === key && path.at(-1) === key;
    if (typeof current !== 'object' || current === null || !(key in current)) return false;
    current = (current as Record<string, unknown>)[key];
  }
  return true;
}

/** A state's own transitions: `event [guard] → target: actions`, each with its description. */
function drawEdges(node: AnyStateNode): SafeHtml | '' {
  const edges = edgesOf(node);
  if (edges.length === 0) return '';
  return html`<ul class="chart-edges">${edges.map(
    (e) =>
      html`<li title="${e.description ?? ''}">${e.label}${e.targets.length ? html` &rarr; ${e.targets.map((t) => t.split('.').at(-1)).join(', ')}` : ''}${e.actions.length ? html`<small>: ${e.actions.join(', ')}</small>` : ''}</li>`,
  )}</ul>`;
}

/**
 * The statechart drawn as nested boxes, each with its transitions (their descriptions on
 * hover), the states the actor is in highlighted.
 */
function drawNode(node: AnyStateNode, value: unknown): SafeHtml {
  const children = Object.values(node.states) as AnyStateNode[];
  const about = node.description ? html` title="${node.description}"` : '';
  if (children.length === 0) {
    const active = isActive(value, node.path);
    return html`<div class="chart-state${active ? ' active' : ''}"${about}><span class="chart-name">${node.key}</span>${node.tags.length ? html` <small>${node.tags.join(', ')}</small>` : ''}${drawEdges(node)}</div>`;
  }
  const inner = html`${children.map((child) => drawNode(child, value))}`;
  if (node.path.length === 0) {
    return html`<div class="chart ${node.type === 'parallel' ? 'parallel' : ''}">${drawEdges(node)}${inner}</div>`;
  }
  const active = isActive(value, node.path);
  return html`<div class="chart-region${active ? ' active' : ''}"${about}><span class="chart-name">${node.key}</span>${drawEdges(node)}<div class="chart-children">${inner}</div></div>`;
}

const json = (value: unknown) => {
  const text = JSON.stringify(value, null, 1) ?? '';
  return text.length > 20_000
    ? `${text.slice(0, 20_000)}\n\u2026 (${text.length} characters)`
    : text;
};

/**
 * The built-in inspector: each actor with its statechart (its states highlighted), state
 * value, tags and context, and the last events. Everything is escaped by the renderer.
 */
export function renderInspector(
  actors: InspectedActor[],
  events: InspectedEvent[],
  machineOf: (actorId: string) => AnyStateMachine | undefined,
): SafeHtml {
  const cards = actors.map((actor) => {
    const machine = machineOf(actor.id);
    return html`<section class="inspected" data-actor="${actor.id}">
<h2>${actor.id}</h2>
${machine ? drawNode(machine.root, actor.value) : ''}
<p>State: <code>${JSON.stringify(actor.value)}</code>${actor.tags.length ? html` &middot; tags: ${actor.tags.map((t) => html`<code>${t}</code> `)}` : ''}</p>
<details><summary>Context</summary><pre>${json(actor.context)}</pre></details>
</section>`;
  });
  return html`<section class="inspected-events"><h2>Last events</h2><ol>${events.map(
    (e) =>
      html`<li><time>${e.at.slice(11, 19)}</time> <code>${e.actor}</code> &larr; <strong>${e.type}</strong>${e.count > 1 ? html` <small>&times;${e.count} (clock, folded)</small>` : ''} <code>${JSON.stringify(e.event).slice(0, 300)}</code></li>`,
  )}</ol></section>${cards}`;
}
