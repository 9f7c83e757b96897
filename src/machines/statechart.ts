import type { AnyStateMachine } from 'xstate';
import { type DirectedGraphNode, toDirectedGraph } from 'xstate/graph';
import { eventDayMachine } from './event/eventDayMachine.js';
import { trackMachine } from './track/trackMachine.js';

export const MACHINES: Record<string, AnyStateMachine> = {
  eventDay: eventDayMachine,
  track: trackMachine,
};

const short = (id: string) => id.split('.').slice(1).join('_') || id;

/**
 * A Mermaid state diagram of a (flat) machine. Transitions declared on the machine
 * itself hold in every state: they are drawn from each state; the ones that change
 * only context are listed in a note rather than drawn as loops.
 */
export function toMermaid(machine: AnyStateMachine): string {
  const graph = toDirectedGraph(machine);
  const states = graph.children.map((child: DirectedGraphNode) => child.id);
  const initial = machine.root.initial?.target[0]?.id;
  const arrows = new Map<string, string[]>();
  const internal: string[] = [];
  const add = (from: string, to: string, label: string) => {
    const key = `${short(from)} --> ${short(to)}`;
    arrows.set(key, [...(arrows.get(key) ?? []), label]);
  };
  const edges = [graph, ...graph.children].flatMap((node: DirectedGraphNode) => node.edges);
  for (const edge of edges) {
    const label = edge.label.text;
    if (edge.source.id === graph.id && edge.target.id === graph.id) {
      if (!internal.includes(label)) internal.push(label);
    } else if (edge.source.id === graph.id) {
      for (const state of states) add(state, edge.target.id, label);
    } else {
      add(edge.source.id, edge.target.id, label);
    }
  }
  const lines = ['stateDiagram-v2', `  %% ${machine.id}`];
  if (initial) lines.push(`  [*] --> ${short(initial)}`);
  for (const [arrow, labels] of arrows)
    lines.push(`  ${arrow} : ${[...new Set(labels)].join(', ')}`);
  if (internal.length > 0 && states[0]) {
    lines.push(`  note right of ${short(states[0])}`);
    lines.push(`    In every state: ${internal.join(', ')}`);
    lines.push('  end note');
  }
  return lines.join('\n');
}

/** Each machine's states and transitions as JSON, with its Mermaid diagram. */
export function describeMachines(): Record<string, { mermaid: string; graph: unknown }> {
  const strip = (_key: string, value: unknown) =>
    _key === 'stateNode' || _key === 'transition' ? undefined : value;
  return Object.fromEntries(
    Object.entries(MACHINES).map(([name, machine]) => [
      name,
      {
        mermaid: toMermaid(machine),
        graph: JSON.parse(JSON.stringify(toDirectedGraph(machine), strip)),
      },
    ]),
  );
}
