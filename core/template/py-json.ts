// Python's json.dumps output (Ansible's to_json / to_nice_json): its separators, indent, key sorting and ASCII escaping.
import { isSecret } from '../secret.ts';
import { TemplateValueError, Undefined, isDict, pyType } from './py-values.ts';

export interface PyJsonOptions {
  indent?: number | null;
  sortKeys?: boolean;
  ensureAscii?: boolean;
  /** [item separator, key separator]; default ', ' and ': ' (',' with an indent), as Python's. */
  separators?: [string, string];
}

function quote(s: string, ascii: boolean): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (c < 0x20) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else if (ascii && c > 0x7e) {
      if (c > 0xffff) {
        const v = c - 0x10000;
        out += `\\u${(0xd800 + (v >> 10)).toString(16)}\\u${(0xdc00 + (v & 0x3ff)).toString(16)}`;
      } else out += `\\u${c.toString(16).padStart(4, '0')}`;
    } else out += ch;
  }
  return `${out}"`;
}

/** json.dumps(value, indent, sort_keys, ensure_ascii, separators). */
export function pyJsonDumps(value: unknown, opts: PyJsonOptions = {}): string {
  const indent = opts.indent ?? null;
  const ascii = opts.ensureAscii ?? true;
  const [itemSep, keySep] = opts.separators ?? (indent === null ? [', ', ': '] : [',', ': ']);
  const walk = (v: unknown, depth: number): string => {
    if (v instanceof Undefined) throw new TemplateValueError(v.hint);
    if (v === null || v === undefined) return 'null';
    if (typeof v === 'boolean') return v ? 'true' : 'false';
    if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : v === Infinity ? 'Infinity' : v === -Infinity ? '-Infinity' : String(v);
    if (typeof v === 'string') return quote(v, ascii);
    if (isSecret(v)) return quote(String(v), ascii);
    const nl = indent === null ? '' : `\n${' '.repeat(indent * (depth + 1))}`;
    const end = indent === null ? '' : `\n${' '.repeat(indent * depth)}`;
    if (Array.isArray(v)) {
      if (!v.length) return '[]';
      return `[${nl}${v.map((x) => walk(x, depth + 1)).join(itemSep + nl)}${end}]`;
    }
    if (v instanceof Map) v = Object.fromEntries(v);
    if (v instanceof Date) return quote(v.toISOString(), ascii);
    if (isDict(v) || (v && typeof v === 'object')) {
      let keys = Object.keys(v as object);
      if (!keys.length) return '{}';
      if (opts.sortKeys) keys = keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${nl}${keys.map((k) => quote(k, ascii) + keySep + walk((v as Record<string, unknown>)[k], depth + 1)).join(itemSep + nl)}${end}}`;
    }
    throw new TemplateValueError(`Object of type ${pyType(v)} is not JSON serializable`);
  };
  return walk(value, 0);
}
