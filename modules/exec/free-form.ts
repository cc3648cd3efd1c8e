// Ansible's free form for command and shell: leading `creates=/x chdir=/y` words set arguments, the rest is the command.
import { ArgsError, type ErrorLocation } from '../../core/errors.ts';
import { commandWords } from '../../core/shell-words.ts';

/** A free-form command line with its leading option words taken out. */
export interface FreeForm {
  /** Options found before the command, by name (e.g. { creates: '/x' }). */
  options: Record<string, string>;
  /** The command itself, exactly as written after the last option word (leading blanks removed). */
  rest: string;
}

/**
 * Takes the leading `key=value` words whose key is in `keys` off `line` (`creates=/x echo hi` →
 * options { creates: '/x' }, rest 'echo hi'). Only leading words count: `echo chdir=/x` is a command.
 * Values may be quoted (`chdir="/a b"`). A key given twice is an ArgsError at `where`.
 */
export function peelFreeForm(line: string, keys: readonly string[], where: ErrorLocation = {}): FreeForm {
  const options: Record<string, string> = {};
  let restStart = 0;
  const words = commandWords(line, where);
  for (;;) {
    let next: IteratorResult<{ text: string; end: number }>;
    try {
      next = words.next();
    } catch {
      break; // a word the splitter cannot read is no option word: the shell (or the command split) judges it
    }
    if (next.done) break;
    const m = /^([A-Za-z_]+)=([\s\S]*)$/.exec(next.value.text);
    if (!m || !keys.includes(m[1])) break;
    if (m[1] in options) throw new ArgsError(`"${m[1]}=" is given twice in the command line`, { ...where, field: m[1] });
    options[m[1]] = m[2];
    restStart = next.value.end;
  }
  return { options, rest: line.slice(restStart).replace(/^[ \t\r\n]+/, '') };
}
