// Fact: one path's state in one round trip and few programs on the host (existence, type, mode, owner, group, link target, sha256, content, parent).
import { createHash } from 'node:crypto';
import { posix } from 'node:path';
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
  /**
   * With content: skip the content when the file's sha256 is this one (hex). A caller that will write
   * these bytes needs the old content only for the diff of a change; an equal checksum means no change.
   */
  contentUnlessSha256?: string;
  /** Largest file whose content is read (default 1 MiB). */
  maxContentBytes?: number;
  /** Follow symlinks: stat (and later write) the final target instead of the link. */
  follow?: boolean;
  /** For a directory: list every entry below it with mode and owner (find). */
  tree?: boolean;
}

export const DEFAULT_MAX_CONTENT_BYTES = 1024 * 1024;

/** One `stat` call: raw mode in hex (type and permission bits), uid, gid, size, owner, group (names never hold a colon). */
const STAT_FORMAT = '%f:%u:%g:%s:%U:%G';

/**
 * The shell script that prints NUL-terminated `key=value` records (no path or link target holds a NUL,
 * so names with newlines, quotes or spaces come through as they are; content is base64). Every user value
 * is quoted. Few programs run on the host: none for an absent path, `stat` for a directory, plus one
 * (`sha256sum` or `base64`) for a regular file, `readlink` for a link; the tests are shell builtins.
 * Records: `parent=dir|missing`, `path=` (only when follow resolved a link), then `absent` or `stat=…`,
 * `target=` (a link), `sha256=`, `content=` (a file), and `tree` followed by one record per entry (last).
 */
export function fileStatScript(path: string, opts: FileStatOptions = {}): string {
  const max = opts.maxContentBytes ?? DEFAULT_MAX_CONTENT_BYTES;
  const lines = [
    `p=${quoteWord(path)}`,
    `d=${quoteWord(posix.dirname(path))}`,
  ];
  if (!path.startsWith('/')) {
    // A relative path is relative to the login (working) directory, and ~/ is the home directory, as in
    // Ansible: reported absolute.
    lines.push('case "$p" in "~") p="$HOME";; "~/"*) p="$HOME/${p#??}";; *) p="$PWD/$p";; esac; d=${p%/*}; d=${d:-/}; printf \'path=%s\\000\' "$p"');
  }
  if (opts.follow) {
    // readlink -m resolves every link even when the final file does not exist yet. The `echo .` keeps a
    // trailing newline of the name from being eaten by the command substitution; both are cut off after.
    lines.push('if [ -L "$p" ]; then p=$(readlink -m -- "$p" && echo .) || exit 3; p=${p%?}; p=${p%?}; d=${p%/*}; d=${d:-/}; printf \'path=%s\\000\' "$p"; fi');
  }
  lines.push(
    'if [ -d "$d" ]; then printf \'parent=dir\\000\'; else printf \'parent=missing\\000\'; fi',
    'if [ -L "$p" ] || [ -e "$p" ]; then',
  );
  if (opts.content) {
    // The size decides whether the content is read: keep stat's output (its 4th field).
    lines.push(
      `  s=$(stat -c '${STAT_FORMAT}' -- "$p") || exit 3`,
      '  printf \'stat=%s\\000\' "$s"; n=${s#*:*:*:}; n=${n%%:*}',
    );
  } else {
    lines.push(`  stat --printf 'stat=${STAT_FORMAT}\\000' -- "$p" || exit 3`);
  }
  lines.push(
    '  if [ -L "$p" ]; then printf \'target=\'; readlink -n -- "$p" || exit 3; printf \'\\000\'; fi',
    '  if [ -f "$p" ] && [ ! -L "$p" ]; then',
  );
  const readContent = 'printf \'content=\'; base64 -w0 < "$p" || exit 3; printf \'\\000\'';
  const sum = 'printf \'sha256=\'; sha256sum < "$p" || exit 3; printf \'\\000\'';
  if (opts.content && opts.contentUnlessSha256 !== undefined) {
    lines.push(
      '    h=$(sha256sum < "$p") || exit 3; h=${h%% *}; printf \'sha256=%s\\000\' "$h"',
      `    if [ "$h" != ${quoteWord(opts.contentUnlessSha256)} ] && [ "$n" -le ${max} ]; then ${readContent}; fi`,
    );
  } else if (opts.content) {
    // The checksum of content read is computed by the parser: one program instead of two.
    lines.push(`    if [ "$n" -le ${max} ]; then ${readContent}; else ${sum}; fi`);
  } else {
    lines.push(`    ${sum}`);
  }
  lines.push('  fi');
  if (opts.tree) {
    lines.push(`  if [ -d "$p" ] && [ ! -L "$p" ]; then printf 'tree\\000'; find "$p" -mindepth 1 -printf '%y %m %u %g %U %G %P\\000'; fi`);
  }
  lines.push(
    'else',
    "  printf 'absent\\000'",
    'fi',
  );
  return lines.join('\n');
}

