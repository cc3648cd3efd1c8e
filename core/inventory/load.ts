// loadInventory(): reads every -i source (file, directory, or comma-separated host list), then group_vars/host_vars, into one Inventory.
import { accessSync, constants, readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, extname, join, resolve } from 'node:path';
import { ArgsError } from '../errors.ts';
import { buildInventory } from './build.ts';
import { InventoryBuilder } from './builder.ts';
import { expandHostRange } from './host-range.ts';
import { splitHostPort } from './host-port.ts';
import { isIgnoredFile } from './ignored-files.ts';
import { parseIni } from './ini.ts';
import { addScriptInventory } from './script-inventory.ts';
import { isPlainObject } from './secret-vars.ts';
import { addTomlInventory } from './toml-inventory.ts';
import { addTsInventory } from './ts-inventory.ts';
import type { Inventory } from './types.ts';
import { addVarsDirs } from './vars-dirs.ts';
import { parseYamlWithLines } from './yaml-data.ts';
import { addYamlInventory } from './yaml-inventory.ts';
import { secretValuesInto } from './secret-values-into.ts';
import { parseDecrypted, readDataFile } from '../vault/read-vaulted-file.ts';
import type { VaultSecrets } from '../vault/vault-secrets.ts';

export interface LoadOptions {
  /** Directory relative paths are resolved from (default process.cwd()). */
  cwd?: string;
  /** Vault passwords for vault-encrypted inventory and vars files and `!vault` values. */
  vault?: VaultSecrets;
}

/**
 * Loads and merges inventory sources in order (a later source's values win). Each source is:
 * - a file: `.ts`/`.mts`/`.js`/`.mjs` (TypeScript inventory), `.yml`/`.yaml`/`.json` (Ansible YAML format), anything else INI;
 * - a directory: every file in it (sorted by name, subfolders too), skipping backups, hidden files and READMEs;
 * - a comma-separated host list when no such path exists: `h1,h2,` or `web1:2222,`.
 * Then `group_vars/` and `host_vars/` beside each file (or inside each directory) are merged in.
 * Any of these files may be wholly vault-encrypted (its values become Secrets), and YAML ones may
 * hold `!vault` values; they are decrypted with `options.vault`.
 * No sources gives an empty inventory (only an implicit localhost can then be targeted).
 */
export async function loadInventory(paths: string[], options: LoadOptions = {}): Promise<Inventory> {
  const cwd = options.cwd ?? process.cwd();
  const builder = new InventoryBuilder();
  const varsDirs = new Map<string, string>(); // absolute → as shown in messages
  for (const given of paths) {
    const abs = resolve(cwd, given.replace(/^~(?=\/|$)/, homedir()));
    const stat = statOrNull(abs);
    if (stat?.isDirectory()) {
      await addDirectory(abs, given, builder, varsDirs, { cwd, vault: options.vault });
    } else if (stat) {
      await addFile(abs, given, builder, { cwd, vault: options.vault });
      if (!varsDirs.has(dirname(abs))) varsDirs.set(dirname(abs), dirname(given));
    } else if (given.includes(',')) {
      addHostList(given, builder);
    } else {
      throw new ArgsError(`inventory source "${given}" does not exist (for a list of host names, end it with a comma: -i '${given},')`);
    }
  }
  for (const [dir, shown] of varsDirs) addVarsDirs(dir, builder, shown, options.vault);
  return buildInventory(builder, paths.join(', ') || '(none)');
}

/** Where a source is read from: the folder scripts run in, and the vault passwords. */
interface SourceOptions {
  cwd: string;
  vault?: VaultSecrets;
}

/**
 * Adds one inventory file, its format chosen as Ansible's plugins choose (`shown` is the path used in
 * messages): `.ts`/`.mts`/`.js`/`.mjs` a TypeScript inventory; an executable file an inventory script
 * (run in `o.cwd`); `.toml` TOML; `.yml`/`.yaml`/`.json` and files without an extension YAML when they
 * hold a YAML mapping, else INI; anything else INI. A wholly vault-encrypted file is decrypted first
 * (with `o.vault`) and its variables become Secrets.
 */
async function addFile(abs: string, shown: string, into: InventoryBuilder, o: SourceOptions): Promise<void> {
  if (/\.(m|c)?[tj]s$/.test(abs)) return addTsInventory(abs, into, shown);
  if (isExecutable(abs)) return addScriptInventory(abs, shown, into, o.cwd);
  const { text, vaulted } = readDataFile(abs, shown, o.vault, 'inventory');
  const target = vaulted ? secretValuesInto(into) : into;
  parseDecrypted(vaulted, () => addInventoryText(text, extname(abs), shown, target, o.vault));
}

/** Adds an inventory file's (decrypted) text, in the format its extension `ext` and its content choose (see addFile). */
function addInventoryText(text: string, ext: string, shown: string, into: InventoryBuilder, vault?: VaultSecrets): void {
  if (ext === '.toml') return addTomlInventory(text, shown, into);
  if (ext === '' && opensWithIniSection(text)) return parseIni(text, shown, into);
  if (/^\.(ya?ml|json)$/.test(ext) || ext === '') {
    let parsed: ReturnType<typeof parseYamlWithLines> | undefined;
    let yamlError: unknown;
    try {
      parsed = parseYamlWithLines(text, shown, { vault });
    } catch (err) {
      yamlError = err;
    }
    if (parsed && isPlainObject(parsed.data)) return addYamlInventory(parsed.data, shown, into, parsed.lineOf);
    // Not a YAML mapping: Ansible's next plugin, INI, gets its turn. A YAML-named file that is not INI either reports the YAML problem.
    if (ext === '') return parseIni(text, shown, into);
    try {
      parseIni(text, shown, into);
      return;
    } catch {
      if (yamlError) throw yamlError;
      return addYamlInventory(parsed!.data, shown, into, parsed!.lineOf);
    }
  }
  parseIni(text, shown, into);
}

/**
 * True when the first line that is neither blank nor a comment is an INI section header alone (`[web]`). As YAML
 * such a text is a flow sequence or an error, never a mapping, so an extension-less file that opens this way goes
 * to INI whatever the YAML parser would say, and the parser (~25 ms of start-up) is not loaded for it.
 */
export function opensWithIniSection(text: string): boolean {
  for (const raw of text.split('\n', 200)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    return /^\[[^\]]*\]$/.test(line);
  }
  return false;
}

/** True for a regular file with an execute bit set (Ansible runs such a file as an inventory script). */
function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

async function addDirectory(abs: string, shown: string, into: InventoryBuilder, varsDirs: Map<string, string>, o: SourceOptions): Promise<void> {
  if (!varsDirs.has(abs)) varsDirs.set(abs, shown);
  for (const entry of readdirSync(abs).sort()) {
    if (isIgnoredFile(entry) || entry === 'group_vars' || entry === 'host_vars') continue;
    const path = join(abs, entry);
    if (statOrNull(path)?.isDirectory()) await addDirectory(path, join(shown, entry), into, varsDirs, o);
    else await addFile(path, join(shown, entry), into, o);
  }
}

function addHostList(list: string, into: InventoryBuilder): void {
  for (const word of list.split(',').map((s) => s.trim())) {
    if (word === '') continue;
    const where = { field: '-i' };
    const { name, port } = splitHostPort(word, where);
    for (const h of expandHostRange(name, where)) into.addHost(h, port !== undefined ? { ansible_port: port } : {});
  }
}

function statOrNull(path: string): ReturnType<typeof statSync> | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}
