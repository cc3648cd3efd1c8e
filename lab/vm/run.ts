// Runs one host command from an argv (never a shell string) and fails with its exit code and stderr.
import { spawn } from 'node:child_process';
import { VmError } from './vm-error.ts';

/** What a finished command printed. */
export interface RunResult {
  /** Standard output. */
  stdout: string;
  /** Standard error. */
  stderr: string;
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
}

/** Runs `argv[0]` with the rest as arguments; rejects with a VmError naming the command on failure. */
export function run(argv: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  const [cmd, ...args] = argv;
  if (!cmd) throw new VmError('run: empty command');
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd: opts.cwd,
      env: { ...process.env, LC_ALL: 'C', ...opts.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) => reject(new VmError(`cannot run ${argv.join(' ')}`, {}, { cause: e })));
    child.on('close', (code, signal) => {
      const stdout = Buffer.concat(out).toString();
      const stderr = Buffer.concat(err).toString();
      if (code === 0 || (code !== null && opts.okCodes?.includes(code))) return resolve({ stdout, stderr });
      const tail = stderr.trim().split('\n').slice(-15).join('\n');
      reject(new VmError(`\`${argv.join(' ')}\` exited ${code ?? signal}${tail ? `: ${tail}` : ''}`));
    });
    child.stdin.on('error', () => {});
    child.stdin.end(opts.input ?? '');
  });
}
