// Bundles tsible's own code for dist/ (scripts/build-dist.mjs calls it): a few dozen files loaded by a command instead of one per source file, and one copy of every module for the playbooks that import them.
// Layout written into the build folder:
//   bundle/main.js, bundle/import-typescript.js  what bin/tsible.js imports (code split: what a command imports lazily stays a separate chunk)
//   bundle/all.js                                 every core/ and modules/ source file, by its path (the playbooks' way in)
//   core/**.js, modules/**.js                     one small file per source file, re-exporting its module from bundle/all.js, so a
//                                                 playbook's `../core/index.ts` (redirected to dist/core/index.js) is the CLI's own copy
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

const posix = (p) => p.split(sep).join('/');

/**
 * Writes the bundle and the per-file re-exports into `outDir` (a folder that becomes dist/). `dirs`: the source folders
 * (tsconfig.build.json's include); `sources`: the build's stamps of them (bin/dist-state.js's sourceStamps), whose `.ts`
 * files under core/ and modules/ get re-exports (what playbooks and user modules import).
 */
export async function bundleTsible(root, outDir, dirs, sources) {
  const esbuild = await import('esbuild');
  const importable = Object.keys(sources).filter((f) => /^(core|modules)\/.*(?<!\.d|\.invalid)\.ts$/.test(f)).sort();
  const allSource = `${importable.map((f, i) => `import * as m${i} from ${JSON.stringify(`./${f}`)};`).join('\n')}
export const files = { ${importable.map((f, i) => `${JSON.stringify(f)}: m${i}`).join(', ')} };
`;
  await esbuild.build({
    entryPoints: { main: join(root, 'cli/main.ts'), 'import-typescript': join(root, 'core/import-typescript.ts'), all: 'tsible:all' },
    bundle: true, splitting: true, format: 'esm', platform: 'node', target: `node${process.versions.node.split('.')[0]}`,
    packages: 'external', outdir: join(outDir, 'bundle'), entryNames: '[name]', chunkNames: 'chunk-[hash]', logLevel: 'warning',
    plugins: [{
      name: 'tsible-bundle',
      setup(build) {
        build.onResolve({ filter: /^tsible:all$/ }, () => ({ path: 'all', namespace: 'tsible' }));
        build.onLoad({ filter: /.*/, namespace: 'tsible' }, () => ({ contents: allSource, loader: 'js', resolveDir: root }));
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
  // The names each module exports, read from the bundle itself (a child process: importing runs the modules' top level).
  const names = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e',
    `const { files } = await import(${JSON.stringify(pathToFileURL(join(outDir, 'bundle/all.js')).href)});
     process.stdout.write(JSON.stringify(Object.fromEntries(Object.entries(files).map(([f, m]) => [f, Object.keys(m)]))));`], { encoding: 'utf8' }));
  for (const file of importable) {
    const out = join(outDir, file.replace(/\.ts$/, '.js'));
    mkdirSync(dirname(out), { recursive: true });
    const all = posix(relative(dirname(out), join(outDir, 'bundle/all.js')));
    const exported = names[file].filter((n) => n !== 'default');
    writeFileSync(out, [
      `// ${file}, re-exported from the bundle (${all}; written by scripts/bundle-tsible.mjs): the one copy tsible runs.`,
      `import { files } from ${JSON.stringify(all.startsWith('.') ? all : `./${all}`)};`,
      `const m = files[${JSON.stringify(file)}];`,
      exported.length ? `export const { ${exported.join(', ')} } = m;` : '',
      names[file].includes('default') ? 'export default m.default;' : '',
    ].filter(Boolean).join('\n') + '\n');
  }
}
