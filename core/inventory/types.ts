// The inventory model: hosts with their merged variables, and groups.
/** Variables: plain JSON-like data; secrets stay wrapped. */
export type Vars = Record<string, unknown>;

/** One host as the engine sees it. */
export interface InventoryHost {
  /** Inventory name (what patterns match and output shows). */
  name: string;
  /** Groups it belongs to, directly or through children, without 'all'. */
  groups: string[];
  /** Variables merged by precedence: all < parent groups < child groups < host. */
  vars: Vars;
  /** The host's own variables only (inventory line, host_vars/), as `ansible-inventory --export` shows them. */
  ownVars?: Vars;
}

export interface InventoryGroup {
  name: string;
  /** Direct member hosts in inventory order ('all': every host; 'ungrouped': hosts in no other group). */
  hosts: string[];
  /** Direct child groups, in order of first mention ('all': every group without another parent). */
  children: string[];
  /** The group's own variables (inventory file, then group_vars/), not merged with its parents'. */
  vars: Vars;
}

export interface Inventory {
  /** Where it came from (file or directory), for messages. */
  source: string;
  /** Hosts by name, in inventory order (first mention). */
  hosts: Map<string, InventoryHost>;
  /** Groups by name, 'all' and 'ungrouped' first. */
  groups: Map<string, InventoryGroup>;
}
