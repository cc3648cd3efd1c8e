// Fact: what the file module needs besides the path's stat: does a link's source exist, is a directory empty, inodes, times, missing parents.
import { posix } from 'node:path';
import { FactError } from '../../core/errors.ts';
import type { FactDefinition } from '../../core/facts.ts';
import { quoteWord } from '../../core/quote.ts';

/** Answers to the questions asked (a field is set only when its question was asked). */
export interface PathLinks {
  /** Whether `srcExists` (a path) exists, following links. */
  srcExists?: boolean;
  /** Whether the directory at the path holds nothing. */
  dirEmpty?: boolean;
  /** Inode and link count of the path (lstat), and the inode of src (stat). */
  inode?: number;
  nlink?: number;
  srcInode?: number;
  /** Access and modification time of `timesOf` (whole seconds). */
  atime?: number;
  mtime?: number;
  /** Wanted times converted on the host (local time zone), in seconds. */
  wantAtime?: number;
  wantMtime?: number;
  /** The path's ancestors that do not exist, outermost first. */
  missingParents?: string[];
}

export interface PathLinksQuestions {
  /** Check that this path exists (stat, following links). */
  srcExists?: string;
  /** The path is a directory: is it empty? */
  dirEmpty?: boolean;
  /** Inode and link count of the path, and of this src. */
  inodes?: { src?: string };
  /** Read this path's access and modification times. */
  timesOf?: string;
  /** Convert these times ('YYYYmmddHHMM.SS', Ansible's default format) in the host's local time zone. */
  wantTimes?: { atime?: string; mtime?: string };
  /** List the path's missing ancestors. */
  missingParents?: boolean;
}

/** '202001011200.00' → '2020-01-01 12:00:00' for date -d; undefined when it is not in that form. */
export function ansibleTimeToDate(value: string): string | undefined {
  const m = /^(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)\.(\d\d)$/.exec(value);
  return m ? `${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]}:${m[6]}` : undefined;
}

/** One shell script answering the questions, `key=value` NUL-terminated records. */
export function pathLinksScript(path: string, q: PathLinksQuestions): string {
  const lines = [`p=${quoteWord(path)}`];
  if (q.srcExists !== undefined) lines.push(`if [ -e ${quoteWord(q.srcExists)} ]; then printf 'src=yes\\000'; else printf 'src=no\\000'; fi`);
  if (q.dirEmpty) lines.push(`if [ -z "$(find "$p" -mindepth 1 -maxdepth 1 -print -quit 2>/dev/null)" ]; then printf 'empty=yes\\000'; else printf 'empty=no\\000'; fi`);
  if (q.inodes) {
    lines.push(`if [ -e "$p" ] || [ -L "$p" ]; then printf 'ino=%s\\000' "$(stat -c '%i %h' -- "$p")"; fi`);
    if (q.inodes.src !== undefined) lines.push(`if [ -e ${quoteWord(q.inodes.src)} ]; then printf 'srcino=%s\\000' "$(stat -L -c %i -- ${quoteWord(q.inodes.src)})"; fi`);
  }
  if (q.timesOf !== undefined) lines.push(`if [ -e ${quoteWord(q.timesOf)} ]; then printf 'times=%s\\000' "$(stat -L -c '%X %Y' -- ${quoteWord(q.timesOf)})"; fi`);
  for (const [key, value] of Object.entries(q.wantTimes ?? {})) {
    const date = value === undefined ? undefined : ansibleTimeToDate(value);
    if (date) lines.push(`printf 'want${key}=%s\\000' "$(date -d ${quoteWord(date)} +%s)" || exit 3`);
  }
  if (q.missingParents) {
    const ancestors: string[] = [];
    for (let d = posix.dirname(path); d !== '/' && d !== '.'; d = posix.dirname(d)) ancestors.unshift(d);
    for (const a of ancestors) lines.push(`[ -e ${quoteWord(a)} ] || [ -L ${quoteWord(a)} ] || printf 'missing=%s\\000' ${quoteWord(a)}`);
  }
  lines.push('true');
  return lines.join('\n');
}

/** A FactDefinition answering `q` about `path`. */
export function pathLinks(path: string, q: PathLinksQuestions): FactDefinition<PathLinks> {
  return {
    name: `path-links:${JSON.stringify([path, q])}`,
    command: { shell: pathLinksScript(path, q) },
    parse(result) {
      if (result.code !== 0) throw new FactError(`cannot inspect ${path}: exit ${result.code}: ${result.stderr.trim()}`);
      const out: PathLinks = {};
      for (const record of result.stdout.split('\0').filter((r) => r !== '')) {
        const eq = record.indexOf('=');
        const key = record.slice(0, eq);
        const value = record.slice(eq + 1);
        if (key === 'src') out.srcExists = value === 'yes';
        else if (key === 'empty') out.dirEmpty = value === 'yes';
        else if (key === 'ino') [out.inode, out.nlink] = value.split(' ').map(Number);
        else if (key === 'srcino') out.srcInode = Number(value);
        else if (key === 'times') [out.atime, out.mtime] = value.split(' ').map(Number);
        else if (key === 'wantatime') out.wantAtime = Number(value);
        else if (key === 'wantmtime') out.wantMtime = Number(value);
        else if (key === 'missing') (out.missingParents ??= []).push(value);
        else throw new FactError(`cannot inspect ${path}: unexpected output ${JSON.stringify(record.slice(0, 100))}`);
      }
      if (q.missingParents) out.missingParents ??= [];
      return out;
    },
  };
}
