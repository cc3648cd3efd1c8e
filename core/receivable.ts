// Values a host cannot receive in a command (a NUL byte, half of a UTF-16 surrogate pair): found before anything is sent, named by field.
import { ArgsError, type ErrorLocation } from './errors.ts';
import { isSecret } from './secret.ts';

/** Why `text` cannot be sent to a host, or undefined when it can. Says where, never what (it may be a secret). */
export function unreceivable(text: string): string | undefined {
  const nul = text.indexOf('\0');
  if (nul >= 0) return `contains a NUL byte (character ${nul + 1}), which no command line, environment or shell word can carry`;
  const lone = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.exec(text);
  if (lone) return `contains half of a UTF-16 surrogate pair (character ${lone.index + 1}), which is not text a host can receive`;
  return undefined;
}

/**
 * Throws ArgsError naming the field (`headers.Accept`, `argv[2]`) of the first string, at any depth
 * of `args`, that a host cannot receive. Fields listed in `binary` carry file content on stdin:
 * there a NUL byte is content like any other (surrogate halves are still refused).
 */
export function checkReceivable(args: unknown, where: ErrorLocation, binary: ReadonlySet<string> = new Set()): void {
  const walk = (v: unknown, field: string, seen: Set<object>): void => {
    const text = isSecret(v) ? v.reveal() : typeof v === 'string' ? v : undefined;
    if (text !== undefined) {
      const top = field.split(/[.[]/)[0];
      const why = unreceivable(binary.has(top) ? text.replace(/\0/g, '') : text);
      if (why) throw new ArgsError(`${isSecret(v) ? 'the secret value ' : ''}${why}`, { ...where, field });
      return;
    }
    if (!v || typeof v !== 'object' || Buffer.isBuffer(v) || seen.has(v)) return;
    seen.add(v);
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${field}[${i}]`, seen));
    else if (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null) {
      for (const [k, x] of Object.entries(v)) walk(x, field ? `${field}.${k}` : k, seen);
    }
  };
  walk(args, '', new Set());
}
