// The on-disk cache of compiled TypeScript playbooks, inventories and user modules: compiled once with esbuild, then imported as plain JavaScript (no loader hook, no compile) while no source file of it changed.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, unlinkSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve as resolvePath } from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeFileAtomicSync } from './write-file-atomic.ts';

/** Changes whenever what this file writes changes: part of every key, so an older tsible's entries are never used. */
const FORMAT = 'tsible-compile-1';

/** The cache folder: $TSIBLE_CACHE_DIR, else $XDG_CACHE_HOME/tsible/compiled, else ~/.cache/tsible/compiled. */
export function compileCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.TSIBLE_CACHE_DIR) return resolvePath(env.TSIBLE_CACHE_DIR);
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'tsible', 'compiled');
}

/** What one compiled entry was made from: every bundled source file and the sha256 of the content compiled. */
interface Manifest {
  key: string;
  output: string;
  inputs: Record<string, string>;
}

/** How a compiled file reaches tsible itself: an import of tsible's core/ or modules/ source becomes this URL (dist/'s twin, or the source). */
export type TsibleImportUrl = (sourcePath: string) => string | undefined;

/** Where the cache is and how compiled files reach tsible. */
export interface CompileOptions {
  cacheDir: string;
  tsibleUrl: TsibleImportUrl;
  /**
   * Where a bare `tsible` / `tsible/…` import goes when the playbook's folder has no tsible package to resolve it
   * (a playbook written outside tsible's checkout): the running copy's entry for that specifier, or undefined.
   */
  tsiblePackageUrl?: (specifier: string) => string | undefined;
  /** What the output depends on besides the sources (compiler version, where tsible is): part of every key. */
  compilerId: string;
  /** URL of a module exporting `resolveAsTsible(parentUrl, specifier)`: a compiled file's `import.meta.resolve` (which would resolve from the cache). */
  resolverUrl: string;
  /** A compiled file an entry no longer names is removed once it is this old (default 60 s: a run that found it just before may still import it). */
  replacedGraceMs?: number;
}

/** Counters for tests and the profile: how many compiles and cache hits this process had. */
export const compileStats = { hits: 0, compiles: 0 };

const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

/**
 * The compiled ES module for the TypeScript file `path` (absolute): its file URL in the cache, compiling it
 * (with the files it imports from its own folder tree, bundled) when no entry matches the sources' content.
 * Packages and tsible's own modules stay imports (by absolute URL: the compiled file lives in the cache).
 * Concurrent runs are safe: every file is written to a temp name and renamed into place.
 */
export async function compiledModuleUrl(path: string, o: CompileOptions): Promise<string> {
  const entryKey = sha256(`${FORMAT}\0${o.compilerId}\0${path}`);
  const manifestFile = join(o.cacheDir, `${entryKey}.json`);
  const hit = validEntry(manifestFile, o.cacheDir);
  if (hit) {
    compileStats.hits++;
    return pathToFileURL(hit).href;
  }
  const { code, inputs } = await compile(path, o);
  compileStats.compiles++;
  const key = sha256(`${entryKey}\0${Object.entries(inputs).sort().map(([f, h]) => `${f}\0${h}`).join('\0')}`);
  const output = `${key}.mjs`;
  mkdirSync(o.cacheDir, { recursive: true, mode: 0o700 });
  const outFile = join(o.cacheDir, output);
  const replaced = previousOutput(manifestFile);
  if (!existsSync(outFile)) writeFileAtomicSync(outFile, code, { mode: 0o600 });
  writeFileAtomicSync(manifestFile, `${JSON.stringify({ key, output, inputs } satisfies Manifest)}\n`, { mode: 0o600 });
  if (replaced && replaced !== output) removeIfOlder(join(o.cacheDir, replaced), o.replacedGraceMs ?? 60_000);
  return pathToFileURL(outFile).href;
}

