// A value that must never be printed: it shows as *** in logs, diffs, errors, JSON and inspect output.
import { inspect } from 'node:util';

export const MASK = '***';

/** Wraps a secret string. Only `reveal()` returns the value; every printing path sees `***`. */
/** Marks Secrets made by any copy of this module (a playbook loaded through tsx gets its own copy of tsible's files). */
const SECRET_BRAND = Symbol.for('tsible.secret');

export class Secret {
  readonly #value: string;
  readonly [SECRET_BRAND] = true;
  constructor(value: string) {
    this.#value = value;
  }
  /** `x instanceof Secret` holds for Secrets of every copy of tsible loaded in the process. */
  static [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[SECRET_BRAND] === true;
  }
  /** The real value, for the one place that must send it to the host. */
  reveal(): string {
    return this.#value;
  }
  toString(): string {
    return MASK;
  }
  toJSON(): string {
    return MASK;
  }
  [inspect.custom](): string {
    return MASK;
  }
}

/** Marks a value as secret (inventory and vault values, passwords). */
export function secret(value: string): Secret {
  return new Secret(value);
}

export function isSecret(value: unknown): value is Secret {
  return value instanceof Secret;
}

/** The string to send: reveals secrets. */
export function revealString(value: string | Secret): string {
  return isSecret(value) ? value.reveal() : value;
}

/**
 * Replaces every occurrence of each secret's value in `text` by `***` (for stderr, diffs, templates),
 * also as error messages escape it: JSON/inspect escapes (`\n`, `\"`, `\'`, `\u0000`) and POSIX shell quoting (`'\''`).
 */
export function maskSecrets(text: string, secrets: Iterable<Secret>): string {
  let out = text;
  for (const s of secrets) {
    const v = s.reveal();
    if (v.length === 0) continue;
    const json = JSON.stringify(v).slice(1, -1);
    const forms = new Set([v, json, json.replace(/'/g, "\\'"), v.replace(/'/g, `'\\''`)]);
    // A multi-line secret (a PEM key) also shows line by line (stdout_lines): each line of 4 characters or more is masked too.
    if (v.includes('\n')) for (const line of v.split(/\r?\n/)) if (line.length >= 4) forms.add(line);
    for (const f of [...forms].sort((a, b) => b.length - a.length)) out = out.split(f).join(MASK);
  }
  return out;
}
