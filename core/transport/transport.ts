// The transport contract: one persistent connection to one host, running commands and writing files.
import type { Command } from '../quote.ts';
import type { Secret } from '../secret.ts';

/** How to become another user for one command (sudo or su). */
export interface Become {
  /** Target user, default root. */
  user?: string;
  /** sudo (default) or su. */
  method?: 'sudo' | 'su';
  /** sudo password, if sudo asks for one (-K). */
  password?: Secret;
}

export interface RunOptions {
  /** Bytes or text written to the command's standard input, then closed. */
  stdin?: string | Buffer | Secret;
  /** Kill the channel and fail with TimeoutError after this long (default: the transport's command timeout). */
  timeoutMs?: number;
  /** Run through sudo as this user. */
  become?: Become;
  /** Extra environment, prefixed as VAR=value (LC_ALL=C is always set). */
  env?: Record<string, string>;
  /** Working directory (cd before running). */
  cwd?: string;
  /**
   * The same command in the form to run when its standard input is all there before it starts (tsible's command
   * shell sends it as a here-document, read before the command runs): it may leave out what guards against input
   * that stalls midway. A transport uses it where that holds, the command elsewhere. Neither may hold a secret.
   */
  wholeInputCommand?: Command;
  /**
   * The command is one of tsible's own (a read: a fact, a module's gather; a file write): it signals no process group and needs no
   * session of its own. The command shell then runs it in a plain subshell, with no setsid, and a script without
   * become in that subshell itself rather than by `sh -c`: two programs fewer on the host. `$0` and `$PPID` are then
   * the command shell's; a timeout stops the shell's whole process group (the shell is replaced anyway).
   */
  tsibleOwn?: boolean;
}

/** What a command did. A non-zero exit is a result, not an exception. */
export interface RunResult {
  /** Exit status; null when killed by a signal. */
  code: number | null;
  signal?: string;
  stdout: string;
  stderr: string;
  /** The exact bytes of stdout (stdout is their UTF-8 decoding), for binary output. */
  stdoutRaw?: Buffer;
}

export interface PutOptions {
  /** Final mode, e.g. 0o600: the file has it from its first byte (temp file created with it). */
  mode: number;
  owner?: string;
  group?: string;
  become?: Become;
}

/** One connection to one host. Implementations: SSH (core/transport/ssh.ts) and local. */
export interface Transport {
  /** The inventory name of the host. */
  readonly hostName: string;
  /** Opens the connection (idempotent). Throws ConnectError / HostKeyError. */
  connect(): Promise<void>;
  /**
   * Runs one command on its own channel of the open connection (opening it first if needed).
   * Throws only if the connection fails (ConnectError), the command times out (TimeoutError), or
   * sudo refuses to run it under `become` (CommandError: wrong/missing password, unknown user).
   */
  run(command: Command, options?: RunOptions): Promise<RunResult>;
  /**
   * Writes `content` to `path` atomically: a temp file in the same directory, created with
   * `mode` (and owner/group), then renamed over `path`.
   */
  put(path: string, content: string | Buffer | Secret, options: PutOptions): Promise<void>;
  /** Closes the connection (idempotent). */
  close(): Promise<void>;
}
