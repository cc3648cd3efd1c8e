// Whether dist/ (tsible compiled ahead of time by scripts/build-dist.mjs) may run: built completely, from exactly the sources there are now.
import { readdirSync, readFileSync, statSync } from 'node:fs';

/**
 * Every `.ts` file under `dirs` (relative to `root`) with its size and modification time: what a build was made from.
 * Compared whole, so an edit, a new or deleted file, or a file restored with an older time (tar, cp -p) all count.
 */
export function sourceStamps(root, dirs) {
  const stamps = {};
  for (const dir of dirs) {
    for (const file of readdirSync(new URL(`${dir}/`, root), { recursive: true })) {
      if (!file.endsWith('.ts')) continue;
      const s = statSync(new URL(`${dir}/${file}`, root));
      stamps[`${dir}/${file}`] = [s.size, Math.round(s.mtimeMs)]; // whole ms (rounded: utimes lands a hair either side)
    }
  }
  return stamps;
}

/** The dist/ folder URL when it is fresh; undefined when it is missing, half built or made from other sources (then the sources run). */
export function freshDist(root = new URL('..', import.meta.url)) {
  let build;
  try {
    build = JSON.parse(readFileSync(new URL('dist/build.json', root), 'utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(build?.dirs) || typeof build.sources !== 'object' || !build.sources) return undefined;
  const now = sourceStamps(root, build.dirs);
  const built = build.sources;
  const names = Object.keys(now);
  if (names.length !== Object.keys(built).length) return undefined;
  for (const name of names) {
    const [size, mtimeMs] = built[name] ?? [];
    if (size !== now[name][0] || mtimeMs !== now[name][1]) return undefined;
  }
  return new URL('dist/', root);
}
