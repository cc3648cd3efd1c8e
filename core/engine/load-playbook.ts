// Loads a TypeScript playbook at run time (no build step) and checks its shape, naming the file, line and task of any problem.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { ArgsError } from '../errors.ts';
import { errorLine, importTypeScript } from '../import-typescript.ts';
import type { Play, Playbook } from '../task.ts';

/** Why an Ansible (YAML) playbook is refused, and what to do instead. */
const YAML_PLAYBOOK =
  'this is a YAML (Ansible) playbook; tsible playbooks are TypeScript, on purpose: a wrong module argument fails when the ' +
  'playbook is type-checked, before any host is touched. Convert it: tsible convert PLAYBOOK.yml -o PLAYBOOK.ts (then tsible play ' +
  'PLAYBOOK.ts --syntax-check), or write a .ts file whose default export is playbook({ hosts, tasks }) (examples/playbooks/web.ts)';

/** The playbook a file exports by default: a playbook(...), one Play, or a list of Plays. */
export async function loadPlaybook(file: string, cwd = process.cwd()): Promise<{ playbook: Playbook; path: string; source: string }> {
  const path = resolve(cwd, file);
  if (!existsSync(path)) throw new ArgsError('the playbook could not be found', { file });
  if (statSync(path).isDirectory()) throw new ArgsError('this is a directory; give the playbook file (a .ts file) to run', { file });
  const source = readFileSync(path, 'utf8');
  if (/\.ya?ml$/i.test(path)) throw new ArgsError(YAML_PLAYBOOK, { file });
  let mod: { default?: unknown };
  try {
    mod = (await importTypeScript(path)) as { default?: unknown };
  } catch (e) {
    throw new ArgsError(`the playbook could not be loaded: ${(e as Error).message}`, { file, line: errorLine(e, path) }, { cause: e });
  }
  let value = mod.default;
  // Loaded through a CommonJS wrapper, the default export can sit one level down.
  if (value && typeof value === 'object' && 'default' in value && !('plays' in value)) value = (value as { default: unknown }).default;
  if (value === undefined) throw new ArgsError('the playbook file has no default export (export default playbook({...}))', { file });
  const plays = Array.isArray(value) ? value : value && typeof value === 'object' && 'plays' in value ? (value as Playbook).plays : [value];
  if (!Array.isArray(plays) || !plays.length) throw new ArgsError('the playbook has no plays', { file });
  return { playbook: { plays: plays as Play[] }, path, source };
}
