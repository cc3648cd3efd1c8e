// Imports a user's TypeScript file (playbook, inventory) at run time through tsx, and finds the line an error points to.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The line of `path` that a loader or runtime error points to, if its stack names it. */
export function errorLine(e: unknown, path: string): number | undefined {
  const text = `${(e as Error)?.message ?? ''}\n${(e as Error)?.stack ?? ''}`;
  const m = new RegExp(`${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:(\\d+)`).exec(text);
  return m ? Number(m[1]) : undefined;
}

/**
 * Imports a .ts file as an ES module. Inside a `"type": "module"` package (or for .mts) that is a plain
 * import() through the loader bin/tsible.js registered; elsewhere (a playbook folder usually has no
 * package.json, and tsx would load it as CommonJS) through tsx's scoped ESM loader.
 */
export async function importTypeScript(path: string): Promise<unknown> {
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
