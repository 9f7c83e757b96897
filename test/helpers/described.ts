import type { AnyStateMachine, AnyStateNode } from 'xstate';

/** The states and transitions of a machine that carry no `description` (the root aside). */
export function undescribed(machine: AnyStateMachine): string[] {
  const walk = (node: AnyStateNode): string[] => {
    const missing = node.description || node === machine.root ? [] : [node.id];
    for (const list of node.transitions.values())
      for (const t of list) if (!t.description) missing.push(`${node.id} on ${t.eventType}`);
    for (const t of node.always ?? []) if (!t.description) missing.push(`${node.id} always`);
    return [
      ...missing,
      ...Object.values(node.states).flatMap((child) => walk(child as AnyStateNode)),
    ];
  };
  return walk(machine.root);
}
