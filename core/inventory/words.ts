// Splits a line into shell-like words (single/double quotes, backslash escapes), as Ansible's INI host lines and -e k=v do.
import { ArgsError, type ErrorLocation } from '../errors.ts';

/** One word of a line. */
export interface Word {
  /** The word with its quotes removed and escapes applied. */
  text: string;
  /** The word as written, quotes included. */
  raw: string;
}

export interface SplitOptions {
  /** A word starting with `#` (outside quotes) starts a comment that runs to the end of the line. */
  comments?: boolean;
  /** Where the line is, for errors. */
  where?: ErrorLocation;
}

/**
 * Splits `line` into words. Quotes may appear anywhere in a word (`k="a b"` is one word `k=a b`);
 * inside double quotes, `\"` and `\\` are escapes; inside single quotes nothing is.
 * An unterminated quote is an ArgsError at `where`.
 */
export function splitWords(line: string, options: SplitOptions = {}): Word[] {
  const words: Word[] = [];
  let i = 0;
  const n = line.length;
  while (i < n) {
    while (i < n && /\s/.test(line[i])) i++;
    if (i >= n) break;
    if (options.comments && line[i] === '#') break;
    const start = i;
    let text = '';
    while (i < n && !/\s/.test(line[i])) {
      const c = line[i];
      if (c === "'" || c === '"') {
        const close = findClose(line, i + 1, c);
        if (close < 0) throw new ArgsError('unterminated quote', options.where ?? {});
        const inner = line.slice(i + 1, close);
        text += c === '"' ? inner.replace(/\\(["\\])/g, '$1') : inner;
        i = close + 1;
      } else if (c === '\\' && i + 1 < n) {
        text += line[i + 1];
        i += 2;
      } else {
        text += c;
        i++;
      }
    }
    words.push({ text, raw: line.slice(start, i) });
  }
  return words;
}

function findClose(line: string, from: number, quote: string): number {
  for (let i = from; i < line.length; i++) {
    if (quote === '"' && line[i] === '\\') {
      i++;
      continue;
    }
    if (line[i] === quote) return i;
  }
  return -1;
}

/** A key=value word split at its first `=`; `quoted` says the value was written in quotes (so it stays a string). */
export interface KeyValue {
  /** The variable name (before the first `=`). */
  key: string;
  /** The value, quotes removed. */
  value: string;
  /** The value was written in quotes (so it stays a string). */
  quoted: boolean;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** True if `name` is a valid variable name (letters, digits, underscores; not starting with a digit). */
export function isVarName(name: string): boolean {
  return NAME.test(name);
}

/** Splits a `key=value` word; null if the word has no `=` before any quote. Throws on a bad key. */
export function splitKeyValue(word: Word, where: ErrorLocation = {}): KeyValue | null {
  const eq = word.raw.indexOf('=');
  if (eq < 0 || /["']/.test(word.raw.slice(0, eq))) return null;
  const key = word.raw.slice(0, eq);
  if (!isVarName(key)) throw new ArgsError(`bad variable name "${key}"`, where);
  const rawValue = word.raw.slice(eq + 1);
  return { key, value: word.text.slice(eq + 1), quoted: rawValue.startsWith('"') || rawValue.startsWith("'") };
}
