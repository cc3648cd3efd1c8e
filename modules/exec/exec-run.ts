// How command and shell gather (creates/removes in one round trip), plan (one run step) and report (rc, stdout, delta).
import { posix } from 'node:path';
import { FactError } from '../../core/errors.ts';
import type { Change, ModuleContext, StepResult } from '../../core/module.ts';
import type { ExecSpec } from './exec-args.ts';

/** What command and shell read before deciding: whether `creates` / `removes` matched something. */
export interface ExecFacts {
  /** `creates` matched an existing path (undefined when not given). */
  createsExists?: boolean;
  /** `removes` matched an existing path (undefined when not given). */
  removesExists?: boolean;
}

/** Every exit status: the command's own status is a result that output() judges, not an engine error. */
export const ANY_EXIT_STATUS: readonly number[] = Array.from({ length: 256 }, (_, i) => i);

/**
 * For each argument (a path or glob), prints y when it matches an existing path (broken symlinks count), else n.
 * IFS is empty so an unquoted pattern is globbed but never split; the paths are argv words, never script text.
 */
export const EXISTS_SCRIPT = 'IFS=; for g do f=n; for p in $g; do if [ -e "$p" ] || [ -L "$p" ]; then f=y; fi; done; echo "$f"; done';

/** `path` made absolute against `chdir` when it is relative and chdir is given (as the command would see it). */
export function againstChdir(path: string, chdir: string | undefined): string {
  return chdir !== undefined && !path.startsWith('/') ? posix.join(chdir, path) : path;
}

/** Reads whether creates/removes match, in one command; no command at all when neither is given. */
export async function gatherExec(ctx: ModuleContext, spec: ExecSpec): Promise<ExecFacts> {
  const paths = [spec.creates, spec.removes].filter((p): p is string => p !== undefined).map((p) => againstChdir(p, spec.chdir));
  if (!paths.length) return {};
  const r = await ctx.run(['sh', '-c', EXISTS_SCRIPT, 'sh', ...paths]);
  const answers = parseExists(r.stdout, paths.length);
  if (r.code !== 0 || !answers) {
    throw new FactError(`cannot check creates/removes paths: exit ${r.code}${r.stderr.trim() ? `: ${r.stderr.trim()}` : ''}`, ctx.where);
  }
  const facts: ExecFacts = {};
  if (spec.creates !== undefined) facts.createsExists = answers.shift();
  if (spec.removes !== undefined) facts.removesExists = answers.shift();
  return facts;
}

/** Pure: the y/n lines of EXISTS_SCRIPT as booleans, or null unless there are exactly `count` of them. */
export function parseExists(stdout: string, count: number): boolean[] | null {
  const lines = stdout.split('\n').filter((l) => l !== '');
  if (lines.length !== count || lines.some((l) => l !== 'y' && l !== 'n')) return null;
  return lines.map((l) => l === 'y');
}

/** Why the command is not run (creates exists / removes missing), or undefined when it runs. */
function skipReason(spec: ExecSpec, facts: ExecFacts): string | undefined {
  if (spec.creates !== undefined && facts.createsExists) return `${spec.creates} exists`;
  if (spec.removes !== undefined && facts.removesExists === false) return `${spec.removes} does not exist`;
  return undefined;
}

/** Pure: one change whose one step runs the command (any exit status accepted), or [] when creates/removes skip it. */
export function planExec(spec: ExecSpec, facts: ExecFacts): Change[] {
  if (skipReason(spec, facts) !== undefined) return [];
  return [{
    summary: `run: ${spec.display}`,
    steps: [{
      kind: 'run',
      command: spec.command,
      stdin: spec.stdin,
      okCodes: [...ANY_EXIT_STATUS],
      options: { ...(spec.chdir !== undefined ? { cwd: spec.chdir } : {}), ...(spec.timeoutMs !== undefined ? { timeoutMs: spec.timeoutMs } : {}) },
    }],
  }];
}

/** The result data (Ansible's names): cmd, rc, stdout, stderr, *_lines, delta; failed with msg on a non-zero rc. */
export function outputExec(spec: ExecSpec, facts: ExecFacts, results: StepResult[], check: boolean): Record<string, unknown> {
  const reason = skipReason(spec, facts);
  if (reason !== undefined) {
    const stdout = `skipped, since ${reason}`;
    return { cmd: spec.cmd, rc: 0, stdout, stderr: '', stdout_lines: [stdout], stderr_lines: [], msg: `did not run the command since ${reason}` };
  }
  if (check || !results.length) {
    // As Ansible: without creates/removes to decide, check mode skips the command; with them, it would run (changed).
    const decided = spec.creates !== undefined || spec.removes !== undefined;
    return { cmd: spec.cmd, rc: 0, stdout: '', stderr: '', msg: 'Command would have run if not in check mode', ...(decided ? {} : { skipped: true }) };
  }
  const r = results[0];
  const stdout = spec.stripEmptyEnds ? stripEnds(r.stdout) : r.stdout;
  const stderr = spec.stripEmptyEnds ? stripEnds(r.stderr) : r.stderr;
  const data: Record<string, unknown> = {
    cmd: spec.cmd, rc: r.code, stdout, stderr, stdout_lines: lines(stdout), stderr_lines: lines(stderr), delta: formatDelta(r.durationMs ?? 0),
  };
  if (r.code !== 0) {
    data.failed = true;
    data.msg = `non-zero return code ${r.code}${stderr.trim() ? `: ${tail(stderr.trim())}` : ''}`;
  }
  return data;
}

/** Trailing CR/LF removed (Ansible's strip_empty_ends). */
function stripEnds(text: string): string {
  return text.replace(/[\r\n]+$/, '');
}

/** Lines of `text` (no trailing empty line; CRLF or LF). */
export function lines(text: string): string[] {
  if (text === '') return [];
  return text.replace(/\r?\n$/, '').split(/\r?\n/);
}

/** The last lines of a long stderr, for a one-line failure message. */
function tail(text: string, max = 20): string {
  const all = text.split('\n');
  return all.length <= max ? text : `…\n${all.slice(-max).join('\n')}`;
}

/** Milliseconds as Ansible prints a delta: H:MM:SS.ffffff. */
export function formatDelta(ms: number): string {
  const micros = Math.max(0, Math.round(ms * 1000));
  const h = Math.floor(micros / 3_600_000_000);
  const m = Math.floor(micros / 60_000_000) % 60;
  const s = Math.floor(micros / 1_000_000) % 60;
  const f = micros % 1_000_000;
  return `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}.${String(f).padStart(6, '0')}`;
}
