// Turns collected inventory data into an Inventory: checks group references and cycles, adds all/ungrouped, merges each host's variables.
import { ArgsError } from '../errors.ts';
import type { InventoryBuilder, RawGroup } from './builder.ts';
import { combineVars } from './clone-vars.ts';
import { collect } from './host-order.ts';
import type { Inventory, InventoryGroup, InventoryHost } from './types.ts';

/**
 * Builds the Inventory. Every group without a parent becomes a child of `all`; hosts in no group are
 * in `ungrouped`. A host's variables are merged as Ansible does: `all`, then its groups ordered by
 * depth (parents before children), then `ansible_group_priority` (default 1, higher wins), then
 * name (alphabetical: the later name wins a tie), then the host's own variables.
 */
export function buildInventory(b: InventoryBuilder, source: string): Inventory {
  checkReferences(b);
  const groups = b.groups;
  const all = groups.get('all')!;
  const hasParent = new Set<string>();
  for (const g of groups.values()) for (const c of g.children) hasParent.add(c);
  for (const g of groups.values()) {
    if (g.name !== 'all' && !hasParent.has(g.name) && !all.children.includes(g.name)) all.children.push(g.name);
  }
  checkCycles(groups);

  const parents = new Map<string, string[]>();
  for (const g of groups.values()) for (const c of g.children) parents.set(c, [...(parents.get(c) ?? []), g.name]);
  const depthMemo = new Map<string, number>();
  const depth = (name: string): number => {
    if (name === 'all') return 0;
    let d = depthMemo.get(name);
    if (d === undefined) {
      d = 1 + Math.max(...(parents.get(name) ?? ['all']).map(depth));
      depthMemo.set(name, d);
    }
    return d;
  };

  // Direct memberships; a host in no other group is in ungrouped (and only then).
  const direct = new Map<string, Set<string>>();
  for (const name of b.hosts.keys()) direct.set(name, new Set());
  for (const g of groups.values()) if (g.name !== 'all' && g.name !== 'ungrouped') for (const h of g.hosts) direct.get(h)!.add(g.name);
  const ungrouped = groups.get('ungrouped')!;
  ungrouped.hosts = [...b.hosts.keys()].filter((h) => direct.get(h)!.size === 0);
  for (const h of ungrouped.hosts) direct.get(h)!.add('ungrouped');
  // all: every host, in Ansible's order (its own hosts, then ungrouped's, then each group's, level by level).
  all.hosts = collect({ groups }, 'all', b.allHosts);
  for (const h of b.hosts.keys()) if (!all.hosts.includes(h)) all.hosts.push(h);

  const order = (a: string, c: string): number =>
    depth(a) - depth(c) || priority(groups.get(a)!) - priority(groups.get(c)!) || (a < c ? -1 : a > c ? 1 : 0);

  const hosts = new Map<string, InventoryHost>();
  for (const [name, own] of b.hosts) {
    const member = new Set<string>();
    const climb = (g: string): void => {
      if (g === 'all' || member.has(g)) return;
      member.add(g);
      for (const p of parents.get(g) ?? []) climb(p);
    };
    for (const g of direct.get(name)!) climb(g);
    const sorted = [...member].sort(order);
    const vars = combineVars(all.vars, ...sorted.map((g) => groups.get(g)!.vars), own);
    hosts.set(name, { name, groups: sorted, vars, ownVars: combineVars(own) });
  }

  const out = new Map<string, InventoryGroup>();
  for (const g of groups.values()) {
    out.set(g.name, { name: g.name, hosts: [...g.hosts], children: [...g.children], vars: combineVars(g.vars) });
  }
  return { source, hosts, groups: out };
}

function priority(g: RawGroup): number {
  const p = g.vars.ansible_group_priority;
  const n = typeof p === 'number' ? p : typeof p === 'string' && /^-?\d+$/.test(p) ? Number(p) : 1;
  return n;
}

function checkReferences(b: InventoryBuilder): void {
  for (const ref of b.references) {
    if (b.groups.get(ref.group)?.declared) continue;
    if (ref.kind === 'child') {
      throw new ArgsError(`[${ref.parent}:children] names group "${ref.group}", which is not defined anywhere in the inventory`, ref.where);
    }
    throw new ArgsError(`[${ref.group}:vars] sets variables of group "${ref.group}", which is not defined anywhere in the inventory`, ref.where);
  }
}

function checkCycles(groups: Map<string, RawGroup>): void {
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, path: string[]): void => {
    const s = state.get(name);
    if (s === 'done') return;
    if (s === 'visiting') {
      const cycle = [...path.slice(path.indexOf(name)), name];
      throw new ArgsError(`group cycle: ${cycle.join(' → ')} (a group cannot contain itself)`);
    }
    state.set(name, 'visiting');
    for (const c of groups.get(name)?.children ?? []) visit(c, [...path, name]);
    state.set(name, 'done');
  };
  for (const name of groups.keys()) visit(name, []);
}
