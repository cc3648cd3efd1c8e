// Reads YAML (or JSON) inventory and vars files: YAML 1.1 like Ansible, with `!secret value`, `!env NAME` and `!vault |` tags; errors name file and line.
import type { ScalarTag, Tags } from 'yaml';
import { yaml } from '../lazy-yaml.ts';
import { ArgsError } from '../errors.ts';
import { Secret } from '../secret.ts';
import { VAULT_YAML_TAG, openVaultedScalars } from '../vault/yaml-vault-tag.ts';
import type { VaultSecrets } from '../vault/vault-secrets.ts';
import { PYYAML_SCALARS, REPLACED_TAGS } from './pyyaml-scalars.ts';

const TAGS: ScalarTag[] = [
  { tag: '!secret', resolve: (value: string) => new Secret(value) } as ScalarTag,
  {
    tag: '!env',
    resolve: (name: string, onError: (message: string) => void) => {
      const v = process.env[name];
      if (v === undefined) onError(`environment variable ${name} is not set`);
      return v ?? '';
    },
  } as ScalarTag,
  VAULT_YAML_TAG,
];

/** YAML 1.1's tags with PyYAML's plain-scalar rules, and tsible's own tags (`!vault` among them). */
const customTags = (tags: Tags): Tags =>
  [...tags.filter((t) => typeof t === 'string' || !REPLACED_TAGS.includes(t.tag)), ...PYYAML_SCALARS, ...TAGS];

/** How to read YAML data. */
export interface YamlDataOptions {
  /** Passwords for `!vault` values (without them such a value is an error naming file and line). */
  vault?: VaultSecrets;
}

/**
 * Parses `text` (from `file`) as Ansible does: JSON when it is JSON, else YAML 1.1 as PyYAML reads
 * it (`yes`/`no`/`on`/`off` are booleans but `y`/`n` strings, `0644` is octal, `1e3` a string,
 * `2024-01-01` the string "2024-01-01"). `!secret value` gives a Secret; `!env NAME` the environment variable's value (an error
 * if unset); `!vault |` (ansible-vault encrypt_string) a Secret of the decrypted text. A syntax
 * error is an ArgsError naming the file and line, without quoting the source.
 */
export function parseYamlData(text: string, file: string, options: YamlDataOptions = {}): unknown {
  return parseYamlWithLines(text, file, options).data;
}

/** Parsed YAML data, and the line where the key at a path was written (for errors about its content). */
export interface YamlWithLines {
  data: unknown;
  /** 1-based line of the mapping key at `path` (e.g. ['all', 'children', 'web']); undefined if not found. */
  lineOf(path: readonly string[]): number | undefined;
}

/** As parseYamlData, keeping a way back from a key path to its line. */
export function parseYamlWithLines(text: string, file: string, options: YamlDataOptions = {}): YamlWithLines {
  const { LineCounter, parseDocument } = yaml();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { version: '1.1', customTags, prettyErrors: true, uniqueKeys: true, lineCounter });
  const json = /^\s*[{[]/.test(text) ? parseJson(text) : undefined;
  const err = doc.errors[0];
  if (err && !json) {
    const message = err.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    // No `cause`: the YAML error quotes the source line, which may hold a secret. Its code is kept instead.
    const code = err.code === 'TAG_RESOLVE_FAILED' ? '' : ` (${err.code})`;
    throw new ArgsError(`${message}${code}`, { file, line: err.linePos?.[0].line });
  }
  if (!json) openVaultedScalars(doc, options.vault, file, lineCounter);
  const data = json ? json.data : doc.toJS({ maxAliasCount: 1000 });
  const lineOf = (path: readonly string[]): number | undefined => {
    if (path.length === 0) return undefined;
    const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
    const { isMap, isScalar } = yaml();
    if (!isMap(parent)) return undefined;
    const last = path[path.length - 1];
    const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === last);
    const start = pair && isScalar(pair.key) ? pair.key.range?.[0] : undefined;
    return start === undefined ? undefined : lineCounter.linePos(start).line;
  };
  return { data, lineOf };
}

/** JSON.parse's value, or undefined if `text` is not JSON (Ansible's loader tries JSON first, then YAML). */
function parseJson(text: string): { data: unknown } | undefined {
  try {
    return { data: JSON.parse(text) };
  } catch {
    return undefined;
  }
}
