// A command holding a secret travels on stdin, not on the host's command line (ps, /proc/PID/cmdline, sudo's SUDO_COMMAND).
import { isSecret } from '../secret.ts';
import { type Command, quoteWord, toShell } from '../quote.ts';

/** Whether any word of `command`, or its whole script, is a Secret. */
export function hasSecret(command: Command): boolean {
  return Array.isArray(command) ? command.some((a) => isSecret(a)) : isSecret((command as { shell: unknown }).shell);
}

/**
 * The line for a command that holds a secret: a fixed stub that reads the real command (N bytes)
 * from stdin into a shell variable of its own and evaluates it there; the command's own input
 * follows on the same stdin (`head -c` reads no further than N bytes). The variable is not
 * exported, so neither the host's process list nor any process environment shows the secret. A
 * word that is a secret is still an argument of the program it is given to, when that program is
 * not a shell builtin (printf, echo, test, [): pass secrets on stdin to keep them out of `ps`.
 */
export function secretCommand(command: Command, assigns: string[], cwd?: string): { line: string; stdinPrefix: Buffer } {
  const setup = [...(cwd !== undefined ? [`cd -- ${quoteWord(cwd)} || exit 1`] : []), `export ${assigns.join(' ')}`];
  const body = Array.isArray(command) ? toShell(command) : scriptOf(command as { shell: unknown });
  const text = Buffer.from(`${setup.join('\n')}\n${body}\n`, 'utf8');
  const stub = `s=$(head -c ${text.length}; echo .) || exit 125; s=\${s%.}; eval "$s"`;
  return { line: toShell(['sh', '-c', stub]), stdinPrefix: text };
}

/** The script of a `{ shell }` command, run in a subshell (as `sh -c` would run it in a process of its own). */
function scriptOf(command: { shell: unknown }): string {
  const sh = command.shell;
  return `(\n${isSecret(sh) ? sh.reveal() : String(sh)}\n)`;
}
