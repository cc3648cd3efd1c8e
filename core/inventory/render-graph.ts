// renderInventoryGraph(): the group tree as `ansible-inventory --graph` prints it (@all:, |--@web:, |  |--web1).
import { ArgsError } from '../errors.ts';
import type { Inventory } from './types.ts';

/**
 * The tree under `group` (default `all`), one line per group (`@name:`) and host, children and
 * hosts in inventory order (as ansible-inventory --graph), children first; `all` lists no hosts of its own. Lines joined by "\n",
 * no trailing newline. An unknown group is an ArgsError.
 */
export function renderInventoryGraph(inv: Inventory, group = 'all'): string {
  if (!inv.groups.has(group)) throw new ArgsError(`--graph takes a group name; "${group}" is not a group of the inventory (${inv.source})`, { field: 'graph' });
  const lines: string[] = [];
  const indent = (depth: number, text: string): string => (depth ? '  |'.repeat(depth) + '--' + text : text);
  const walk = (name: string, depth: number): void => {
    const g = inv.groups.get(name)!;
    lines.push(indent(depth, `@${name}:`));
    for (const c of g.children) walk(c, depth + 1);
    if (name !== 'all') for (const h of g.hosts) lines.push(indent(depth + 1, h));
  };
  walk(group, 0);
  return lines.join('\n');
}
