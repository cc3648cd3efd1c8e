// `lab prune`: removes the lab's caches (container rootfs, apt cache, lab/vm's images); refuses while a lab is up.
import { existsSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { LabError } from './lab-error.ts';
import { labPaths } from './paths.ts';
import { requireRoot } from './require-root.ts';
import { readState } from './state.ts';
import type { LabOptions } from './up.ts';

/** Deletes the cache folder's lab entries; returns what was removed. */
export async function labPrune(opts: LabOptions = {}): Promise<string[]> {
  requireRoot('prune');
  const paths = labPaths(opts);
  if (await readState(paths.stateFile)) throw new LabError('a lab is up and uses the caches; run `tsible lab down` first');
  if (!existsSync(paths.cacheDir)) return [];
  const removed: string[] = [];
  for (const e of await readdir(paths.cacheDir)) {
    if (!/^(rootfs-|vm-images-|apt$)/.test(e)) continue;
    await rm(join(paths.cacheDir, e), { recursive: true, force: true });
    removed.push(join(paths.cacheDir, e));
  }
  return removed;
}
