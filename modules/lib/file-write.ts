// Plans writing a whole file (copy, template, lineinfile): compare checksum and attributes, diff, backup, validate, atomic put.
import { randomBytes } from 'node:crypto';
import { posix } from 'node:path';
import { CommandError, TsibleError } from '../../core/errors.ts';
import type { Change, ModuleContext, Step } from '../../core/module.ts';
import { quoteWord, toDisplay } from '../../core/quote.ts';
import { maskSecrets } from '../../core/secret.ts';
import type { RunResult } from '../../core/transport/transport.ts';
import type { FileStat } from '../facts/file-stat.ts';
import { type CurrentAttrs, type WantedAttrs, attrChanges, attrDifferences, writeAttrs } from './file-attrs.ts';
import { type PlannedContent, contentDiff, sameContent } from './file-content.ts';
import { formatMode } from './file-mode.ts';
import { splitCommandWords } from '../../core/shell-words.ts';

/** How to write the file. */
export interface WriteOptions extends WantedAttrs {
  /** Copy the old file to PATH.PID.TIMESTAMP~ before replacing it. */
  backup?: boolean;
  /** A command with %s, run on the new content (a temp file beside the destination) before it replaces it. */
  validate?: string;
  /** Says what the write does (e.g. 'line added to /etc/hosts'); default 'update PATH (N bytes)'. */
  summary?: string;
}

/** Marks the backup path in a backup step's output (module output() reads it). */
const BACKUP_MARK = 'tsible-backup=';

/**
 * The changes that make `path` hold `content` with the wanted attributes: [] when checksum, mode,
 * owner and group all match; a chmod/chown change when only attributes differ; else one write.
 */
export function planFileWrite(path: string, stat: FileStat, content: PlannedContent, opts: WriteOptions): Change[] {
  if (stat.type === 'directory') throw new TsibleError(`${path} is a directory; give the path of the file to write`, { field: 'dest' });
  if (stat.type === 'other') throw new TsibleError(`${path} exists and is not a regular file`, { field: 'dest' });
  if (sameContent(stat, content)) return attrChanges(path, stat, opts);
  const attrs = writeAttrs(stat, opts);
  const steps: Step[] = [];
  if (!stat.parentIsDir) steps.push(parentMissing(path));
  const backup = opts.backup === true && stat.type === 'file';
  if (opts.validate) {
    steps.push(validatedWrite(path, content, attrs, opts.validate, backup));
  } else {
    if (backup) steps.push(backupStep(path));
    steps.push({ kind: 'put', path, content: content.data, ...attrs });
  }
  const size = `${content.bytes.length} bytes`;
  const what = opts.summary ?? (stat.type === 'absent' ? `create ${path} (${size}, mode ${formatMode(attrs.mode)})`
    : stat.type === 'link' ? `replace symbolic link ${path} with a file (${size})`
    : `update ${path} (${size})`);
  const note = stat.parentIsDir ? '' : ` (its directory ${posix.dirname(path)} does not exist yet)`;
  // Attributes that change along with the content (an existing file's mode/owner/group).
  const attrWords = stat.type === 'file' ? attrDifferences(stat as CurrentAttrs, opts, false).words : [];
  return [{ summary: what + (attrWords.length ? `, ${attrWords.join(', ')}` : '') + note, diff: contentDiff(path, stat, content), steps }];
}

/** A step that fails with a clear message: the write would fail on a missing directory. */
function parentMissing(path: string): Step {
  const dir = posix.dirname(path);
  return {
    kind: 'call',
    describe: `check that ${dir} exists`,
    async call(ctx) {
      const r = await ctx.run(['test', '-d', dir]);
      if (r.code !== 0) throw new TsibleError(`cannot write ${path}: directory ${dir} does not exist (create it first with file state=directory)`, ctx.where);
    },
  };
}

/** cp -p the current file to PATH.PID.YYYY-MM-DD@HH:MM:SS~ (Ansible's backup name) and print that name. */
function backupStep(path: string): Step {
  return {
    kind: 'run',
    command: {
      shell: [
        `p=${quoteWord(path)}`,
        'b="$p.$$.$(date +%Y-%m-%d@%H:%M:%S)~"',
        'cp -p -- "$p" "$b"',
        `printf '${BACKUP_MARK}%s\\n' "$b"`,
      ].join('\n'),
    },
  };
}

/** The backup path a backup step printed, if any. */
export function backupFileFrom(results: RunResult[]): string | undefined {
  for (const r of results) {
    const line = r.stdout.split('\n').find((l) => l.startsWith(BACKUP_MARK));
    if (line) return line.slice(BACKUP_MARK.length);
  }
  return undefined;
}

/**
 * Upload to a temp file in the destination's directory (final mode and owner from the first byte),
 * run the validate command on it, then rename it over the destination; remove it if anything fails.
 */
function validatedWrite(path: string, content: PlannedContent, attrs: { mode: number; owner?: string; group?: string }, validate: string, backup: boolean): Step {
  const words = splitCommandWords(validate).map((w) => w.text);
  return {
    kind: 'call',
    describe: `write ${path} after \`${validate}\` accepts it${backup ? ' (old file backed up first)' : ''}`,
    async call(ctx: ModuleContext) {
      const tmp = posix.join(posix.dirname(path), `.${posix.basename(path)}.tsible-validate-${randomBytes(6).toString('hex')}`);
      const argv = words.map((w) => w.split('%s').join(tmp));
      await ctx.put(tmp, content.data, attrs);
      let failure: Error | undefined;
      const r = await ctx.run(argv);
      let result = r;
      if (r.code !== 0) {
        const output = maskSecrets((r.stderr || r.stdout).trim(), content.secrets);
        failure = new CommandError(`validation of the new ${path} failed; ${path} was left unchanged`, toDisplay(argv), r.code, output, ctx.where);
      } else {
        // The backup is taken only once the new content is accepted (a rejected edit leaves no stray copy).
        const b = backup ? backupStep(path) : undefined;
        const saved = b?.kind === 'run' ? await ctx.run(b.command) : undefined;
        if (saved && saved.code !== 0) {
          failure = new CommandError(`cannot back up ${path}`, 'cp -p', saved.code, saved.stderr, ctx.where);
        } else {
          if (saved) result = saved;
          const mv = await ctx.run(['mv', '-f', '--', tmp, path]);
          if (mv.code !== 0) failure = new CommandError(`cannot replace ${path}`, toDisplay(['mv', '-f', '--', tmp, path]), mv.code, mv.stderr, ctx.where);
        }
      }
      if (failure) {
        await ctx.run(['rm', '-f', '--', tmp]);
        throw failure;
      }
      return result;
    },
  };
}
