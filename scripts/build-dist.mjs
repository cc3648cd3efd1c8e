// Compiles tsible's own TypeScript (tsconfig.build.json's folders) to dist/ for a fast start; npm's `prepare` runs it, and bin/tsible.js uses dist/ only while the sources are exactly those it was built from.
// Usage: node scripts/build-dist.mjs — esbuild, no type check (`npm run typecheck` reports type errors); dist/build.json is written last.
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { sourceStamps } from '../bin/dist-state.js';
import { bundleTsible } from './bundle-tsible.mjs';
import { bundleYargs } from './bundle-yargs.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const startedMs = Date.now();
const next = `${root}dist.build-${process.pid}`;
const { include: dirs } = JSON.parse(readFileSync(`${root}tsconfig.build.json`, 'utf8'));
// Taken before compiling: a source edited while esbuild runs no longer matches, so that build is not used.
const sources = sourceStamps(pathToFileURL(root), dirs);
rmSync(next, { recursive: true, force: true });
try {
  await bundleYargs(root, next);
  await bundleTsible(root, next, dirs, sources);
  // Written last: a dist/ without it (half built) is never used.
  writeFileSync(`${next}/build.json`, `${JSON.stringify({ startedAt: new Date(startedMs).toISOString(), dirs, sources })}\n`);
  rmSync(`${root}dist`, { recursive: true, force: true });
  renameSync(next, `${root}dist`);
} finally {
  rmSync(next, { recursive: true, force: true });
}
console.log(`tsible: built dist/ (${((Date.now() - startedMs) / 1000).toFixed(1)} s)`);
