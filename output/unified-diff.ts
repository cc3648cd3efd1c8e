// --diff output: a unified diff of a file's content before and after (secrets were masked before this point).
import { createTwoFilesPatch } from 'diff';
import type { FileDiff } from '../core/module.ts';

export function unifiedDiff(d: FileDiff): string {
  const patch = createTwoFilesPatch(`${d.path} (before)`, `${d.path} (after)`, d.before, d.after, undefined, undefined, { context: 3 });
  // Drop jsdiff's "Index"/"====" preamble lines; keep ---/+++ and hunks.
  return patch.split('\n').filter((l) => !l.startsWith('Index:') && !/^=+$/.test(l)).join('\n').trimEnd();
}
