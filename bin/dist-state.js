// Whether dist/ (tsible compiled ahead of time by scripts/build-dist.mjs) may run: built completely, from exactly the sources there are now.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Every `.ts` file under `dirs` (relative to `root`) with its size and modification time, and every folder (a key
 * ending in `/`) with its modification time: what a build was made from. Compared whole, so an edit, a new or deleted
 * file (its folder's time changes), or a file restored with an older time (tar, cp -p) all count.
 */
export function sourceStamps(root, dirs) {
  const stamps = {};
  for (const dir of dirs) {
    stamps[`${dir}/`] = [0, Math.round(statSync(new URL(`${dir}/`, root)).mtimeMs)];
    for (const entry of readdirSync(new URL(`${dir}/`, root), { recursive: true, withFileTypes: true })) {
      const rel = relative(fileURLToPath(root), join(entry.parentPath, entry.name)).split(sep).join('/');
      if (entry.isDirectory()) stamps[`${rel}/`] = [0, Math.round(statSync(new URL(`${rel}/`, root)).mtimeMs)];
      else if (entry.name.endsWith('.ts')) stamps[rel] = stamp(new URL(rel, root));
    }
  }
  return stamps;
}

/** [size, modification time in whole ms] (rounded: utimes lands a hair either side); undefined when it is gone. */
function stamp(path) {
  const s = statSync(path, { throwIfNoEntry: false });
  return s && [s.size, Math.round(s.mtimeMs)];
}

/**
 * The dist/ folder URL when it is fresh; undefined when it is missing, half built or made from other sources (then
 * the sources run). Checked against the build's own list, one stat per file and folder and no folder listing (start-up
 * time): a file added or removed since changes its folder's time, and an added folder changes its parent's.
 */
export function freshDist(root = new URL('..', import.meta.url)) {
  let build;
  try {
    build = JSON.parse(readFileSync(new URL('dist/build.json', root), 'utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(build?.dirs) || typeof build.sources !== 'object' || !build.sources) return undefined;
  const names = Object.keys(build.sources);
  if (!build.dirs.every((dir) => names.includes(`${dir}/`))) return undefined; // a build.json from before folders were stamped
  const rootPath = fileURLToPath(root); // paths, not URLs: a URL per file cost more than its stat
  for (const name of names) {
    const [size, mtimeMs] = build.sources[name] ?? [];
    const now = name.endsWith('/') ? [0, stamp(rootPath + name)?.[1]] : stamp(rootPath + name);
    if (!now || now[0] !== size || now[1] !== mtimeMs) return undefined;
  }
  return new URL('dist/', root);
}
