// Reads Ansible's YAML inventory format (also its JSON form): groups with hosts, vars and children, nested.
import { ArgsError, type ErrorLocation } from '../errors.ts';
import type { InventoryBuilder } from './builder.ts';
import { expandHostRange } from './host-range.ts';
import { splitHostPort } from './host-port.ts';
import { checkGroupName } from './ini.ts';
import { isPlainObject } from './secret-vars.ts';
import type { Vars } from './types.ts';

/**
 * Adds YAML-format inventory data (already parsed) to `into`:
 * `{all: {hosts: {web1: {ansible_host: …}}, vars: {…}, children: {web: {hosts: …}}}}`.
 * Top-level keys are groups. Errors name the file and the path of the bad field (`all.children.web.hosts`).
 */
export function addYamlInventory(data: unknown, file: string, into: InventoryBuilder): void {
  if (data === null || data === undefined) return;
  if (!isPlainObject(data)) throw new ArgsError('a YAML inventory is a mapping of group names (usually just "all")', { file });
  for (const [name, spec] of Object.entries(data)) addGroup(name, spec, undefined, name, file, into);
}

function addGroup(name: string, spec: unknown, parent: string | undefined, path: string, file: string, into: InventoryBuilder): void {
  const where: ErrorLocation = { file, field: path };
  checkGroupName(name, where);
  into.declareGroup(name);
  if (parent !== undefined) into.addChild(parent, name, where);
  if (spec === null || spec === undefined) return;
  if (!isPlainObject(spec)) throw new ArgsError('a group is a mapping with keys hosts, vars, children', where);
  for (const [key, value] of Object.entries(spec)) {
    const at: ErrorLocation = { file, field: `${path}.${key}` };
    if (value === null || value === undefined) continue;
    if (key === 'vars') {
      if (!isPlainObject(value)) throw new ArgsError('vars must be a mapping of variable names to values', at);
      into.addGroupVars(name, value, at);
    } else if (key === 'hosts') {
      addHosts(name, value, at, into);
    } else if (key === 'children') {
      if (!isPlainObject(value)) throw new ArgsError('children must be a mapping of group names', at);
      for (const [child, childSpec] of Object.entries(value)) addGroup(child, childSpec, name, `${path}.children.${child}`, file, into);
    } else {
      throw new ArgsError(`unknown key "${key}" in group ${name} (expected hosts, vars or children)`, { file, field: path });
    }
  }
}

function addHosts(group: string, value: unknown, where: ErrorLocation, into: InventoryBuilder): void {
  const entries: [string, unknown][] = Array.isArray(value) ? value.map((h) => [String(h), null]) : isPlainObject(value) ? Object.entries(value) : [];
  if (!Array.isArray(value) && !isPlainObject(value)) throw new ArgsError('hosts must be a mapping of host names to their variables', where);
  for (const [word, vars] of entries) {
    const at: ErrorLocation = { ...where, field: `${where.field}.${word}` };
    if (vars !== null && vars !== undefined && !isPlainObject(vars)) throw new ArgsError('host variables must be a mapping', at);
    const { name, port } = splitHostPort(word, at);
    const own: Vars = { ...(port !== undefined ? { ansible_port: port } : {}), ...((vars as Vars | null) ?? {}) };
    for (const host of expandHostRange(name, at)) into.addHost(host, own, group, at);
  }
}
