// renderInventoryList(): the inventory as JSON shaped like `ansible-inventory --list`, secrets shown as ***.
import { isSecret, MASK } from '../secret.ts';
import type { Inventory, InventoryGroup } from './types.ts';

export interface ListOptions {
  /**
   * As `ansible-inventory --list --export`: each group's own `vars`, and each host's own variables in
   * `_meta.hostvars` (by default `_meta.hostvars` holds each host's merged variables and groups show none, as Ansible).
   */
  export?: boolean;
}

/**
 * JSON text like `ansible-inventory --list`: `_meta.hostvars` (each host's merged variables), then
 * one entry per group reachable from `all` with its direct `hosts` and `children` (both in
 * inventory order, as Ansible), and with `export`, its own `vars`; empty keys and empty groups are
 * left out; object keys are sorted. Secrets print as "***".
 */
export function renderInventoryList(inv: Inventory, options: ListOptions = {}): string {
  const out: Record<string, unknown> = {};
  const hostvars: Record<string, unknown> = {};
  for (const h of inv.hosts.values()) {
    const vars = options.export ? h.ownVars ?? {} : h.vars;
    if (Object.keys(vars).length) hostvars[h.name] = vars;
  }
  out._meta = { hostvars };
  const seen = new Set<string>();
  const visit = (g: InventoryGroup): void => {
    if (seen.has(g.name)) return;
    seen.add(g.name);
    const entry: Record<string, unknown> = {};
    if (g.name !== 'all' && g.hosts.length) entry.hosts = [...g.hosts];
    const children = [...g.children];
    if (children.length) entry.children = children;
    if (options.export && Object.keys(g.vars).length) entry.vars = g.vars;
    if (Object.keys(entry).length) out[g.name] = entry;
    for (const c of children) visit(inv.groups.get(c)!);
  };
  const all = inv.groups.get('all');
  if (all) visit(all);
  return JSON.stringify(sortKeys(out), null, 4);
}

function sortKeys(v: unknown): unknown {
  if (isSecret(v)) return MASK;
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return Object.fromEntries(Object.keys(o).sort().map((k) => [k, sortKeys(o[k])]));
  }
  return v;
}
