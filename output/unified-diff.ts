// --diff output: a unified diff of a file's content before and after (secrets were masked before this point).
import { createRequire } from 'node:module';
import type * as Jsdiff from 'diff';
import type { FileDiff } from '../core/module.ts';

/** jsdiff, loaded (its CommonJS build) on the first diff printed: most runs print none, and it is 19 files to load. */
let jsdiff: typeof Jsdiff | undefined;

export function unifiedDiff(d: FileDiff): string {
  jsdiff ??= createRequire(import.meta.url)('diff') as typeof Jsdiff;
  const patch = jsdiff.createTwoFilesPatch(`${d.path} (before)`, `${d.path} (after)`, d.before, d.after, undefined, undefined, { context: 3 });
  // Drop jsdiff's "Index"/"====" preamble lines; keep ---/+++ and hunks.
  return patch.split('\n').filter((l) => !l.startsWith('Index:') && !/^=+$/.test(l)).join('\n').trimEnd();
}
