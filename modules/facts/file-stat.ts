// Fact: one path's state in one round trip (existence, type, mode, owner, group, link target, sha256, content, parent).
import { FactError } from '../../core/errors.ts';
import type { FactDefinition } from '../../core/facts.ts';
import { quoteWord } from '../../core/quote.ts';
import type { RunResult } from '../../core/transport/transport.ts';

/** What kind of thing is at the path (lstat: a symlink is 'link', never followed unless asked). */
export type FileType = 'file' | 'directory' | 'link' | 'other' | 'absent';

/** One entry below a directory (for recursive mode/owner changes). */
export interface TreeEntry {
  /** Path relative to the directory. */
  rel: string;
  type: 'file' | 'directory' | 'link' | 'other';
  mode: number;
  owner: string;
  group: string;
  uid: number;
  gid: number;
}

/** A path as the host sees it. Fields other than path/type/parentIsDir are set only when the path exists. */
export interface FileStat {
  /** The path read (after following links when `follow` was asked). */
  path: string;
  type: FileType;
  /** Permission bits with setuid/setgid/sticky (0o7777 mask). */
  mode?: number;
  owner?: string;
  group?: string;
  uid?: number;
  gid?: number;
  size?: number;
  /** Where a symlink points (readlink, not resolved). */
  linkTarget?: string;
  /** sha256 hex of a regular file's bytes. */
  sha256?: string;
  /** The bytes of a regular file, when content was asked and the file is at most `maxContentBytes`. */
  content?: Buffer;
  /** False when the parent directory does not exist (a write there fails). */
  parentIsDir: boolean;
  /** Entries below a directory, when `tree` was asked. */
  tree?: TreeEntry[];
}

export interface FileStatOptions {
  /** Also return the content of a regular file up to maxContentBytes. */
  content?: boolean;
  /** Largest file whose content is read (default 1 MiB). */
  maxContentBytes?: number;
  /** Follow symlinks: stat (and later write) the final target instead of the link. */
  follow?: boolean;
  /** For a directory: list every entry below it with mode and owner (find). */
  tree?: boolean;
}

export const DEFAULT_MAX_CONTENT_BYTES = 1024 * 1024;

/** The shell script that prints `key=value` lines (binary values base64). Every user value is quoted. */
export function fileStatScript(path: string, opts: FileStatOptions = {}): string {
  const max = opts.maxContentBytes ?? DEFAULT_MAX_CONTENT_BYTES;
  const lines = [
    `p=${quoteWord(path)}`,
  ];
  if (opts.follow) {
    // readlink -m resolves every link even when the final file does not exist yet.
    lines.push('if [ -L "$p" ]; then p=$(readlink -m -- "$p"); fi');
  }
  lines.push(
    'printf "path="; printf %s "$p" | base64 -w0; echo',
    'if [ -L "$p" ] || [ -e "$p" ]; then',
    "  stat --printf 'type=%F\\nmode=%a\\nuid=%u\\ngid=%g\\nowner=%U\\ngroup=%G\\nsize=%s\\n' -- \"$p\" || exit 3",
    '  if [ -L "$p" ]; then printf "target="; readlink -n -- "$p" | base64 -w0; echo; fi',
    '  if [ -f "$p" ] && [ ! -L "$p" ]; then',
    '    printf "sha256="; sha256sum < "$p" | cut -c1-64',
  );
  if (opts.content) {
    lines.push(`    if [ "$(stat -c %s -- "$p")" -le ${max} ]; then printf "content="; base64 -w0 < "$p"; echo; fi`);
  }
  lines.push('  fi');
  if (opts.tree) {
    lines.push(`  if [ -d "$p" ] && [ ! -L "$p" ]; then printf "tree="; find "$p" -mindepth 1 -printf '%y %m %u %g %U %G %P\\0' | base64 -w0; echo; fi`);
  }
  lines.push(
    'else',
    '  echo type=absent',
    'fi',
    'if [ -d "$(dirname -- "$p")" ]; then echo parent=dir; else echo parent=missing; fi',
  );
  return lines.join('\n');
}

/** A FactDefinition for `path` (cached per path and options until a task changes something). */
export function fileStat(path: string, opts: FileStatOptions = {}): FactDefinition<FileStat> {
  return {
    name: `file-stat:${JSON.stringify([path, opts.content ?? false, opts.maxContentBytes ?? null, opts.follow ?? false, opts.tree ?? false])}`,
    command: { shell: fileStatScript(path, opts) },
    parse: (result) => parseFileStat(path, result),
  };
}

const TYPES: Record<string, FileType> = {
  'regular file': 'file',
  'regular empty file': 'file',
  directory: 'directory',
  'symbolic link': 'link',
};

/** Pure: the script's output → FileStat. Throws FactError on anything unexpected. */
export function parseFileStat(path: string, result: RunResult): FileStat {
  if (result.code !== 0) {
    throw new FactError(`cannot stat ${path}: exit ${result.code}${result.stderr.trim() ? `: ${result.stderr.trim()}` : ''}`);
  }
  const kv = new Map<string, string>();
  for (const line of result.stdout.split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) kv.set(line.slice(0, eq), line.slice(eq + 1));
  }
  const b64 = (key: string): Buffer | undefined => (kv.has(key) ? Buffer.from(kv.get(key)!, 'base64') : undefined);
  const typeText = kv.get('type');
  if (typeText === undefined || !kv.has('parent')) throw new FactError(`cannot stat ${path}: unexpected output ${JSON.stringify(result.stdout.slice(0, 200))}`);
  const stat: FileStat = {
    path: b64('path')?.toString('utf8') || path,
    type: typeText === 'absent' ? 'absent' : TYPES[typeText] ?? 'other',
    parentIsDir: kv.get('parent') === 'dir',
  };
  if (stat.type === 'absent') return stat;
  const int = (key: string, radix = 10): number => {
    const n = parseInt(kv.get(key) ?? '', radix);
    if (Number.isNaN(n)) throw new FactError(`cannot stat ${path}: no ${key} in ${JSON.stringify(result.stdout.slice(0, 200))}`);
    return n;
  };
  stat.mode = int('mode', 8);
  stat.uid = int('uid');
  stat.gid = int('gid');
  stat.size = int('size');
  stat.owner = kv.get('owner');
  stat.group = kv.get('group');
  if (stat.type === 'link') stat.linkTarget = b64('target')?.toString('utf8');
  if (kv.has('sha256')) stat.sha256 = kv.get('sha256');
  if (kv.has('content')) stat.content = b64('content');
  if (kv.has('tree')) stat.tree = parseTree(b64('tree')!.toString('utf8'), path);
  return stat;
}

const FIND_TYPES: Record<string, TreeEntry['type']> = { f: 'file', d: 'directory', l: 'link' };

function parseTree(text: string, path: string): TreeEntry[] {
  const entries: TreeEntry[] = [];
  for (const record of text.split('\0')) {
    if (record === '') continue;
    const m = /^(\S) ([0-7]+) (\S+) (\S+) (\d+) (\d+) ([\s\S]*)$/.exec(record);
    if (!m) throw new FactError(`cannot list ${path}: unexpected entry ${JSON.stringify(record.slice(0, 200))}`);
    entries.push({
      type: FIND_TYPES[m[1]] ?? 'other', mode: parseInt(m[2], 8), owner: m[3], group: m[4],
      uid: Number(m[5]), gid: Number(m[6]), rel: m[7],
    });
  }
  return entries;
}
