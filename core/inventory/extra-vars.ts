// Parses -e/--extra-vars values: k=v words (shell-like quoting), a JSON/YAML object, or @file (JSON or YAML); several merge left to right.
import { resolve } from 'node:path';
import { ArgsError } from '../errors.ts';
import { combineVars } from './clone-vars.ts';
import { isPlainObject, wrapSecrets } from './secret-vars.ts';
import type { Vars } from './types.ts';
import { splitKeyValue, splitWords } from './words.ts';
import { parseYamlData } from './yaml-data.ts';
import { parseDecrypted, readDataFile } from '../vault/read-vaulted-file.ts';
import { secretLeaves } from '../vault/secret-leaves.ts';
import type { VaultSecrets } from '../vault/vault-secrets.ts';

export interface ExtraVarsOptions {
  /** Directory `@file` paths are read from (default process.cwd()). */
  cwd?: string;
  /** Vault passwords for a vault-encrypted `@file` and `!vault` values. */
  vault?: VaultSecrets;
}

/**
 * The extra variables given by `values` (one string per -e), merged left to right (a later -e
 * replaces a key of an earlier one). Each value is:
 * - `@path`: a YAML or JSON file holding a mapping (`!secret`/`!env`/`!vault` tags work; the file may
 *   be wholly vault-encrypted, and then all its strings are Secrets);
 * - `{…}`: a JSON (or YAML flow) object;
 * - otherwise `key=value` words with shell-like quoting: `k=v k2="v 2"`; values stay strings, as in Ansible.
 * Secret-named variables are wrapped as in the inventory (docs/inventory.md). Errors are ArgsErrors naming the -e value or file.
 */
export function parseExtraVars(values: readonly string[], options: ExtraVarsOptions = {}): Vars {
  return combineVars(...values.map((v) => parseOne(v, options.cwd ?? process.cwd(), options.vault)));
}

function parseOne(value: string, cwd: string, vault?: VaultSecrets): Vars {
  const text = value.trim();
  if (text.startsWith('@')) {
    const file = text.slice(1);
    const { text: content, vaulted } = readDataFile(resolve(cwd, file), file, vault, 'extra vars file');
    const parsed = parseDecrypted(vaulted, () => parseYamlData(content, file, { vault }));
    if (parsed === null || parsed === undefined) return {};
    if (!isPlainObject(parsed)) throw new ArgsError('an extra vars file must hold a mapping of variable names to values', { file });
    const data = vaulted ? secretLeaves(parsed) : parsed;
    return wrapSecrets(data, { file });
  }
  if (text.startsWith('{')) {
    const data = parseYamlData(text, '-e', { vault });
    if (!isPlainObject(data)) throw new ArgsError('expected a JSON object', { field: '-e' });
    return wrapSecrets(data, { field: '-e' });
  }
  const out: Vars = {};
  const where = { field: '-e' };
  for (const word of splitWords(text, { where })) {
    const kv = splitKeyValue(word, where);
    if (!kv) throw new ArgsError(`expected key=value, a JSON object or @file, got "${word.raw}"`, where);
    out[kv.key] = kv.value;
  }
  return wrapSecrets(out, where);
}
