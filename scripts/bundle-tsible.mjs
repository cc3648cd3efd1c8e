// Bundles tsible's own code for dist/ (scripts/build-dist.mjs calls it) into one CommonJS file that bin/load-bundle.js loads with V8's code cache, and one small re-export per source file for the playbooks.
// Layout written into the build folder:
//   bundle/tsible.cjs        cli/main.ts's `main`, import-typescript's `setTypeScriptLoader`, and `files`: every core/ and modules/
//                            source file's module by its path, each evaluated on first use (what a command imports lazily still is)
//   core/**.js, modules/**.js one small ES module per source file re-exporting its module from bundle/tsible.cjs, so a playbook's
//                            `../core/index.ts` (redirected to dist/core/index.js) is the CLI's own copy
// Why one CommonJS file (measured, `play --list-hosts` of the bench's pyinfra set, instructions under callgrind): Node 20's ES module
// loader costs about 1 ms of CPU a module, and the code-split ES build loaded ~70 chunks (1,337 M instructions, node -e 0: 506 M);
// one CommonJS file cost 1,202 M, and 1,071 M read from V8's code cache, which Node 20 offers for scripts, not for ES modules.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { IMPORT_SYMBOL_NAME } from '../bin/load-bundle.js';

const posix = (p) => p.split(sep).join('/');

/** A dynamic import() call in esbuild's output (types are gone by then; tsible's sources print no such text in strings). */
const DYNAMIC_IMPORT = /(?<![\w$.'"`])import\(/g;

/** The bundle's text split after the banner's lines (whose own import() is the fallback). */
function splitAfterBanner(text) {
  const end = text.indexOf('\n', text.indexOf('const __tsibleImport')) + 1;
  if (end <= 0) throw new Error('bundle-tsible: the banner is missing from the bundle');
  return [text.slice(0, end), text.slice(end)];
}

/** Packages published as ES modules only, bundled in: a CommonJS file cannot import them statically. The others stay where npm installed them. */
const BUNDLED_PACKAGES = /^(p-limit|yocto-queue)(\/|$)/;

/**
 * Writes the bundle and the per-file re-exports into `outDir` (a folder that becomes dist/). `dirs`: the source folders
 * (tsconfig.build.json's include); `sources`: the build's stamps of them (bin/dist-state.js's sourceStamps), whose `.ts`
 * files under core/ and modules/ get re-exports (what playbooks and user modules import).
 */
export async function bundleTsible(root, outDir, dirs, sources) {
  const esbuild = await import('esbuild');
  const importable = Object.keys(sources).filter((f) => /^(core|modules)\/.*(?<!\.d|\.invalid)\.ts$/.test(f)).sort();
  // `require` of a bundled ES module is esbuild's lazy init of it: a file's module is evaluated when first asked for.
  const entrySource = `export { main } from './cli/main.ts';
export { setTypeScriptLoader } from './core/import-typescript.ts';
export const files = { ${importable.map((f) => `get ${JSON.stringify(f)}() { return require(${JSON.stringify(`./${f}`)}); }`).join(',\n  ')} };
`;
  await esbuild.build({
    entryPoints: { tsible: 'tsible:entry' },
    bundle: true, format: 'cjs', platform: 'node', target: `node${process.versions.node.split('.')[0]}`,
    outdir: join(outDir, 'bundle'), outExtension: { '.js': '.cjs' }, logLevel: 'warning',
    // Every file's import.meta.url is rewritten below to a URL relative to the bundle's own.
    define: { 'import.meta.url': '__tsibleBundleUrl' },
    // Strict as the ES modules it is made of were.
    banner: { js: `'use strict';
const __tsibleBundleUrl = require('node:url').pathToFileURL(__filename).href;
const __tsibleImport = globalThis[Symbol.for(${JSON.stringify(IMPORT_SYMBOL_NAME)})] ?? ((specifier) => import(specifier));` },
    plugins: [{
      name: 'tsible-bundle',
      setup(build) {
        build.onResolve({ filter: /^tsible:entry$/ }, () => ({ path: 'entry', namespace: 'tsible' }));
        build.onLoad({ filter: /.*/, namespace: 'tsible' }, () => ({ contents: entrySource, loader: 'js', resolveDir: root }));
        build.onResolve({ filter: /^[^./]/ }, (args) => (BUNDLED_PACKAGES.test(args.path) || args.path.startsWith('node:') ? undefined : { path: args.path, external: true }));
        // `tsible lab`, `drill` and `monitor` always run from the sources (bin/tsible.js): their code is not bundled.
        build.onResolve({ filter: /^\.\.?\// }, (args) => {
          const rel = posix(relative(root, join(args.resolveDir, args.path)));
          return dirs.some((d) => rel.startsWith(`${d}/`)) ? undefined : { path: rel, namespace: 'sources-only' };
        });
        build.onLoad({ filter: /.*/, namespace: 'sources-only' }, (args) => ({
          contents: `throw new Error(${JSON.stringify(`${args.path} runs from the sources only (bin/tsible.js does not use dist/ for it)`)});`, loader: 'js',
        }));
        // Each file keeps its own place: import.meta.url is where its compiled twin would be (dist/core/x.js), so paths
        // relative to it (templates, createRequire, dist/vendor) resolve as they did file by file.
        build.onLoad({ filter: /\.ts$/ }, (args) => {
          const twin = posix(relative(root, args.path)).replace(/\.ts$/, '.js');
          const source = readFileSync(args.path, 'utf8').replace(/\bimport\.meta\.url\b/g, `new URL(${JSON.stringify(`../${twin}`)}, import.meta.url).href`);
          return { contents: source, loader: 'ts' };
        });
      },
    }],
  });
  // What esbuild leaves as import() (a package, a playbook, a file by its URL) goes through __tsibleImport (see bin/load-bundle.js's IMPORT_SYMBOL_NAME).
  const bundle = join(outDir, 'bundle/tsible.cjs');
  const [banner, body] = splitAfterBanner(readFileSync(bundle, 'utf8'));
  writeFileSync(bundle, banner + body.replace(DYNAMIC_IMPORT, '__tsibleImport('));
  // The names each module exports, read from the bundle itself (a child process: requiring runs the modules' top level).
  const names = JSON.parse(execFileSync(process.execPath, ['-e',
    `const { files } = require(${JSON.stringify(bundle)});
     process.stdout.write(JSON.stringify(Object.fromEntries(Object.keys(files).map((f) => [f, Object.keys(files[f]).filter((n) => n !== '__esModule')]))));`], { encoding: 'utf8' }));
  for (const file of importable) {
    const out = join(outDir, file.replace(/\.ts$/, '.js'));
    mkdirSync(dirname(out), { recursive: true });
    const rel = posix(relative(dirname(out), bundle));
    const exported = names[file].filter((n) => n !== 'default');
    writeFileSync(out, [
      `// ${file}, re-exported from the bundle (${rel}; written by scripts/bundle-tsible.mjs): the one copy tsible runs.`,
      "import { createRequire } from 'node:module';",
      `const m = createRequire(import.meta.url)(${JSON.stringify(rel.startsWith('.') ? rel : `./${rel}`)}).files[${JSON.stringify(file)}];`,
      exported.length ? `export const { ${exported.join(', ')} } = m;` : '',
      names[file].includes('default') ? 'export default m.default;' : '',
    ].filter(Boolean).join('\n') + '\n');
  }
}
