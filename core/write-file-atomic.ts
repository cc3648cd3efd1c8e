// Writes a file atomically: a temp file beside it with the final mode (and owner) from the first byte, then rename over it.
import { randomBytes } from 'node:crypto';
import { closeSync, fchmodSync, fchownSync, fsyncSync, openSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export interface AtomicWriteOptions {
  /** Mode of a new file (default 0600); an existing file keeps its own mode. */
  mode?: number;
}

/**
 * Replaces `path` with `data` so that readers see the old or the new content, never a part.
 * An existing file keeps its mode and (when the process may set it) owner and group; a symbolic
 * link is followed, so the file it points to is replaced and the link kept.
 */
export function writeFileAtomicSync(path: string, data: Buffer | string, options: AtomicWriteOptions = {}): void {
  let target = path;
  let existing: ReturnType<typeof statSync> | undefined;
  try {
    target = realpathSync(path);
    existing = statSync(target);
  } catch {
    existing = undefined;
  }
  const mode = existing ? existing.mode & 0o7777 : options.mode ?? 0o600;
  const tmp = join(dirname(target), `.${basename(target)}.${randomBytes(4).toString('hex')}.tmp`);
  const fd = openSync(tmp, 'wx', mode);
  try {
    fchmodSync(fd, mode); // the umask may have removed bits
    if (existing) {
      try {
        fchownSync(fd, existing.uid, existing.gid);
      } catch {
        // not root: the file stays ours, as when any editor rewrites it
      }
    }
    const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    for (let off = 0; off < buf.length; ) off += writeSync(fd, buf, off);
    fsyncSync(fd);
    closeSync(fd);
    renameSync(tmp, target);
  } catch (e) {
    try { closeSync(fd); } catch { /* already closed */ }
    try { unlinkSync(tmp); } catch { /* already gone */ }
    throw e;
  }
}
