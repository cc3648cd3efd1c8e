// Splits a line into words the way a POSIX shell splits them (quotes, backslashes), without any expansion: tsible's one word splitter.
import { ArgsError, type ErrorLocation } from './errors.ts';

/** One word of a line. */
export interface ShellWord {
  /** The word with quotes removed and escapes applied. */
  text: string;
  /** The word as written, quotes and backslashes included. */
  raw: string;
  /** Offset just past the word's last character in the line (where the rest of the line starts). */
  end: number;
}

export interface ShellWordOptions {
  /**
   * 'sh' (default): a command line, as /bin/sh splits it. 'kv': Ansible's key=value lines (INI hosts, -e, -a),
   * as Python's shlex splits them: inside "…" a backslash escapes only `"` and `\`, a trailing backslash is
   * kept, and an unterminated quote is reported as such without naming a command.
   */
  dialect?: 'sh' | 'kv';
  /**
   * A `#` outside quotes starts a comment that runs to the end of the line: at the start of a word
   * (`sh`), or anywhere, inside a word too (`kv`: `n=x#y` is `n=x`, as Python's shlex splits Ansible's INI host lines).
   */
  comments?: boolean;
}

/** What a backslash escapes inside double quotes, per dialect. */
const DOUBLE_QUOTE_ESCAPES = { sh: '$`"\\\n', kv: '"\\' };

/**
 * Splits `line` into words as `sh` would before running it, but with no expansion at all:
 * blanks separate words; '…' keeps everything literally; "…" keeps everything except that a backslash
 * escapes $ ` " \ and a newline; outside quotes a backslash escapes the next character (and drops a newline).
 * `$HOME`, `*`, `|`, `>` and `;` are plain characters. An unterminated quote or (sh) a trailing lone backslash
 * is an ArgsError at `where`.
 */
export function splitCommandWords(line: string, where: ErrorLocation = {}, options: ShellWordOptions = {}): ShellWord[] {
  return [...commandWords(line, where, options)];
}

/** The words of `line` one at a time (so a caller may stop early, before text it would not understand). */
export function* commandWords(line: string, where: ErrorLocation = {}, options: ShellWordOptions = {}): Generator<ShellWord> {
  const sh = (options.dialect ?? 'sh') === 'sh';
  const escapes = DOUBLE_QUOTE_ESCAPES[options.dialect ?? 'sh'];
  const unterminated = (kind: string) => new ArgsError(sh ? `unterminated ${kind} quote in the command` : 'unterminated quote', where);
  const n = line.length;
  let i = 0;
  while (i < n) {
    while (i < n && isBlank(line[i])) i++;
    if (i >= n) break;
    if (options.comments && line[i] === '#') break;
    const start = i;
    let text = '';
    let quoted = false;
    let comment = false;
    while (i < n && !isBlank(line[i])) {
      const c = line[i];
      if (c === '#' && options.comments && !sh) {
        comment = true;
        break;
      }
      if (c === "'" || c === '"') quoted = true;
      if (c === "'") {
        const close = line.indexOf("'", i + 1);
        if (close < 0) throw unterminated('single');
        text += line.slice(i + 1, close);
        i = close + 1;
      } else if (c === '"') {
        i++;
        for (;;) {
          if (i >= n) throw unterminated('double');
          const d = line[i];
          if (d === '"') break;
          if (d === '\\' && i + 1 < n && escapes.includes(line[i + 1])) {
            if (line[i + 1] !== '\n') text += line[i + 1];
            i += 2;
          } else {
            text += d;
            i++;
          }
        }
        i++;
      } else if (c === '\\') {
        if (i + 1 >= n) {
          if (sh) throw new ArgsError('the command ends with a lone backslash', where);
          text += c;
          i++;
          continue;
        }
        if (line[i + 1] !== '\n') text += line[i + 1];
        i += 2;
      } else {
        text += c;
        i++;
      }
    }
    // A lone escaped newline is a line continuation, not an empty word; '' and "" are empty words.
    if (text !== '' || quoted) yield { text, raw: line.slice(start, i), end: i };
    if (comment) break;
  }
}

function isBlank(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r';
}
