// The one place that turns an argv into a POSIX shell string: single quotes, secrets masked for display.
import { type Secret, isSecret, MASK } from './secret.ts';

/** One argument of a remote command: plain text, or a secret that is masked when displayed. */
export type Arg = string | Secret;

/** A remote command: an argv (quoted here), or a shell script given as one string (run by `sh -c`). */
export type Command = readonly Arg[] | { readonly shell: string | Secret };

const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** POSIX single-quoting of one word: abc → abc, it's → 'it'\''s', '' → ''. */
export function quoteWord(word: string): string {
  if (word === '') return "''";
  if (SAFE.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The shell string to send to the host (secrets revealed). */
export function toShell(command: Command): string {
  if (isShellScript(command)) return `sh -c ${quoteWord(reveal(command.shell))}`;
  return command.map((a) => quoteWord(reveal(a))).join(' ');
}

/** The same command for people to read: secrets shown as ***. */
export function toDisplay(command: Command): string {
  if (isShellScript(command)) return isSecret(command.shell) ? `sh -c ${MASK}` : `sh -c ${quoteWord(command.shell)}`;
  return command.map((a) => (isSecret(a) ? MASK : quoteWord(a))).join(' ');
}

function isShellScript(c: Command): c is { readonly shell: string | Secret } {
  return !Array.isArray(c);
}

function reveal(a: Arg): string {
  return isSecret(a) ? a.reveal() : a;
}
