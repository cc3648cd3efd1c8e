// Reads Ansible's group_vars/ and host_vars/ folders beside an inventory: NAME, NAME.yml, NAME.yaml, NAME.json, or a folder NAME/ of such files.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ArgsError } from '../errors.ts';
import type { InventoryBuilder } from './builder.ts';
import { isIgnoredFile } from './ignored-files.ts';
import { isPlainObject } from './secret-vars.ts';
import { parseYamlData } from './yaml-data.ts';
import type { Vars } from './types.ts';
import { parseDecrypted, readDataFile } from '../vault/read-vaulted-file.ts';
import { secretLeaves } from '../vault/secret-leaves.ts';
import type { VaultSecrets } from '../vault/vault-secrets.ts';

const VARS_EXT = /\.(ya?ml|json)$/;

/**
 * Merges `dir/group_vars/*` into the groups and `dir/host_vars/*` into the hosts already in `into`
 * (files for unknown groups or hosts are ignored, as Ansible does). Files are read in name order;
 * a folder's files merge in name order too. Values there override the same group's or host's
 * variables from the inventory file. Vault-encrypted files and `!vault` values are decrypted with `vault`.
 */
export function addVarsDirs(dir: string, into: InventoryBuilder, shownDir: string = dir, vault?: VaultSecrets): void {
  for (const kind of ['group_vars', 'host_vars'] as const) {
    const base = join(dir, kind);
    if (!isDir(base)) continue;
    for (const entry of readdirSync(base).sort()) {
      if (isIgnoredFile(entry)) continue;
      const path = join(base, entry);
      const dirEntry = isDir(path);
      if (!dirEntry && !VARS_EXT.test(entry) && entry.includes('.') && kind === 'group_vars') continue;
      const name = dirEntry ? entry : entry.replace(VARS_EXT, '');
      const known = kind === 'group_vars' ? into.groups.get(name)?.declared : into.hosts.has(name);
      if (!known) continue;
      for (const file of dirEntry ? filesIn(path) : [path]) {
        const vars = readVarsFile(file, join(shownDir, relative(dir, file)), vault);
        const shown = { file: join(shownDir, relative(dir, file)) };
        if (kind === 'group_vars') into.addGroupVars(name, vars, shown);
        else into.addHost(name, vars, undefined, shown);
      }
    }
  }
}

/**
 * A YAML/JSON file holding one mapping of variables (an empty file is no variables); messages name it
 * `shown`. A wholly vault-encrypted file is decrypted and all its strings become Secrets.
 */
export function readVarsFile(path: string, shown: string = path, vault?: VaultSecrets): Vars {
  const { text, vaulted } = readDataFile(path, shown, vault, 'vars file');
  const data = parseDecrypted(vaulted, () => parseYamlData(text, shown, { vault }));
  if (data === null || data === undefined) return {};
  if (!isPlainObject(data)) throw new ArgsError('a vars file must hold a mapping of variable names to values', { file: shown });
  return vaulted ? secretLeaves(data) : data;
}

function filesIn(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    if (isIgnoredFile(entry)) continue;
    const path = join(dir, entry);
    if (isDir(path)) out.push(...filesIn(path));
    else if (VARS_EXT.test(entry) || !entry.includes('.')) out.push(path);
  }
  return out;
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
