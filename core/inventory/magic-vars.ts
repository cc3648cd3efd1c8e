// Ansible's inventory "magic" variables for templates: inventory_hostname, group_names, groups.
import { hostsInOrder } from './host-order.ts';
import type { Inventory, InventoryHost } from './types.ts';

/** The magic variables the inventory knows about one host (the engine adds hostvars, facts…). */
export interface InventoryMagicVars {
  /** The host's inventory name. */
  inventory_hostname: string;
  /** The name up to the first dot. */
  inventory_hostname_short: string;
  /** The host's groups (through children too), sorted, without 'all'. */
  group_names: string[];
  /** Every group's hosts, children's hosts included, in Ansible's order ('all' and 'ungrouped' too). */
  groups: Record<string, string[]>;
}

/** Ansible's `groups` mapping: group name → every host in it or in its descendants, in Ansible's order (host-order.ts). */
export function groupsMap(inv: Inventory): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const g of inv.groups.keys()) out[g] = hostsInOrder(inv, g);
  return out;
}

/** The magic variables of `host` in `inv`. Pass a precomputed `groups` when doing many hosts. */
export function magicVars(inv: Inventory, host: InventoryHost, groups: Record<string, string[]> = groupsMap(inv)): InventoryMagicVars {
  return {
    inventory_hostname: host.name,
    inventory_hostname_short: host.name.split('.')[0],
    group_names: [...host.groups].sort(),
    groups,
  };
}
