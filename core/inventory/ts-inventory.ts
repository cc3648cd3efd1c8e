// Loads a TypeScript inventory: dynamic import() of the file, then its default export (see define.ts) into the builder.
import { resolve } from 'node:path';
import { ArgsError, TsibleError, type ErrorLocation } from '../errors.ts';
import { errorLine, importTypeScript } from '../import-typescript.ts';
import type { InventoryBuilder } from './builder.ts';
import type { InventoryExport, InventorySpec } from './define.ts';
import { expandHostRange } from './host-range.ts';
import { checkGroupName } from './ini.ts';
import { isPlainObject } from './secret-vars.ts';
import type { Vars } from './types.ts';

/** Imports `path` (.ts/.mts/.js/.mjs) and adds its default-exported inventory to `into`; messages name it `file`. */
export async function addTsInventory(path: string, into: InventoryBuilder, file: string = path): Promise<void> {
  let exported: unknown;
  try {
    const mod = (await importTypeScript(resolve(path))) as { default?: InventoryExport };
    exported = mod.default;
    // Loaded through a CommonJS wrapper, the default export can sit one level down.
    if (isPlainObject(exported) && 'default' in exported && !('hosts' in exported || 'groups' in exported || 'vars' in exported)) exported = exported.default;
    if (typeof exported === 'function') exported = await (exported as () => unknown)();
  } catch (err) {
    // A TsibleError from the inventory (env() unset…); checked by shape too, as the file may hold another copy of core/errors.ts.
    if (err instanceof TsibleError || (err instanceof Error && 'where' in err && 'exitCode' in err)) {
      throw new ArgsError(err.message, { file }, { cause: err });
    }
    throw new ArgsError(`cannot load this TypeScript inventory: ${(err as Error)?.message ?? String(err)}`, { file, line: errorLine(err, resolve(path)) }, { cause: err });
  }
  if (exported === undefined) throw new ArgsError('a TypeScript inventory must `export default defineInventory({...})`', { file });
  addSpec(exported, file, into);
}

/** Adds an InventorySpec (validated field by field) to `into`. */
function addSpec(spec: unknown, file: string, into: InventoryBuilder): void {
  const at = (field: string): ErrorLocation => ({ file, field });
  const mapping = (v: unknown, field: string): Record<string, unknown> => {
    if (v === undefined || v === null) return {};
    if (!isPlainObject(v)) throw new ArgsError('expected an object', at(field));
    return v;
  };
  const top = mapping(spec, 'default export') as InventorySpec;
  for (const key of Object.keys(top)) {
    if (!['vars', 'hosts', 'groups'].includes(key)) throw new ArgsError(`unknown key "${key}" (expected vars, hosts, groups)`, at(key));
  }
  into.addGroupVars('all', mapping(top.vars, 'vars'), at('vars'));
  for (const [word, vars] of Object.entries(mapping(top.hosts, 'hosts'))) {
    const own = mapping(vars, `hosts.${word}`) as Vars;
    for (const h of expandHostRange(word, at(`hosts.${word}`))) into.addHost(h, own, undefined, at(`hosts.${word}`));
  }
  const groups = mapping(top.groups, 'groups');
  for (const name of Object.keys(groups)) {
    checkGroupName(name, at(`groups.${name}`));
    into.declareGroup(name);
  }
  for (const [name, raw] of Object.entries(groups)) {
    const g = mapping(raw, `groups.${name}`);
    for (const key of Object.keys(g)) {
      if (!['vars', 'hosts', 'children'].includes(key)) throw new ArgsError(`unknown key "${key}" (expected vars, hosts, children)`, at(`groups.${name}`));
    }
    if (g.vars !== undefined) into.addGroupVars(name, mapping(g.vars, `groups.${name}.vars`), at(`groups.${name}.vars`));
    const hostsField = `groups.${name}.hosts`;
    const members: [string, Vars][] = Array.isArray(g.hosts)
      ? g.hosts.map((h: unknown) => {
          if (typeof h !== 'string') throw new ArgsError('expected host names', at(hostsField));
          return [h, {}];
        })
      : Object.entries(mapping(g.hosts, hostsField)).map(([h, v]) => [h, mapping(v, `${hostsField}.${h}`) as Vars]);
    for (const [word, vars] of members) {
      for (const h of expandHostRange(word, at(hostsField))) into.addHost(h, vars, name, at(`${hostsField}.${word}`));
    }
    if (g.children !== undefined && !Array.isArray(g.children)) throw new ArgsError('expected a list of group names', at(`groups.${name}.children`));
    for (const child of (g.children ?? []) as unknown[]) {
      if (typeof child !== 'string') throw new ArgsError('expected group names', at(`groups.${name}.children`));
      into.addChild(name, child, at(`groups.${name}.children`));
    }
  }
}
