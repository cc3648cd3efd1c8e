// The local transport: runs commands on the control machine with /bin/sh, same semantics as SSH (LC_ALL=C, sudo, atomic put).
import { spawn } from 'node:child_process';
import { ConnectError } from '../errors.ts';
import type { Command } from '../quote.ts';
import type { Secret } from '../secret.ts';
import { buildCommandLine } from './command-line.ts';
import { put } from './put-script.ts';
import { contentBytes, stdinWith, withBecomePassword } from './run-input.ts';
import { type CommandChannel, drive } from './session.ts';
import type { PutOptions, RunOptions, RunResult, Transport } from './transport.ts';

/** Settings of the local transport. */
export interface LocalSettings {
  /** Default per-command limit. */
  commandTimeoutMs: number;
  /** sudo password used when a Become gives none. */
  becomePassword?: Secret;
}

export class LocalTransport implements Transport {
  private closed = false;
  /** Commands running now, stopped by close(). */
  private readonly running = new Set<CommandChannel>();

  constructor(
    readonly hostName: string,
    private readonly settings: LocalSettings,
  ) {}

  async connect(): Promise<void> {
    this.closed = false;
  }

  async run(command: Command, options: RunOptions = {}): Promise<RunResult> {
    if (this.closed) throw new ConnectError('local transport is closed', { host: this.hostName });
    const become = withBecomePassword(options.become, this.settings.becomePassword);
    const cl = buildCommandLine(command, { env: options.env, cwd: options.cwd, become });
    const ch = startLocal(cl.line);
    this.running.add(ch);
    ch.done.then(() => this.running.delete(ch), () => this.running.delete(ch));
    return drive(ch, {
      host: this.hostName,
      command,
      stdin: stdinWith(cl.stdinPrefix, options.stdin),
      become: cl.become,
      becomePassword: become?.password,
      timeoutMs: options.timeoutMs ?? this.settings.commandTimeoutMs,
    });
  }

  put(path: string, content: string | Buffer | Secret, options: PutOptions): Promise<void> {
    return put(this, path, content, options);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const ch of this.running) ch.kill();
  }
}

/** Starts `/bin/sh -c line` in its own process group (so a timeout kills sudo and the command too). */
function startLocal(line: string): CommandChannel {
  const child = spawn('/bin/sh', ['-c', line], { stdio: ['pipe', 'pipe', 'pipe'], detached: true });
  child.stdin.on('error', () => undefined); // EPIPE when the command does not read its input
  const done = new Promise<{ code: number | null; signal?: string }>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve(code === null ? { code: null, signal: signal ?? undefined } : { code }));
  });
  done.catch(() => undefined);
  return {
    stdout: child.stdout,
    stderr: child.stderr,
    write: (data) => void child.stdin.write(data),
    end: () => void child.stdin.end(),
    done,
    kill: () => {
      // TERM first (a put script removes its temp file on it), KILL a second later if anything is left.
      const send = (sig: NodeJS.Signals): void => {
        try {
          if (child.pid) process.kill(-child.pid, sig);
        } catch {
          /* already gone */
        }
      };
      send('SIGTERM');
      child.stdin.destroy();
      setTimeout(() => send('SIGKILL'), 1000).unref();
    },
  };
}
