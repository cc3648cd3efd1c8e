// Bundles yargs for dist/ (scripts/build-dist.mjs calls it): one file instead of ~40, and its help renderer (string-width, cliui) loaded on the first help text instead of at every start.
// Why: importing the yargs package cost ~100 ms of every tsible command: module resolution over ~40 files, and string-width's top level
// (a `\p{RGI_Emoji}` regular expression V8 validates at parse, ~30 ms, and an Intl.Segmenter, ~16 ms), used only to lay out help.
// And yargs renders the whole help text of a command each time it starts the command's handler (kept in case the handler
// later asks for it: usage.cacheHelpMessage), ~100 ms of every `tsible play` with the renderer's loading; tsible never
// asks (its fail handler throws, the command line prints the error), so the bundle leaves that text unrendered.
import { readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';

/** The lazy stand-in for a help-only package: its default export, required from `yargs-help.cjs` on the first call. */
const lazyDefault = (exportName) => `import { createRequire } from 'node:module';
let help;
export default function (...args) {
  help ??= createRequire(import.meta.url)('./yargs-help.cjs');
  return help.${exportName}(...args);
}
`;

/** The file at `path` with `needle` replaced; throws when yargs no longer has it (an update), so the build stops instead of shipping a parser that lost its messages. */
function patched(path, needle, replacement) {
  const source = readFileSync(path, 'utf8');
  if (!source.includes(needle)) throw new Error(`${path}: no ${needle} (yargs changed; update scripts/bundle-yargs.mjs)`);
  return { contents: source.replace(needle, replacement), loader: 'js' };
}

/**
 * Writes `vendor/yargs.js` (ES module, yargs' default export) and `vendor/yargs-help.cjs` (string-width and cliui, as
 * yargs resolves them) into `outDir`. cli/load-yargs.ts imports the first when it is there.
 */
export async function bundleYargs(root, outDir) {
  const esbuild = await import('esbuild');
  // As installed under the package (its translations are found from there, node_modules linked or not), and its real
  // path (esbuild names importers by their real paths).
  const yargsDir = dirname(createRequire(join(root, 'package.json')).resolve('yargs/package.json'));
  const yargsRealDir = realpathSync(yargsDir);
  const vendor = join(outDir, 'vendor');
  const SHIM = /[\\/]lib[\\/]platform-shims[\\/]esm\.mjs$/;
  const LOCALES = "resolve(__dirname, '../../../locales')";
  const USAGE = /[\\/]build[\\/]lib[\\/]usage\.js$/;
  const CACHE_HELP = 'cachedHelpMessage = this.help();';
  const common = { bundle: true, platform: 'node', target: `node${process.versions.node.split('.')[0]}`, logLevel: 'warning', legalComments: 'inline' };

  await esbuild.build({
    ...common,
    stdin: { contents: "export { default } from 'yargs';", resolveDir: root, sourcefile: 'yargs-entry.mjs' },
    format: 'esm',
    outfile: join(vendor, 'yargs.js'),
    plugins: [{
      name: 'yargs-lazy-help',
      setup(build) {
        build.onResolve({ filter: /^(string-width|cliui)$/ }, (args) =>
          args.importer && realpathSync(args.importer).startsWith(yargsRealDir) ? { path: args.path, namespace: 'lazy-help' } : undefined);
        build.onLoad({ filter: /.*/, namespace: 'lazy-help' }, (args) => ({
          contents: lazyDefault(args.path === 'cliui' ? 'cliui' : 'stringWidth'), loader: 'js', resolveDir: vendor,
        }));
        // Its translations stay where npm put them: the path is made relative to the bundle instead of yargs' own file.
        const locales = relative(vendor, join(yargsDir, 'locales')).split('\\').join('/');
        build.onLoad({ filter: SHIM }, (args) => patched(args.path, LOCALES, `fileURLToPath(new URL(${JSON.stringify(`${locales}/`)}, import.meta.url))`));
        build.onLoad({ filter: USAGE }, (args) => patched(args.path, CACHE_HELP, '/* tsible: not rendered, never shown (scripts/bundle-yargs.mjs) */'));
      },
    }],
  });

  await esbuild.build({
    ...common,
    stdin: { contents: "export { default as stringWidth } from 'string-width';\nexport { default as cliui } from 'cliui';\n", resolveDir: yargsRealDir, sourcefile: 'yargs-help-entry.mjs' },
    format: 'cjs',
    outfile: join(vendor, 'yargs-help.cjs'),
  });
}
