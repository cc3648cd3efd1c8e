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
 * Top-level keys are groups. Errors name the file, the line and the path of the bad key (`all.children.web.hosts`).
 */
export function addYamlInventory(data: unknown, file: string, into: InventoryBuilder, lineOf: LineOf = () => undefined): void {
  if (data === null || data === undefined) return;
  if (!isPlainObject(data)) throw new ArgsError('a YAML inventory is a mapping of group names (usually just "all")', { file });
  const at = (path: string[]): ErrorLocation => ({ file, line: lineOf(path), field: path.join('.') });
  if ('plugin' in data) {
    throw new ArgsError(`an inventory plugin configuration (plugin: ${String(data.plugin)}) is not supported; tsible reads INI, YAML, TOML and inventory scripts`, at(['plugin']));
  }
  for (const [name, spec] of Object.entries(data)) addGroup(name, spec, undefined, [name], at, into);
}

/** Finds the line of the key at a path (see yaml-data.ts). */
export type LineOf = (path: readonly string[]) => number | undefined;
type At = (path: string[]) => ErrorLocation;

function addGroup(name: string, spec: unknown, parent: string | undefined, path: string[], at: At, into: InventoryBuilder): void {
  const where = at(path);
  checkGroupName(name, where);
  into.declareGroup(name);
  if (parent !== undefined) into.addChild(parent, name, where);
  if (spec === null || spec === undefined) return;
  if (!isPlainObject(spec)) throw new ArgsError('a group is a mapping with keys hosts, vars, children', where);
  for (const [key, given] of Object.entries(spec)) {
    const here = at([...path, key]);
    // One name alone stands for a mapping of it (`hosts: web1`), as Ansible reads it.
    const value = typeof given === 'string' && (key === 'hosts' || key === 'children') ? { [given]: null } : given;
    if (value === null || value === undefined) continue;
    if (key === 'vars') {
      if (!isPlainObject(value)) throw new ArgsError('vars must be a mapping of variable names to values', here);
      into.addGroupVars(name, value, here);
    } else if (key === 'hosts') {
      addHosts(name, value, [...path, key], at, into);
    } else if (key === 'children') {
      if (!isPlainObject(value)) throw new ArgsError('children must be a mapping of group names', here);
      for (const [child, childSpec] of Object.entries(value)) addGroup(child, childSpec, name, [...path, 'children', child], at, into);
    } else {
      throw new ArgsError(`unknown key "${key}" in group ${name} (expected hosts, vars or children)`, here);
    }
  }
}

function addHosts(group: string, value: unknown, path: string[], at: At, into: InventoryBuilder): void {
  if (!Array.isArray(value) && !isPlainObject(value)) throw new ArgsError('hosts must be a mapping of host names to their variables', at(path));
  const entries: [string, unknown][] = Array.isArray(value) ? value.map((h) => [String(h), null]) : Object.entries(value);
  for (const [word, vars] of entries) {
    const here = Array.isArray(value) ? at(path) : at([...path, word]);
    if (vars !== null && vars !== undefined && !isPlainObject(vars)) throw new ArgsError('host variables must be a mapping', here);
    const { name, port } = splitHostPort(word, here);
    const own: Vars = { ...(port !== undefined ? { ansible_port: port } : {}), ...((vars as Vars | null) ?? {}) };
    for (const host of expandHostRange(name, here)) into.addHost(host, own, group, here);
  }
}
