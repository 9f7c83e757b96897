import type { AnyStateMachine, AnyStateNode } from 'xstate';
import { toDirectedGraph } from 'xstate/graph';

interface Transition {
  eventType: string;
  target?: ReadonlyArray<{ path: string[] }> | undefined;
  guard?: unknown;
  actions?: readonly unknown[];
  description?: string | undefined;
}

/** A transition as a reader sees it: `event [guard]`, where to, what it runs, and why. */
export interface Edge {
  label: string;
  /** Target states' paths joined with dots; empty when it stays. */
  targets: string[];
  actions: string[];
  description: string | null;
}

/** The transitions a state declares itself (not its parent's), for a reader. */
export function edgesOf(node: AnyStateNode): Edge[] {
  return transitionsOf(node).map((t) => ({
    label: label(t),
    targets: (t.target ?? []).map((x) => x.path.join('.')),
    actions: actionNames(t),
    description: t.description ?? null,
  }));
}

const idOf = (node: { path: string[] }) => node.path.join('_');

function guardName(guard: unknown): string {
  if (!guard) return '';
  if (typeof guard === 'string') return guard;
  if (typeof guard === 'object' && guard !== null && 'type' in guard) {
    const { type, params } = guard as { type: string; params?: Record<string, unknown> };
    const detail = params ? ` ${Object.values(params).join(', ')}` : '';
    return `${type}${detail}`;
  }
  return 'guarded';
}

/** `xstate.after.<delay>.<state id>` is drawn as `after <delay>`. */
function eventName(type: string): string {
  if (type === '') return 'always';
  const prefix = 'xstate.after.';
  // Delay names hold no dots; the state's id follows the first one.
  return type.startsWith(prefix) ? `after ${type.slice(prefix.length).split('.')[0]}` : type;
}

function label(t: Transition): string {
  const event = eventName(t.eventType);
  const guard = guardName(t.guard);
  return guard ? `${event} [${guard}]` : event;
}

/** Each action's name, with its parameters (`refuse "Need op for admin commands"`). */
function actionNames(t: Transition): string[] {
  return (t.actions ?? []).flatMap((a) => {
    if (typeof a === 'string') return [a];
    if (typeof a !== 'object' || a === null || !('type' in a)) return [];
    const { type, params } = a as { type: unknown; params?: Record<string, unknown> };
    const detail = params
      ? Object.entries(params)
          .map(([key, value]) => (typeof value === 'string' ? `"${value}"` : `${key}`))
          .join(', ')
      : '';
    return [detail ? `${String(type)} ${detail}` : String(type)];
  });
}

function transitionsOf(node: AnyStateNode): Transition[] {
  const list: Transition[] = [];
  for (const ts of node.transitions.values()) list.push(...(ts as Transition[]));
  for (const t of (node.always ?? []) as Transition[]) list.push({ ...t, eventType: '' });
  return list;
}

/**
 * A Mermaid state diagram of a machine, nested as the machine is: compound states hold
 * their children, parallel regions are split by `--`. A transition declared on a region
 * (or the machine) holds in each of its states and is drawn from each; transitions that
 * change only context are listed in a note, with the actions they run.
 */
export function toMermaid(machine: AnyStateMachine): string {
  const lines = ['stateDiagram-v2', `  %% ${machine.id}`];
  const notes: string[] = [];

  const render = (node: AnyStateNode, indent: string): void => {
    const children = Object.values(node.states) as AnyStateNode[];
    if (node.type === 'parallel') {
      children.forEach((region, i) => {
        if (i > 0) lines.push(`${indent}--`);
        lines.push(`${indent}state ${region.key} {`);
        render(region, `${indent}  `);
        lines.push(`${indent}}`);
      });
    } else if (children.length > 0) {
      const initial = node.initial?.target[0];
      if (initial) lines.push(`${indent}[*] --> ${idOf(initial)}`);
      for (const child of children) {
        lines.push(`${indent}state "${child.key}" as ${idOf(child)}`);
        if (child.tags.length > 0) {
          notes.push(`${child.path.join('.')} is tagged ${[...child.tags].join(', ')}`);
        }
        if (child.type === 'final') lines.push(`${indent}${idOf(child)} --> [*]`);
        if (Object.keys(child.states).length > 0) {
          lines.push(`${indent}state ${idOf(child)} {`);
          render(child, `${indent}  `);
          lines.push(`${indent}}`);
        }
      }
    }
    for (const t of transitionsOf(node)) {
      const targets = (t.target ?? []).filter((x) => x.path.join('.') !== node.path.join('.'));
      if (targets.length === 0) {
        const where = node.path.length === 0 ? 'everywhere' : `in ${node.path.join('.')}`;
        const actions = actionNames(t);
        notes.push(`${where}, ${label(t)}${actions.length ? `: ${actions.join(', ')}` : ''}`);
        continue;
      }
      const sources = node.type === 'atomic' || children.length === 0 ? [node] : children;
      for (const source of sources) {
        // A child that takes the same event itself is not left by the parent's transition.
        if (source !== node && source.transitions.has(t.eventType)) continue;
        for (const target of targets) {
          if (idOf(target) === idOf(source) && node !== source) continue;
          lines.push(`${indent}${idOf(source)} --> ${idOf(target)} : ${label(t)}`);
        }
      }
    }
    if (node.type !== 'parallel') {
      for (const child of children) if (child.type === 'atomic') renderOwn(child, indent);
    }
  };

  const renderOwn = (node: AnyStateNode, indent: string): void => {
    for (const t of transitionsOf(node)) {
      const targets = t.target ?? [];
      if (targets.length === 0) {
        const actions = actionNames(t);
        notes.push(
          `in ${node.path.join('.')}, ${label(t)}${actions.length ? `: ${actions.join(', ')}` : ''}`,
        );
        continue;
      }
      for (const target of targets)
        lines.push(`${indent}${idOf(node)} --> ${idOf(target)} : ${label(t)}`);
    }
  };

  render(machine.root, '  ');
  if (notes.length > 0) {
    lines.push(
      '  note right of ' + (lines.find((l) => l.includes(' as '))?.split(' as ')[1] ?? 'root'),
    );
    for (const note of notes) lines.push(`    ${note}`);
    lines.push('  end note');
  }
  return lines.join('\n');
}

/** Each machine's states and transitions as JSON, with its Mermaid diagram. */
export function describeMachines(
  machines: Record<string, AnyStateMachine>,
): Record<string, { mermaid: string; graph: unknown }> {
  const strip = (_key: string, value: unknown) =>
    _key === 'stateNode' || _key === 'transition' ? undefined : value;
  return Object.fromEntries(
    Object.entries(machines).map(([name, machine]) => [
      name,
      {
        mermaid: toMermaid(machine),
        graph: JSON.parse(JSON.stringify(toDirectedGraph(machine), strip)),
      },
    ]),
  );
}
