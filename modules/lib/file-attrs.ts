// Mode, owner and group of a path: compare the wanted attributes with a stat and plan chown/chmod for the gap.
import type { Change, Step } from '../../core/module.ts';
import type { FileStat } from '../facts/file-stat.ts';
import { DEFAULT_DIR_MODE, DEFAULT_FILE_MODE, applyMode, formatMode } from './file-mode.ts';

/** Attributes a task asks for; undefined = leave as is (or the default for a new file). */
export interface WantedAttrs {
  /** Octal ('0644') or symbolic ('u=rw,g=r') mode, as the 'mode' arg type keeps it. */
  mode?: string;
  /** User name or numeric uid. */
  owner?: string;
  /** Group name or numeric gid. */
  group?: string;
}

/** What an existing path has now (from a stat or a tree entry). */
export interface CurrentAttrs {
  mode: number;
  owner?: string;
  group?: string;
  uid?: number;
  gid?: number;
}

/** True when `want` (a name or a numeric id) names the same user/group as the current name/id. */
function sameId(want: string, name: string | undefined, id: number | undefined): boolean {
  return /^\d+$/.test(want) ? Number(want) === id : want === name;
}

/** The differences as words ('mode 0644 → 0600'), and the mode to set if it differs. */
export function attrDifferences(cur: CurrentAttrs, want: WantedAttrs, isDir: boolean, isLink = false) {
  const words: string[] = [];
  let owner: string | undefined;
  let group: string | undefined;
  let mode: number | undefined;
  if (want.owner !== undefined && !sameId(want.owner, cur.owner, cur.uid)) {
    owner = want.owner;
    words.push(`owner ${cur.owner ?? cur.uid} → ${want.owner}`);
  }
  if (want.group !== undefined && !sameId(want.group, cur.group, cur.gid)) {
    group = want.group;
    words.push(`group ${cur.group ?? cur.gid} → ${want.group}`);
  }
  // A symlink's own mode means nothing on Linux (chmod follows the link): never compared.
  if (!isLink && want.mode !== undefined) {
    const next = applyMode(want.mode, cur.mode, isDir);
    if (next !== (cur.mode & 0o7777)) {
      mode = next;
      words.push(`mode ${formatMode(cur.mode & 0o7777)} → ${formatMode(next)}`);
    }
  }
  return { words, owner, group, mode };
}

/** chown (first: it may clear setuid bits) then chmod for one path; [] when nothing differs. */
function attrSteps(path: string, diff: { owner?: string; group?: string; mode?: number }, isLink = false): Step[] {
  const steps: Step[] = [];
  if (diff.owner !== undefined || diff.group !== undefined) {
    const spec = `${diff.owner ?? ''}${diff.group !== undefined ? `:${diff.group}` : ''}`;
    steps.push({ kind: 'run', command: isLink ? ['chown', '-h', '--', spec, path] : ['chown', '--', spec, path] });
  }
  if (diff.mode !== undefined) steps.push({ kind: 'run', command: ['chmod', formatMode(diff.mode), '--', path] });
  return steps;
}

/** The change that fixes an existing path's attributes, or [] when they already match. */
export function attrChanges(path: string, stat: FileStat, want: WantedAttrs): Change[] {
  if (stat.type === 'absent' || stat.mode === undefined) return [];
  const isLink = stat.type === 'link';
  const d = attrDifferences(stat as CurrentAttrs, want, stat.type === 'directory', isLink);
  if (!d.words.length) return [];
  return [{ summary: `${path}: ${d.words.join(', ')}`, steps: attrSteps(path, d, isLink) }];
}

/**
 * Mode and ownership for a file written whole (put): the wanted ones, else what the existing file
 * has (numeric ids, so a nameless uid survives), else the defaults (0644, the connecting user).
 */
export function writeAttrs(stat: FileStat, want: WantedAttrs): { mode: number; owner?: string; group?: string } {
  const existing = stat.type === 'file' ? stat : undefined;
  const base = existing?.mode ?? DEFAULT_FILE_MODE;
  return {
    mode: want.mode !== undefined ? applyMode(want.mode, base, false) : base,
    owner: want.owner ?? (existing?.uid !== undefined ? String(existing.uid) : undefined),
    group: want.group ?? (existing?.gid !== undefined ? String(existing.gid) : undefined),
  };
}

/** The default mode of a new path of this kind, with the wanted mode applied. */
export function newPathMode(want: WantedAttrs, isDir: boolean): number {
  const base = isDir ? DEFAULT_DIR_MODE : DEFAULT_FILE_MODE;
  return want.mode !== undefined ? applyMode(want.mode, base, isDir) : base;
}
