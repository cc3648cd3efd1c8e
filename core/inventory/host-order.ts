// The order of a group's hosts as Ansible gives it (patterns, all[N], serial batches, `groups`): the group's own, then its children's, level by level.
import type { Inventory } from './types.ts';

/**
 * Every host of group `name`, children's included, in Ansible's order (Group.get_hosts): the group's
 * own hosts, then those of its children in child order, then their children's (level by level, each
 * group once), a host at its first appearance. `all` is precomputed at build time (`groups.all.hosts`).
 * Ansible visits the groups of one level past the first in Python set order, which can change from
 * run to run; tsible takes them in child order, so for groups two levels down its order is one of Ansible's.
 */
export function hostsInOrder(inv: Inventory, name: string): string[] {
  const group = inv.groups.get(name);
  if (!group) return [];
  if (name === 'all') return [...group.hosts];
  return collect(inv, name);
}

/** The groups under `name` (itself first), level by level, each once; then their direct hosts, each once. */
export function collect(inv: { groups: Map<string, { hosts: string[]; children: string[] }> }, name: string, ownHosts?: string[]): string[] {
  const seen = new Set<string>([name]);
  const ordered = [name];
  let level = [name];
  while (level.length) {
    const next: string[] = [];
    for (const g of level) {
      for (const c of inv.groups.get(g)?.children ?? []) {
        if (seen.has(c)) continue;
        seen.add(c);
        next.push(c);
      }
    }
    ordered.push(...next);
    level = next;
  }
  const hosts = new Set<string>();
  for (const g of ordered) for (const h of g === name && ownHosts ? ownHosts : inv.groups.get(g)?.hosts ?? []) hosts.add(h);
  return [...hosts];
}
