// Builds the one shell line a transport sends: cwd, LC_ALL=C and env, and the sudo wrapper for become.
import { randomBytes } from 'node:crypto';
import { ArgsError } from '../errors.ts';
import { type Command, quoteWord, toShell } from '../quote.ts';
import { unreceivable } from '../receivable.ts';
import { isSecret, type Secret } from '../secret.ts';
import { hasSecret, secretCommand } from './secret-command.ts';
import type { Become } from './transport.ts';

/** The sudo/su handshake for one command: what sudo (or su) prints when it asks, and what the command prints first. */
export interface BecomeHandshake {
  /** sudo or su. */
  method: 'sudo' | 'su';
  /** The prompt written to stderr: sudo's (`sudo -S -p`) is unique per command; su's is `Password:` (LC_ALL=C). */
  prompt: string;
  /** The line printed on stdout once sudo let the command start, unique per command. */
  marker: string;
  /** Target user. */
  user: string;
  /** Whether a password will be sent (otherwise `sudo -n`: fail rather than ask). */
  withPassword: boolean;
}

/** A shell line ready to send, and the handshake when it goes through sudo. */
export interface CommandLine {
  /** The line as an exec channel runs it (through the login shell's -c). */
  line: string;
  /**
   * The same command for a POSIX sh subshell that becomes the program (tsible's command shell, shell-session.ts):
   * `cd` and the environment first, then `exec LAUNCHER PROGRAM…`, so no login shell is started in between.
   */
  execVia: (launcher: string) => string;
  /**
   * For a script with no become and no secret: the same command as lines that a POSIX sh subshell runs itself (`cd`
   * and the environment first, then the script), with no program started in between (see RunOptions.tsibleOwn).
   */
  inline?: string;
  become?: BecomeHandshake;
  /** Bytes to send on stdin before the command's own input: the command itself when it holds a secret (see secret-command.ts). */
  stdinPrefix?: Buffer;
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `cd -- cwd && LC_ALL=C K=V … command`, wrapped in sudo when `become` is given. */
export function buildCommandLine(
  command: Command,
  options: { env?: Record<string, string>; cwd?: string; become?: Become } = {},
): CommandLine {
  refuseUnreceivable(command, options);
  const assigns = ['LC_ALL=C'];
  for (const [name, value] of Object.entries(options.env ?? {})) {
    if (!ENV_NAME.test(name)) throw new ArgsError(`bad environment variable name "${name}"`, { field: 'env' });
    assigns.push(`${name}=${quoteWord(value)}`);
  }
  const hidden = hasSecret(command) ? secretCommand(command, assigns, options.cwd) : undefined;
  // A command holding a secret sets its directory and environment itself, from stdin (see secret-command.ts).
  const dir = options.cwd !== undefined && !hidden ? options.cwd : undefined;
  const env = hidden ? [] : assigns;
  const program = hidden ? hidden.line : toShell(command);
  const plainScript = !hidden && !Array.isArray(command) ? (command as { shell: string | Secret }).shell : undefined;
  if (!options.become) return commandLine(dir, env, program, hidden?.stdinPrefix, typeof plainScript === 'string' ? plainScript : undefined);

  const id = randomBytes(8).toString('hex');
  const user = options.become.user ?? 'root';
  const withPassword = options.become.password !== undefined;
  const method = options.become.method ?? 'sudo';
  const prompt = method === 'su' ? 'Password:' : `[tsible-sudo-${id}] password:`;
  const become: BecomeHandshake = { method, prompt, marker: `TSIBLE-BECOME-${id}`, user, withPassword };
  const script = `printf '%s\\n' ${become.marker} && ${commandLine(dir, env, program).line}`;
  // su reads the password from standard input when it has no terminal (util-linux su, through PAM), prompting in English under LC_ALL=C.
  if (method === 'su') return { ...commandLine(undefined, ['LC_ALL=C'], toShell(['su', '-s', '/bin/sh', user, '-c', script])), become };
  const sudo = ['sudo', '-H', ...(withPassword ? ['-S', '-p', become.prompt] : ['-n']), '-u', user, '--', 'sh', '-c', script];
  return { ...commandLine(undefined, [], toShell(sudo), hidden?.stdinPrefix), become };
}

/** `cd -- dir && K=V … program` (the login shell's form), its exec form (see CommandLine.execVia) and, given the script, its inline form. */
function commandLine(dir: string | undefined, env: string[], program: string, stdinPrefix?: Buffer, script?: string): CommandLine {
  const cd = dir !== undefined ? `cd -- ${quoteWord(dir)}` : '';
  const line = `${cd ? `${cd} && ` : ''}${env.length ? `${env.join(' ')} ` : ''}${program}`;
  // `|| exit 1`: a directory that cannot be entered ends the command with 1, as bash's `cd … &&` does (dash's cd would give 2).
  const execVia = (launcher: string): string =>
    `${cd ? `${cd} || exit 1; ` : ''}${env.length ? `export ${env.join(' ')}; ` : ''}exec ${launcher ? `${launcher} ` : ''}${program}`;
  const inline = script === undefined ? undefined : `${cd ? `${cd} || exit 1\n` : ''}${env.length ? `export ${env.join(' ')}\n` : ''}${script}`;
  return { line, execVia, inline, stdinPrefix };
}

/** The last guard before a command is sent: a word a host cannot receive (NUL…) is an ArgsError, and the connection stays up. */
function refuseUnreceivable(command: Command, options: { env?: Record<string, string>; cwd?: string }): void {
  const words: [string, string | Secret][] = Array.isArray(command)
    ? command.map((w, i) => [`command word ${i + 1}`, w])
    : [['command script', (command as { shell: string | Secret }).shell]];
  for (const [name, value] of Object.entries(options.env ?? {})) words.push([`env ${name}`, value]);
  if (options.cwd !== undefined) words.push(['cwd', options.cwd]);
  for (const [what, w] of words) {
    const why = unreceivable(isSecret(w) ? w.reveal() : w);
    if (why) throw new ArgsError(`${what} ${why}`, { field: 'command' });
  }
}
