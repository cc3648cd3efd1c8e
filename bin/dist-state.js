// Whether dist/ (tsible compiled ahead of time by scripts/build-dist.mjs) may run: built completely, and no source of core/ or modules/ changed since the build started.
import { readdirSync, readFileSync, statSync } from 'node:fs';

/** The dist/ folder URL when it is fresh; undefined when it is missing, half built or older than a source (then the sources run). */
export function freshDist(root = new URL('..', import.meta.url)) {
  let startedMs;
  try {
    startedMs = JSON.parse(readFileSync(new URL('dist/build.json', root), 'utf8')).startedMs;
  } catch {
    return undefined;
  }
  if (typeof startedMs !== 'number') return undefined;
  for (const dir of ['core/', 'modules/']) {
    for (const file of readdirSync(new URL(dir, root), { recursive: true })) {
      // A file written during or after the build (an edit, a checkout, a new file) may be missing from dist/.
      if (file.endsWith('.ts') && statSync(new URL(dir + file, root)).mtimeMs >= startedMs) return undefined;
    }
  }
  return new URL('dist/', root);
}
