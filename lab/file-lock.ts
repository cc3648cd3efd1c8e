// A lock file holding its owner's PID: concurrent builders of one cache entry wait for each other; a dead owner's lock is taken over.
import { open, readFile, rm, stat } from 'node:fs/promises';

/** How withFileLock waits and fails. */
export interface FileLockOptions {
  /** Poll interval while another live process holds the lock (default 500 ms). */
  pollMs?: number;
  /** Called once, when the lock is found held by the live process `owner`. */
  onWait?: (owner: number) => void;
  /** The error to throw when the lock file cannot be created (default the file system's). */
  lockError?: (cause: unknown) => Error;
}

/** A lock file without a PID yet is its owner's until this old (it writes the PID right after creating it). */
const OWNERLESS_GRACE_MS = 10_000;

/** Takes `lockFile`, waiting (polling) while a live process holds it; resolves to the function that releases it. */
export async function acquireFileLock(lockFile: string, options: FileLockOptions = {}): Promise<() => Promise<void>> {
  let told = false;
  for (;;) {
    try {
      const fh = await open(lockFile, 'wx', 0o644);
      await fh.writeFile(`${process.pid}\n`);
      await fh.close();
      return () => rm(lockFile, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw options.lockError ? options.lockError(e) : e;
    }
    const owner = Number((await readFile(lockFile, 'utf8').catch(() => '')).trim());
    const age = Date.now() - ((await stat(lockFile).catch(() => null))?.mtimeMs ?? 0);
    if (owner ? !alive(owner) : age > OWNERLESS_GRACE_MS) {
      await rm(lockFile, { force: true });
      continue;
    }
    if (!told && owner) options.onWait?.(owner);
    told = true;
    await new Promise((r) => setTimeout(r, options.pollMs ?? 500));
  }
}

/** Runs `fn` while holding `lockFile`; waits (polling) while a live process holds it. */
export async function withFileLock<T>(lockFile: string, fn: () => Promise<T>, options: FileLockOptions = {}): Promise<T> {
  const release = await acquireFileLock(lockFile, options);
  try {
    return await fn();
  } finally {
    await release();
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
