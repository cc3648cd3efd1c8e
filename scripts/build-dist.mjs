// Compiles tsible's own TypeScript (tsconfig.build.json's folders) to dist/ for a fast start; npm's `prepare` runs it, and bin/tsible.js uses dist/ only while the sources are exactly those it was built from.
// Usage: node scripts/build-dist.mjs — type errors do not stop the build (`npm run typecheck` reports them); dist/build.json is written last.
import { execFileSync } from 'node:child_process';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { sourceStamps } from '../bin/dist-state.js';
import { bundleYargs } from './bundle-yargs.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const startedMs = Date.now();
const next = `${root}dist.build-${process.pid}`;
const { include: dirs } = JSON.parse(readFileSync(`${root}tsconfig.build.json`, 'utf8'));
// Taken before compiling: a source edited while tsc runs no longer matches, so that build is not used.
const sources = sourceStamps(pathToFileURL(root), dirs);
rmSync(next, { recursive: true, force: true });
try {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--noCheck', '--outDir', next], { cwd: root, stdio: 'inherit' });
  await bundleYargs(root, next);
  // Written last: a dist/ without it (half built) is never used.
  writeFileSync(`${next}/build.json`, `${JSON.stringify({ startedAt: new Date(startedMs).toISOString(), dirs, sources })}\n`);
  rmSync(`${root}dist`, { recursive: true, force: true });
  renameSync(next, `${root}dist`);
} finally {
  rmSync(next, { recursive: true, force: true });
}
console.log(`tsible: built dist/ (${((Date.now() - startedMs) / 1000).toFixed(1)} s)`);
