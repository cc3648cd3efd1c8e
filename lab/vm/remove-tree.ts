// Removes a build tree safely: first unmounts whatever is still mounted under it (a killed debootstrap leaves /proc, /sys, /dev binds).
import { readFile, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { run } from './run.ts';
import { VmError } from './vm-error.ts';

/** Mount points strictly under `dir`, deepest first (from /proc/self/mountinfo). */
export function mountsUnder(mountinfo: string, dir: string): string[] {
  const root = resolve(dir);
  const points = mountinfo.split('\n').flatMap((line) => {
    const field = line.split(' ')[4];
    if (!field) return [];
    const point = field.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));
    return point.startsWith(`${root}/`) ? [point] : [];
  });
  return [...new Set(points)].sort((a, b) => b.length - a.length);
}

/** Unmounts everything under `dir`, then deletes it; refuses to delete while something stays mounted. */
export async function removeTree(dir: string): Promise<void> {
  for (const point of mountsUnder(await readFile('/proc/self/mountinfo', 'utf8'), dir)) {
    await run(['umount', '-l', point]).catch(() => {});
  }
  const left = mountsUnder(await readFile('/proc/self/mountinfo', 'utf8'), dir);
  if (left.length) throw new VmError(`not deleting ${dir}: still mounted under it: ${left.join(', ')}`);
  await rm(dir, { recursive: true, force: true });
}
