// Loads a TypeScript playbook at run time (no build step) and checks its shape, naming the file, line and task of any problem.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ArgsError } from '../errors.ts';
import type { Play, Playbook } from '../task.ts';

/** The playbook a file exports by default: a playbook(...), one Play, or a list of Plays. */
export async function loadPlaybook(file: string, cwd = process.cwd()): Promise<{ playbook: Playbook; path: string; source: string }> {
  const path = resolve(cwd, file);
  if (!existsSync(path)) throw new ArgsError('the playbook could not be found', { file });
  const source = readFileSync(path, 'utf8');
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

/** The line of `path` that a loader or runtime error points to, if its stack names it. */
function errorLine(e: unknown, path: string): number | undefined {
  const text = `${(e as Error)?.message ?? ''}\n${(e as Error)?.stack ?? ''}`;
  const m = new RegExp(`${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:(\\d+)`).exec(text);
  return m ? Number(m[1]) : undefined;
}

/**
 * Imports a .ts file as an ES module. Inside a `"type": "module"` package (or for .mts) that is a plain
 * import() through the loader bin/tsible.js registered; elsewhere (a playbook folder usually has no
 * package.json, and tsx would load it as CommonJS) through tsx's scoped ESM loader.
 */
async function importTypeScript(path: string): Promise<unknown> {
  if (/\.(mts|m?js)$/.test(path) || inModulePackage(path)) return import(pathToFileURL(path).href);
  const { tsImport } = await import('tsx/esm/api');
  return tsImport(pathToFileURL(path).href, import.meta.url);
}

function inModulePackage(path: string): boolean {
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        return (JSON.parse(readFileSync(pkg, 'utf8')) as { type?: string }).type === 'module';
      } catch {
        return false;
      }
    }
    if (dirname(dir) === dir) return false;
  }
}
