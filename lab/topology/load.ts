// Finds a topology: a built-in name, or a .json/.yaml/.yml/.ts file (a .ts file default-exports it), validated.
import { readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { ArgsError } from '../../core/errors.ts';
import { BUILTIN_TOPOLOGIES } from './builtin.ts';
import type { Topology } from './types.ts';
import { validateTopology } from './validate.ts';

/** The built-in topology called `spec`, or the topology in the file `spec`. */
export async function loadTopology(spec: string): Promise<Topology> {
  const builtin = BUILTIN_TOPOLOGIES[spec];
  if (builtin) return structuredClone(builtin);
  const file = resolve(spec);
  const ext = extname(file).toLowerCase();
  if (!['.json', '.yaml', '.yml', '.ts', '.js', '.mjs'].includes(ext)) {
    throw new ArgsError(`unknown topology "${spec}": not a built-in (${Object.keys(BUILTIN_TOPOLOGIES).join(', ')}) and not a .json, .yaml or .ts file`);
  }
  let raw: unknown;
  try {
    if (ext === '.json' || ext === '.yaml' || ext === '.yml') {
      const text = await readFile(file, 'utf8');
      raw = ext === '.json' ? JSON.parse(text) : parseYaml(text);
    } else {
      const mod = (await import(pathToFileURL(file).href)) as { default?: unknown; topology?: unknown };
      raw = mod.default ?? mod.topology;
    }
  } catch (e) {
    throw new ArgsError(`cannot read topology: ${(e as Error).message}`, { file }, { cause: e });
  }
  return validateTopology(raw, file);
}
