// Finds a file on the control machine relative to the playbook: BASE/src, then BASE/<kind>/src (Ansible's templates/, files/); reads it once per version.
import type { BigIntStats } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { ArgsError, type ErrorLocation } from '../../core/errors.ts';

/** Files larger than this are read again for every host rather than kept in memory. */
const CACHE_MAX_FILE_BYTES = 16 * 1024 * 1024;
/** How many file versions are kept (the oldest goes first). */
const CACHE_MAX_ENTRIES = 256;

/**
 * Bytes of files already read, by path and version (inode, size, modification and change times in ns): the
 * same `src` copied to 50 hosts is read once, and a file changed since (by a long-lived process or between two
 * runs) has another key and is read again. The promise is stored, so hosts asking at once share one read.
 */
const cache = new Map<string, Promise<Buffer>>();

/** The first existing regular file among the candidates for `src` (with its stat); ArgsError listing what was tried. */
async function findWithStat(baseDir: string, src: string, kind: 'templates' | 'files', where: ErrorLocation, allowDir = false): Promise<{ file: string; stats: BigIntStats }> {
  const candidates = isAbsolute(src) ? [src] : [join(baseDir, src), join(baseDir, kind, src)];
  for (const c of candidates) {
    const s = await stat(c, { bigint: true }).catch(() => undefined);
    if (s?.isDirectory() && !allowDir) throw new ArgsError(`${c} is a directory; give a file`, { ...where, field: 'src' });
    if (s?.isFile() || s?.isDirectory()) return { file: c, stats: s };
  }
  throw new ArgsError(`no such file on the control machine: tried ${candidates.join(', ')}`, { ...where, field: 'src' });
}

/** The first existing regular file among the candidates for `src`; ArgsError listing what was tried. */
export async function findLocalFile(baseDir: string, src: string, kind: 'templates' | 'files', where: ErrorLocation): Promise<string> {
  return (await findWithStat(baseDir, src, kind, where)).file;
}

/** The first existing file or directory among the candidates for `src`, and whether it is a directory. */
export async function findLocalSource(baseDir: string, src: string, kind: 'templates' | 'files', where: ErrorLocation): Promise<{ file: string; isDir: boolean }> {
  const { file, stats } = await findWithStat(baseDir, src, kind, where, true);
  return { file, isDir: stats.isDirectory() };
}

/** Reads a file found by findLocalFile (once per version of the file; callers must not modify the bytes), with its permission bits. */
export async function readLocalFile(baseDir: string, src: string, kind: 'templates' | 'files', where: ErrorLocation): Promise<{ file: string; bytes: Buffer; mode: number }> {
  const { file, stats } = await findWithStat(baseDir, src, kind, where);
  const mode = Number(stats.mode & 0o7777n);
  if (stats.size > CACHE_MAX_FILE_BYTES) return { file, bytes: await readFile(file), mode };
  const key = `${file}\0${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeNs}:${stats.ctimeNs}`;
  let bytes = cache.get(key);
  if (!bytes) {
    bytes = readFile(file);
    // A failed read is not kept: the next host tries again (and reports its own error).
    bytes.catch(() => cache.delete(key));
    cache.set(key, bytes);
    if (cache.size > CACHE_MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  }
  return { file, bytes: await bytes, mode };
}
