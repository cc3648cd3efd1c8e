// Compiles tsible's own TypeScript (core/, modules/) to dist/ for a fast start; npm's `prepare` runs it, and bin/tsible.js uses dist/ only while no source is newer than the build.
// Usage: node scripts/build-dist.mjs — type errors do not stop the build (`npm run typecheck` reports them); dist/build.json is written last.
import { execFileSync } from 'node:child_process';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const startedMs = Date.now();
const next = `${root}dist.build-${process.pid}`;
rmSync(next, { recursive: true, force: true });
try {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--noCheck', '--outDir', next], { cwd: root, stdio: 'inherit' });
  // Written last: a dist/ without it (half built) is never used.
  writeFileSync(`${next}/build.json`, `${JSON.stringify({ startedMs, startedAt: new Date(startedMs).toISOString() })}\n`);
  rmSync(`${root}dist`, { recursive: true, force: true });
  renameSync(next, `${root}dist`);
} finally {
  rmSync(next, { recursive: true, force: true });
}
console.log(`tsible: built dist/ (${((Date.now() - startedMs) / 1000).toFixed(1)} s)`);
