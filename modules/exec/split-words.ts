// Splits a command line into words the way a POSIX shell splits them (quotes, backslashes), without any expansion.
import { ArgsError, type ErrorLocation } from '../../core/errors.ts';

/** One word of a command line. */
export interface CommandWord {
  /** The word with quotes removed and escapes applied. */
  text: string;
  /** Offset just past the word's last character in the line (where the rest of the line starts). */
  end: number;
}

/**
 * Splits `line` into words as `sh` would before running it, but with no expansion at all:
 * blanks separate words; '…' keeps everything literally; "…" keeps everything except that a backslash
 * escapes $ ` " \ and a newline; outside quotes a backslash escapes the next character (and drops a newline).
 * `$HOME`, `*`, `|`, `>` and `;` are plain characters. An unterminated quote or a trailing lone backslash
 * is an ArgsError at `where`.
 */
export function splitCommandWords(line: string, where: ErrorLocation = {}): CommandWord[] {
  return [...commandWords(line, where)];
}

/** The words of `line` one at a time (so a caller may stop early, before text it would not understand). */
export function* commandWords(line: string, where: ErrorLocation = {}): Generator<CommandWord> {
  const n = line.length;
  let i = 0;
  while (i < n) {
    while (i < n && isBlank(line[i])) i++;
    if (i >= n) break;
    let text = '';
    let quoted = false;
    while (i < n && !isBlank(line[i])) {
      const c = line[i];
      if (c === "'" || c === '"') quoted = true;
      if (c === "'") {
        const close = line.indexOf("'", i + 1);
        if (close < 0) throw new ArgsError('unterminated single quote in the command', where);
        text += line.slice(i + 1, close);
        i = close + 1;
      } else if (c === '"') {
        i++;
        for (;;) {
          if (i >= n) throw new ArgsError('unterminated double quote in the command', where);
          const d = line[i];
          if (d === '"') break;
          if (d === '\\' && i + 1 < n && '$`"\\\n'.includes(line[i + 1])) {
            if (line[i + 1] !== '\n') text += line[i + 1];
            i += 2;
          } else {
            text += d;
            i++;
          }
        }
        i++;
      } else if (c === '\\') {
        if (i + 1 >= n) throw new ArgsError('the command ends with a lone backslash', where);
        if (line[i + 1] !== '\n') text += line[i + 1];
        i += 2;
      } else {
        text += c;
        i++;
      }
    }
    // A lone escaped newline is a line continuation, not an empty word; '' and "" are empty words.
    if (text !== '' || quoted) yield { text, end: i };
  }
}

function isBlank(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r';
}
