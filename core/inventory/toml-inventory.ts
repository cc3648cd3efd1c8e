// Reads Ansible's TOML inventory format: top-level tables are groups with `hosts` (table of host → vars), `vars` and `children` (a list).
import { createRequire } from 'node:module';
import type * as SmolToml from 'smol-toml';
import { ArgsError, type ErrorLocation } from '../errors.ts';
import type { InventoryBuilder } from './builder.ts';
import { expandHostRange } from './host-range.ts';
import { splitHostPort } from './host-port.ts';
import { checkGroupName } from './ini.ts';
import { isPlainObject } from './secret-vars.ts';
import type { Vars } from './types.ts';

/**
 * Adds the TOML inventory `text` (from `file`) to `into`, as Ansible's toml plugin reads it:
 * `[web] children = ["apache"]`, `[web.vars] http_port = 8080`, `[web.hosts] host1 = {}`,
 * `host2 = { ansible_port = 222 }`. Dates become their TOML text ("2024-01-01"). A syntax error or
 * a group of the wrong shape is an ArgsError naming the file (and, for syntax, the line).
 */
/** smol-toml, loaded (its one-file CommonJS build) by the first TOML inventory read: other runs never load it. */
let smolToml: typeof SmolToml | undefined;
const toml = (): typeof SmolToml => (smolToml ??= createRequire(import.meta.url)('smol-toml') as typeof SmolToml);

export function addTomlInventory(text: string, file: string, into: InventoryBuilder): void {
  let data: Record<string, unknown>;
  try {
    data = plain(toml().parse(text)) as Record<string, unknown>;
  } catch (err) {
    if (err instanceof toml().TomlError) throw new ArgsError(`bad TOML: ${err.message.split('\n')[0]}`, { file, line: err.line });
    throw err;
  }
  if (Object.keys(data).length === 0) throw new ArgsError('empty TOML inventory', { file });
  if ('plugin' in data) throw new ArgsError('an inventory plugin configuration (plugin: …) is not supported; tsible reads INI, YAML, TOML and inventory scripts', { file });
  for (const [name, spec] of Object.entries(data)) addGroup(name, spec, { file, field: name }, into);
}

function addGroup(name: string, spec: unknown, where: ErrorLocation, into: InventoryBuilder): void {
  if (spec !== null && spec !== undefined && !isPlainObject(spec)) {
    throw new ArgsError(`group ${name} must be a table (with hosts, vars, children)`, where);
  }
  checkGroupName(name, where);
  into.declareGroup(name);
  for (const [key, value] of Object.entries(spec ?? {})) {
    const here = { ...where, field: `${name}.${key}` };
    if (key === 'vars') {
      if (!isPlainObject(value)) throw new ArgsError(`vars of group ${name} must be a table`, here);
      into.addGroupVars(name, value, here);
    } else if (key === 'children') {
      if (!Array.isArray(value)) throw new ArgsError(`children of group ${name} must be a list of group names`, here);
      for (const child of value) {
        const childName = String(child);
        checkGroupName(childName, here);
        into.declareGroup(childName);
        into.addChild(name, childName, here);
      }
    } else if (key === 'hosts') {
      if (!isPlainObject(value)) throw new ArgsError(`hosts of group ${name} must be a table of host names`, here);
      for (const [pattern, vars] of Object.entries(value)) {
        if (vars !== null && !isPlainObject(vars)) throw new ArgsError(`the variables of host ${pattern} must be a table`, here);
        const { name: hostName, port } = splitHostPort(pattern, here);
        const own: Vars = { ...(port !== undefined ? { ansible_port: port } : {}), ...((vars as Vars | null) ?? {}) };
        for (const host of expandHostRange(hostName, here)) into.addHost(host, own, name, here);
      }
    } else {
      throw new ArgsError(`unknown key "${key}" in group ${name} (expected hosts, vars or children)`, here);
    }
  }
}

/** TOML dates and times as their text; everything else as parsed. */
function plain(v: unknown): unknown {
  if (v instanceof toml().TomlDate) return v.toISOString();
  if (Array.isArray(v)) return v.map(plain);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  return v;
}
