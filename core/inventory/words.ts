// Key=value lines as Ansible's INI host lines and -e k=v write them: their words, and a word's key and value.
import { ArgsError, type ErrorLocation } from '../errors.ts';
import { type ShellWord, splitCommandWords } from '../shell-words.ts';

/** One word of a line. */
export type Word = ShellWord;

export interface SplitOptions {
  /** A `#` outside quotes starts a comment that runs to the end of the line, also inside a word (`n=x#y` is `n=x`), as Python's shlex. */
  comments?: boolean;
  /** Where the line is, for errors. */
  where?: ErrorLocation;
}

/**
 * Splits a key=value line into words (core/shell-words.ts, its 'kv' dialect). Quotes may appear anywhere in a
 * word (`k="a b"` is one word `k=a b`); inside double quotes, `\"` and `\\` are escapes; inside single quotes
 * nothing is. An unterminated quote is an ArgsError at `where`.
 */
export function splitWords(line: string, options: SplitOptions = {}): Word[] {
  return splitCommandWords(line, options.where, { dialect: 'kv', comments: options.comments });
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
