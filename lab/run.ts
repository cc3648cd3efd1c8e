// The lab's one process runner: one host command from an argv (never a shell string); fails with a LabError (or the caller's error type) carrying its exit code and stderr.
import { spawn } from 'node:child_process';
import type { ErrorLocation, TsibleError } from '../core/errors.ts';
import { LabError } from './lab-error.ts';

/** What a finished command printed. */
export interface RunResult {
  /** Standard output. */
  stdout: string;
  /** Standard error. */
  stderr: string;
  /** Exit code (0 unless listed in okCodes). */
  code: number;
}

/** Options of run(). */
export interface RunOptions {
  /** Working directory. */
  cwd?: string;
  /** Extra environment (merged over process.env). */
  env?: Record<string, string>;
  /** Data written to standard input. */
  input?: string | Buffer;
  /** Exit codes accepted besides 0. */
  okCodes?: number[];
  /** Kill the command after this many milliseconds. */
  timeoutMs?: number;
  /** The error a failure is reported as (default LabError; lab/vm uses VmError). */
  errorType?: new (message: string, where?: ErrorLocation, options?: { cause?: unknown }) => TsibleError;
}

/** Runs `argv[0]` with the rest as arguments; rejects with a LabError (or opts.errorType) naming the command on failure. */
export function run(argv: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  const Failure = opts.errorType ?? LabError;
  const [cmd, ...args] = argv;
  if (!cmd) return Promise.reject(new Failure('run: empty command'));
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd: opts.cwd,
      env: { ...process.env, LC_ALL: 'C', ...opts.env },
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: opts.timeoutMs,
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) => reject(new Failure(`cannot run ${argv.join(' ')}`, {}, { cause: e })));
    child.on('close', (code, signal) => {
      const stdout = Buffer.concat(out).toString();
      const stderr = Buffer.concat(err).toString();
      if (code === 0 || (code !== null && opts.okCodes?.includes(code))) return resolve({ stdout, stderr, code });
      const tail = stderr.trim().split('\n').slice(-15).join('\n');
      reject(new Failure(`\`${argv.join(' ')}\` exited ${code ?? signal}${tail ? `: ${tail}` : ''}`));
    });
    child.stdin.on('error', () => {});
    child.stdin.end(opts.input ?? '');
  });
}

/** Runs and ignores failure (teardown of things that may already be gone). */
export async function tryRun(argv: readonly string[]): Promise<boolean> {
  try {
    await run(argv);
    return true;
  } catch {
    return false;
  }
}
