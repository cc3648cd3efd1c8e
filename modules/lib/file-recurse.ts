// Plans recursive mode/owner/group fixes below a directory, from a find listing: one command per distinct fix.
import type { Change, Step } from '../../core/module.ts';
import type { TreeEntry } from '../facts/file-stat.ts';
import { type WantedAttrs, attrDifferences } from './file-attrs.ts';
import { formatMode } from './file-mode.ts';

/** Paths per command, so that an argv stays far below the kernel's limit. */
const CHUNK = 200;

/**
 * One change for all the entries below `dir` whose attributes differ, or [] when none does. Entries
 * needing the same chown (or chmod) share one command; symlinks get chown -h and never chmod.
 */
export function recurseChanges(dir: string, tree: TreeEntry[], want: WantedAttrs): Change[] {
  const chowns = new Map<string, string[]>();
  const chmods = new Map<number, string[]>();
  let count = 0;
  for (const e of tree) {
    const isLink = e.type === 'link';
    const d = attrDifferences(e, want, e.type === 'directory', isLink);
    if (!d.words.length) continue;
    count++;
    const path = `${dir.replace(/\/+$/, '')}/${e.rel}`;
    if (d.owner !== undefined || d.group !== undefined) {
      const key = `${isLink ? 'h' : '-'}${d.owner ?? ''}${d.group !== undefined ? `:${d.group}` : ''}`;
      chowns.set(key, [...(chowns.get(key) ?? []), path]);
    }
    if (d.mode !== undefined) chmods.set(d.mode, [...(chmods.get(d.mode) ?? []), path]);
  }
  if (!count) return [];
  const steps: Step[] = [];
  for (const [key, paths] of chowns) {
    for (const part of chunks(paths)) steps.push({ kind: 'run', command: key[0] === 'h' ? ['chown', '-h', '--', key.slice(1), ...part] : ['chown', '--', key.slice(1), ...part] });
  }
  for (const [mode, paths] of chmods) {
    for (const part of chunks(paths)) steps.push({ kind: 'run', command: ['chmod', formatMode(mode), '--', ...part] });
  }
  return [{ summary: `${dir}: mode/owner/group fixed on ${count} entr${count === 1 ? 'y' : 'ies'} below`, steps }];
}

function chunks<T>(list: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += CHUNK) out.push(list.slice(i, i + CHUNK));
  return out;
}
