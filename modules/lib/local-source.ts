// Finds a file on the control machine relative to the playbook: BASE/src, then BASE/<kind>/src (Ansible's templates/, files/).
import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { ArgsError, type ErrorLocation } from '../../core/errors.ts';

/** The first existing regular file among the candidates for `src`; ArgsError listing what was tried. */
export async function findLocalFile(baseDir: string, src: string, kind: 'templates' | 'files', where: ErrorLocation): Promise<string> {
  const candidates = isAbsolute(src) ? [src] : [join(baseDir, src), join(baseDir, kind, src)];
  for (const c of candidates) {
    const s = await stat(c).catch(() => undefined);
    if (s?.isDirectory()) throw new ArgsError(`${c} is a directory; give a file`, { ...where, field: 'src' });
    if (s?.isFile()) return c;
  }
  throw new ArgsError(`no such file on the control machine: tried ${candidates.join(', ')}`, { ...where, field: 'src' });
}

/** Reads a file found by findLocalFile. */
export async function readLocalFile(baseDir: string, src: string, kind: 'templates' | 'files', where: ErrorLocation): Promise<{ file: string; bytes: Buffer }> {
  const file = await findLocalFile(baseDir, src, kind, where);
  return { file, bytes: await readFile(file) };
}