/** The compiled file an entry's manifest names now, if any: once the entry is recompiled, nothing else names it. */
function previousOutput(manifestFile: string): string | undefined {
  try {
    const output = (JSON.parse(readFileSync(manifestFile, 'utf8')) as Partial<Manifest>).output;
    return typeof output === 'string' && /^[0-9a-f]{64}\.mjs$/.test(output) ? output : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps the cache from growing with every edit of a playbook: the replaced compiled file goes, unless it is recent. */
function removeIfOlder(file: string, graceMs: number): void {
  try {
    if (Date.now() - statSync(file).mtimeMs >= graceMs) unlinkSync(file);
  } catch {
    // Already gone (another run removed it), or unreadable: nothing to keep tidy.
  }
}

/** The output file when `manifestFile` exists and every input still has the content it was compiled from. */
function validEntry(manifestFile: string, cacheDir: string): string | undefined {
  let m: Manifest;
  try {
    m = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
  } catch {
    return undefined;
  }
  if (typeof m?.output !== 'string' || !/^[0-9a-f]{64}\.mjs$/.test(m.output) || typeof m.inputs !== 'object') return undefined;
  for (const [file, hash] of Object.entries(m.inputs)) {
    try {
      if (sha256(readFileSync(file)) !== hash) return undefined;
    } catch {
      return undefined;
    }
  }
  const out = join(cacheDir, m.output);
  return existsSync(out) ? out : undefined;
}

/** A compile error with the file and line it points to (`FILE:LINE:COL: message`, as the import errors tsx gives). */
export class CompileError extends Error {}

/** Bundles `path` and the user's files it imports into one ES module; returns the code and the sha256 of each source read. */
async function compile(path: string, o: CompileOptions): Promise<{ code: string; inputs: Record<string, string> }> {
  const esbuild = await import('esbuild');
  const inputs: Record<string, string> = {};
  const plugin = {
    name: 'tsible-compile-cache',
    setup(build: import('esbuild').PluginBuild) {
      build.onResolve({ filter: /.*/ }, async (args) => {
        if (args.kind === 'entry-point' || args.pluginData === 'inner') return undefined;
        if (/^(node|file):/.test(args.path)) return { path: args.path, external: true };
        const r = await build.resolve(args.path, { resolveDir: args.resolveDir, kind: args.kind, importer: args.importer, pluginData: 'inner' });
        if (r.errors.length) {
          const running = /^tsible(\/|$)/.test(args.path) ? o.tsiblePackageUrl?.(args.path) : undefined;
          return running ? { path: running, external: true } : { errors: r.errors };
        }
        if (!r.path || r.external) return { path: args.path, external: true }; // a Node built-in without node:
        const own = o.tsibleUrl(r.path);
        if (own) return { path: own, external: true };
        // A package: imported where it is installed (by URL: the compiled file is not beside the playbook).
        if (/[\\/]node_modules[\\/]/.test(r.path)) return { path: pathToFileURL(r.path).href, external: true };
        return { path: r.path };
      });
      // Every file bundled is an input of the entry (a JSON file imported too): its hash is taken from the bytes compiled.
      build.onLoad({ filter: /.*/ }, (args) => {
        const source = readFileSync(args.path);
        inputs[args.path] = sha256(source);
        if (!/\.(m?[jt]sx?|cts|cjs)$/.test(args.path)) return { contents: source, loader: args.path.endsWith('.json') ? 'json' : 'default', resolveDir: dirname(args.path) };
        return { contents: withPlaceOfFile(source.toString('utf8'), args.path, o.resolverUrl), loader: /x$/.test(args.path) ? (args.path.endsWith('tsx') ? 'tsx' : 'jsx') : args.path.endsWith('js') ? 'js' : 'ts', resolveDir: dirname(args.path) };
      });
    },
  };
  try {
    const r = await esbuild.build({
      entryPoints: [path], bundle: true, write: false, format: 'esm', platform: 'node', target: `node${process.versions.node}`,
      // In the cache folder, as the file will be: the source map's relative paths lead back to the user's files.
      sourcemap: 'inline', sourcesContent: false, outfile: join(o.cacheDir, 'compiled.mjs'), logLevel: 'silent', plugins: [plugin],
    });
    return { code: r.outputFiles[0].text, inputs };
  } catch (e) {
    const first = (e as { errors?: import('esbuild').Message[] }).errors?.[0];
    if (!first) throw e;
    const at = first.location ? `${resolvePath(first.location.file)}:${first.location.line}:${first.location.column + 1}: ` : `${path}: `;
    throw new CompileError(`${at}${first.text}`, { cause: e });
  }
}

/**
 * A file's own place where the compiled bundle would lose it: `import.meta.url`, `.dirname`, `.filename` and
 * `import.meta.resolve` (from the file's place, tsible's own files to the copy running), and CommonJS's `__dirname`, `__filename`, `require` (tsx ran a playbook outside an ES module package as CommonJS).
 */
function withPlaceOfFile(source: string, file: string, resolverUrl: string): string {
  const url = pathToFileURL(file).href;
  const out = source
    .replace(/\bimport\.meta\.resolve\(/g, `__tsibleResolve(${JSON.stringify(url)}, `)
    .replace(/\bimport\.meta\.url\b/g, JSON.stringify(url))
    .replace(/\bimport\.meta\.dirname\b/g, JSON.stringify(dirname(file)))
    .replace(/\bimport\.meta\.filename\b/g, JSON.stringify(file));
  const head: string[] = [];
  if (out !== source && out.includes('__tsibleResolve(')) head.push(`import { resolveAsTsible as __tsibleResolve } from ${JSON.stringify(resolverUrl)};`);
  if (/\b__filename\b/.test(out)) head.push(`const __filename = ${JSON.stringify(file)};`);
  if (/\b__dirname\b/.test(out)) head.push(`const __dirname = ${JSON.stringify(dirname(file))};`);
  if (/\brequire\s*[(.]/.test(out)) head.push(`import { createRequire as __tsibleCreateRequire } from 'node:module'; const require = __tsibleCreateRequire(${JSON.stringify(url)});`);
  // On the first line, so every line keeps its number (errors and source maps point at the user's lines).
  return head.length && !out.startsWith('#!') ? `${head.join(' ')} ${out}` : out;
}
