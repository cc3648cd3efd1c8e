// Loads dist/bundle/tsible.cjs (scripts/bundle-tsible.mjs) with V8's code cache kept beside it: a run compiles none of the code that the first run of its kind (play, ad hoc, other) compiled.
import Module, { createRequire } from 'node:module';
import { readFileSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

/**
 * The Symbol.for() name under which the bundle finds `import()` (scripts/bundle-tsible.mjs writes its lookup): code that V8
 * restores from a code cache has no dynamic import of its own on Node 20 (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING), so
 * this loader lends its own. Loaded by plain require (a playbook run without bin/tsible.js), the bundle uses its own.
 */
export const IMPORT_SYMBOL_NAME = 'tsible.import';

/** Options that make a play or an ad hoc command list or check instead of running its tasks. */
const LISTING = new Set(['--list-hosts', '--list-tasks', '--list-tags', '--syntax-check']);

/**
 * Which cache a run uses: a play, an ad hoc command and the rest (help, vault, listings…) each compile a different part
 * of tsible, and V8's cache holds what was compiled when it was made (a listing must not make the cache plays then use).
 */
export function runKind(args) {
  if (args.some((a) => LISTING.has(a))) return 'other';
  if (args[0] === 'play') return 'play';
  return args.some((a) => a === '-m' || a === '-a' || a.startsWith('--module-name') || a.startsWith('--args')) ? 'adhoc' : 'other';
}

/**
 * Runs the bundle (as `require` would, and registered in require's cache, so dist/'s re-exports get this same copy) and
 * returns its exports with `saveCache(exitCode)`, to call when the command is done: when there was no usable cache and
 * the command ran to its end (exit 0, or 2 and 4 for failed and unreachable hosts), V8's cache of what it compiled is
 * written (atomically; a folder that cannot be written is no error). A cache V8 rejects (another Node, a damaged file)
 * is replaced the same way.
 */
export function loadBundle(distUrl, kind) {
  const file = realpathSync(fileURLToPath(new URL('bundle/tsible.cjs', distUrl)));
  const cacheFile = `${file}.${kind}.v8-cache`;
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    // none yet
  }
  globalThis[Symbol.for(IMPORT_SYMBOL_NAME)] = (specifier) => import(specifier);
  const script = new Script(Module.wrap(readFileSync(file, 'utf8')), { filename: file, cachedData });
  const mod = new Module(file, undefined);
  mod.filename = file;
  mod.paths = Module._nodeModulePaths(dirname(file));
  const require = createRequire(file);
  require.cache[file] = mod;
  try {
    script.runInThisContext().call(mod.exports, mod.exports, require, mod, file, dirname(file));
  } catch (e) {
    delete require.cache[file];
    throw e;
  }
  mod.loaded = true;
  const stale = cachedData === undefined || script.cachedDataRejected === true;
  return {
    exports: mod.exports,
    saveCache(exitCode) {
      if (!stale || ![0, 2, 4].includes(exitCode)) return;
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      try {
        writeFileSync(tmp, script.createCachedData());
        renameSync(tmp, cacheFile);
      } catch {
        rmSync(tmp, { force: true });
      }
    },
  };
}
