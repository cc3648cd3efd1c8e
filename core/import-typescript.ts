// Imports a user's TypeScript file (playbook, inventory, module) at run time, compiled through the on-disk cache (core/compile-cache.ts), and finds the line an error points to.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire, isBuiltin } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CompileError, compileCacheDir, compiledModuleUrl } from './compile-cache.ts';

/** The line of `path` that a loader or runtime error points to, if its stack names it. */
export function errorLine(e: unknown, path: string): number | undefined {
  const text = `${(e as Error)?.message ?? ''}\n${(e as Error)?.stack ?? ''}`;
  const m = new RegExp(`${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:(\\d+)`).exec(text);
  return m ? Number(m[1]) : undefined;
}

/** tsible's package folder, and its dist/ folder when this file runs compiled from there. */
const FROM_DIST = /[\\/]dist[\\/]core$/.test(dirname(fileURLToPath(import.meta.url)));
const ROOT = fileURLToPath(new URL(FROM_DIST ? '../../' : '../', import.meta.url));
const DIST = FROM_DIST ? fileURLToPath(new URL('../', import.meta.url)) : undefined;

/** A compiled playbook's import of tsible's own core/ or modules/ source: dist/'s twin when running from dist/ (one copy of tsible), else the source. */
function tsibleUrl(path: string): string | undefined {
  const rel = relative(ROOT, path);
  if (rel.startsWith('..') || !/^(core|modules)[\\/].*\.ts$/.test(rel)) return undefined;
  const twin = DIST && join(DIST, rel.replace(/\.ts$/, '.js'));
  return pathToFileURL(twin && existsSync(twin) ? twin : path).href;
}

/** The folder of the tsible package running (its package.json, core/, modules/, node_modules/). */
export function tsiblePackageRoot(): string {
  return ROOT;
}

/** The running copy's entry for `tsible` or `tsible/…`, from the `exports` of tsible's package.json (undefined for a name it does not export). */
function tsiblePackageUrl(specifier: string): string | undefined {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { exports?: Record<string, string> };
  const target = pkg.exports?.[`.${specifier.slice('tsible'.length)}`];
  return typeof target === 'string' ? tsibleUrl(join(ROOT, target)) : undefined;
}

/** `import.meta.resolve(specifier)` of the file at `parentUrl`, as a compiled copy of it must answer (see compile-cache.ts). */
export function resolveAsTsible(parentUrl: string, specifier: string): string {
  if (specifier.startsWith('node:') || /^[a-z][a-z0-9+.-]*:/i.test(specifier)) return specifier;
  if (isBuiltin(specifier)) return `node:${specifier}`;
  let url: string;
  try {
    url = /^\.{0,2}\//.test(specifier) ? new URL(specifier, parentUrl).href : pathToFileURL(createRequire(parentUrl).resolve(specifier)).href;
  } catch (e) {
    const running = /^tsible(\/|$)/.test(specifier) ? tsiblePackageUrl(specifier) : undefined;
    if (!running) throw e;
    return running;
  }
  return (url.startsWith('file:') && tsibleUrl(fileURLToPath(url))) || url;
}

let compilerId: string | undefined;
/** What compiled output depends on besides the sources: esbuild's version, and where tsible's imports point. */
function currentCompilerId(): string {
  compilerId ??= `esbuild ${(createRequire(import.meta.url)('esbuild/package.json') as { version: string }).version}\0${ROOT}\0${DIST ?? 'sources'}`;
  return compilerId;
}

/** Registers tsx's loader for the fallback (set by bin/tsible.js when it runs from dist/ without one). */
let installLoader: (() => Promise<void>) | undefined;
export function setTypeScriptLoader(install: () => Promise<void>): void {
  let done: Promise<void> | undefined;
  installLoader = () => (done ??= install());
}

/**
 * Imports a .ts file as an ES module. JavaScript imports as it is; TypeScript is compiled once (with the user's
 * files it imports) into the compile cache and imported from there, so a second run neither compiles nor needs a
 * loader hook. When the cache folder cannot be written, tsx loads it instead (a plain import() inside a
 * `"type": "module"` package, else tsx's scoped loader, which runs it as CommonJS).
 */
export async function importTypeScript(path: string): Promise<unknown> {
  if (/\.m?js$/.test(path)) return import(pathToFileURL(path).href);
  let url: string | undefined;
  try {
    url = await compiledModuleUrl(path, { cacheDir: compileCacheDir(), tsibleUrl, tsiblePackageUrl, compilerId: currentCompilerId(), resolverUrl: import.meta.url });
  } catch (e) {
    if (e instanceof CompileError || !isCacheIoError(e)) throw e;
  }
  if (url) {
    process.setSourceMapsEnabled(true); // stack traces name the user's file and line, not the compiled one
    return import(url);
  }
  await installLoader?.();
  if (/\.mts$/.test(path) || inModulePackage(path)) return import(pathToFileURL(path).href);
  const { tsImport } = await import('tsx/esm/api');
  return tsImport(pathToFileURL(path).href, import.meta.url);
}

/** A cache folder that cannot be made or written (read-only home, full disk): the run goes on without the cache. */
function isCacheIoError(e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException)?.code;
  return code === 'EACCES' || code === 'EROFS' || code === 'ENOSPC' || code === 'EPERM' || code === 'ENOTDIR' || code === 'EDQUOT';
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
