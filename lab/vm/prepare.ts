// Keeps the shared VM images in the cache folder: built once per recipe key, rebuilt when the recipe changes.
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { acquireFileLock } from '../file-lock.ts';
import { buildImages, IMAGE_FILES, type ImageManifest } from './build-images.ts';
import { recipeKey } from './recipe.ts';
import { removeTree } from './remove-tree.ts';
import { VmError } from './vm-error.ts';

/** Paths of a ready set of images. */
export interface VmImages {
  /** ext4 base image (read-only backing file of every overlay). */
  base: string;
  /** Kernel to boot directly. */
  kernel: string;
  /** busybox initramfs. */
  initrd: string;
  /** What the build recorded. */
  manifest: ImageManifest;
}

const PREFIX = 'vm-images-';
const inProcess = new Map<string, Promise<VmImages>>();

/**
 * The images of the current recipe in `cacheDir`, or null when they are not built yet, are incomplete (a file missing or
 * empty), or were built from another Debian release than `release` (the mirror's current one, when known).
 */
export async function readyImages(cacheDir: string, release?: string): Promise<VmImages | null> {
  const key = recipeKey();
  const dir = join(cacheDir, PREFIX + key);
  try {
    const manifest = JSON.parse(await readFile(join(dir, IMAGE_FILES.manifest), 'utf8')) as ImageManifest;
    if (manifest.key !== key || (release && manifest.release !== release)) return null;
    const images = { base: join(dir, IMAGE_FILES.base), kernel: join(dir, IMAGE_FILES.kernel), initrd: join(dir, IMAGE_FILES.initrd), manifest };
    for (const f of [images.base, images.kernel, images.initrd]) if (!((await stat(f)).size > 0)) return null;
    return images;
  } catch {
    return null;
  }
}

/**
 * Builds the images unless the current recipe's are cached, complete, and (when `release`, the mirror's current Debian
 * release, is given) built from that release; removes builds of older recipes. Idempotent.
 */
export function prepareVmImages(cacheDir: string, log: (line: string) => void = () => {}, release?: string): Promise<void> {
  return ensureImages(cacheDir, log, release).then(() => undefined);
}

/** prepareVmImages, returning the image paths. Concurrent callers (in or across processes) share one build. */
export function ensureImages(cacheDir: string, log: (line: string) => void = () => {}, release?: string): Promise<VmImages> {
  const id = `${cacheDir}\0${recipeKey()}\0${release ?? ''}`;
  let p = inProcess.get(id);
  if (!p) {
    p = ensureLocked(cacheDir, log, release).finally(() => inProcess.delete(id));
    inProcess.set(id, p);
  }
  return p;
}

async function ensureLocked(cacheDir: string, log: (line: string) => void, release?: string): Promise<VmImages> {
  const ready = await readyImages(cacheDir, release);
  if (ready) return ready;
  const stale = await readyImages(cacheDir);
  if (stale) log(`vm-images: built from Debian ${stale.manifest.release ?? '(an unrecorded release)'} (kernel ${stale.manifest.kernelRelease}); the mirror has ${release}: rebuilding`);
  await mkdir(cacheDir, { recursive: true });
  const lockFile = join(cacheDir, `${PREFIX}build.lock`);
  const unlock = await acquireFileLock(lockFile, {
    pollMs: 1000,
    onWait: (owner) => log(`vm-images: waiting for process ${owner}, which is building the images`),
    lockError: (e) => new VmError(`cannot lock ${lockFile}`, {}, { cause: e }),
  });
  try {
    const again = await readyImages(cacheDir, release);
    if (again) return again;
    const key = recipeKey();
    const tmp = join(cacheDir, `${PREFIX}${key}.tmp`);
    const scratch = join(cacheDir, `${PREFIX}${key}.scratch`);
    await rm(tmp, { recursive: true, force: true });
    await removeTree(scratch);
    await mkdir(tmp, { recursive: true });
    const t0 = Date.now();
    log(`vm-images: building into ${cacheDir} (recipe ${key})`);
    try {
      await buildImages(tmp, scratch, key, log, release);
    } finally {
      await removeTree(scratch);
    }
    await removeTree(join(cacheDir, PREFIX + key)); // a build of an older release or an incomplete one (running VMs keep their open base)
    await rename(tmp, join(cacheDir, PREFIX + key));
    log(`vm-images: built in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    await removeStaleImages(cacheDir, key, log);
    const done = await readyImages(cacheDir, release);
    if (!done) throw new VmError(`VM images in ${cacheDir} missing right after the build`);
    return done;
  } finally {
    await unlock();
  }
}

/** Deletes image builds of other recipe keys (and their leftovers) from `cacheDir`; returns their names. */
export async function removeStaleImages(cacheDir: string, key: string, log: (line: string) => void = () => {}): Promise<string[]> {
  const stale = (await readdir(cacheDir)).filter((e) => e.startsWith(PREFIX) && e !== PREFIX + key && !e.endsWith('.lock'));
  for (const e of stale) {
    log(`vm-images: removing stale ${e}`);
    await removeTree(join(cacheDir, e));
  }
  return stale;
}