/** A FactDefinition for `path` (cached per path and options until a task changes something). */
export function fileStat(path: string, opts: FileStatOptions = {}): FactDefinition<FileStat> {
  return {
    name: `file-stat:${JSON.stringify([path, opts.content ?? false, opts.maxContentBytes ?? null, opts.follow ?? false, opts.tree ?? false, opts.contentUnlessSha256 ?? null])}`,
    command: { shell: fileStatScript(path, opts) },
    parse: (result) => parseFileStat(path, result),
  };
}

/** File type from the S_IFMT bits of stat's raw mode. */
const TYPES: Record<number, FileType> = {
  0o100000: 'file',
  0o040000: 'directory',
  0o120000: 'link',
};

/** Pure: the script's output → FileStat. Throws FactError on anything unexpected. */
export function parseFileStat(path: string, result: RunResult): FileStat {
  if (result.code !== 0) {
    throw new FactError(`cannot stat ${path}: exit ${result.code}${result.stderr.trim() ? `: ${result.stderr.trim()}` : ''}`);
  }
  const garbled = (): FactError => new FactError(`cannot stat ${path}: unexpected output ${JSON.stringify(result.stdout.slice(0, 200))}`);
  const records = result.stdout.split('\0');
  if (records.pop() !== '') throw garbled();
  const kv = new Map<string, string>();
  let tree: string[] | undefined;
  for (const [i, record] of records.entries()) {
    if (record === 'tree') {
      tree = records.slice(i + 1);
      break;
    }
    if (record === 'absent') {
      kv.set('absent', '');
      continue;
    }
    const eq = record.indexOf('=');
    if (eq <= 0) throw garbled();
    kv.set(record.slice(0, eq), record.slice(eq + 1));
  }
  const parent = kv.get('parent');
  const statText = kv.get('stat');
  if ((parent !== 'dir' && parent !== 'missing') || (statText === undefined) === !kv.has('absent')) throw garbled();
  const stat: FileStat = { path: kv.get('path') || path, type: 'absent', parentIsDir: parent === 'dir' };
  if (statText === undefined) return stat;
  const m = /^([0-9a-f]+):(\d+):(\d+):(\d+):([^:]*):([^:]*)$/.exec(statText);
  if (!m) throw garbled();
  const raw = parseInt(m[1], 16);
  stat.type = TYPES[raw & 0o170000] ?? 'other';
  stat.mode = raw & 0o7777;
  stat.uid = Number(m[2]);
  stat.gid = Number(m[3]);
  stat.size = Number(m[4]);
  stat.owner = m[5];
  stat.group = m[6];
  if (stat.type === 'link') stat.linkTarget = kv.get('target');
  if (kv.has('content')) stat.content = Buffer.from(kv.get('content')!, 'base64');
  const sum = kv.get('sha256');
  if (sum !== undefined) {
    if (!/^[0-9a-f]{64}/.test(sum)) throw garbled();
    stat.sha256 = sum.slice(0, 64);
  } else if (stat.content) {
    stat.sha256 = createHash('sha256').update(stat.content).digest('hex');
  }
  if (tree) stat.tree = parseTree(tree, path);
  return stat;
}

const FIND_TYPES: Record<string, TreeEntry['type']> = { f: 'file', d: 'directory', l: 'link' };

function parseTree(records: string[], path: string): TreeEntry[] {
  const entries: TreeEntry[] = [];
  for (const record of records) {
    const m = /^(\S) ([0-7]+) (\S+) (\S+) (\d+) (\d+) ([\s\S]*)$/.exec(record);
    if (!m) throw new FactError(`cannot list ${path}: unexpected entry ${JSON.stringify(record.slice(0, 200))}`);
    entries.push({
      type: FIND_TYPES[m[1]] ?? 'other', mode: parseInt(m[2], 8), owner: m[3], group: m[4],
      uid: Number(m[5]), gid: Number(m[6]), rel: m[7],
    });
  }
  return entries;
}
