#!/usr/bin/env node
// The tsible command: runs the CLI compiled to dist/ when that is fresh (else the TypeScript sources through tsx); the user's playbooks, inventories and modules are compiled through tsible's compile cache (core/compile-cache.ts).
import { register as registerHooks } from 'node:module';
import { freshDist } from './dist-state.js';
import { limitHeapGrowth } from './heap-growth.js';
import { loadBundle, runKind } from './load-bundle.js';

limitHeapGrowth();

const args = process.argv.slice(2);
// `tsible lab` starts helper processes by source path, and `tsible drill` (which drives the lab) is not in dist/: both
// always run from the sources. TSIBLE_NO_DIST=1 forces them.
const dist = args[0] === 'lab' || args[0] === 'drill' || args[0] === 'monitor' || process.env.TSIBLE_NO_DIST ? undefined : freshDist();
let main;
let bundle;
if (dist) {
  // tsible's own code loads as plain JavaScript (one file, with V8's code cache), and no loader hook is registered up
  // front: --help, --version and ad hoc runs never start tsx's loader thread, and a playbook is imported compiled from the cache.
  bundle = loadBundle(dist, runKind(args));
  const { setTypeScriptLoader } = bundle.exports;
  ({ main } = bundle.exports);
  // Only when the compile cache cannot be used (its folder not writable): tsx, and then the redirect of tsible's own sources.
  setTypeScriptLoader(async () => {
    const { register } = await import('tsx/esm/api');
    register();
    // Registered after tsx, so it runs first: a playbook's `../core/index.ts` becomes dist/core/index.js (one copy of tsible).
    registerHooks('./dist-redirect.mjs', import.meta.url, { data: { root: new URL('..', import.meta.url).href, dist: dist.href } });
  });
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../cli/main.ts'));
}
process.exitCode = await main(args);
bundle?.saveCache(process.exitCode);
