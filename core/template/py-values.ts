// Python's view of template values: str() and repr() as Jinja prints them, truthiness, equality, and the strict Undefined.
import { isSecret, MASK } from '../secret.ts';
import { isSafeString } from './nunjucks.ts';

/**
 * A name or attribute the template asked for and the variables do not have (Ansible's StrictUndefined):
 * printing, testing, iterating or computing with it is an error; `default`, `is defined` and attribute
 * access (which gives the same Undefined, as Ansible's chainable undefined) are not.
 */
export class Undefined {
  constructor(readonly hint: string) {}
  toString(): string {
    throw new TemplateValueError(this.hint);
  }
}

/** An error of template evaluation (Undefined used, a wrong type, a filter's failure); the line is added where it is caught. */
export class TemplateValueError extends Error {
  override name = 'TemplateValueError';
}

export function isUndefined(v: unknown): v is Undefined {
  return v instanceof Undefined;
}

/** Throws the Undefined's error (or returns the value) for every use that is not `default` or `is defined`. */
export function strict<T>(v: T): T {
  if (v instanceof Undefined) throw new TemplateValueError(v.hint);
  return v;
}

/** A plain JavaScript object standing for a Python dict (not an array, Date, Secret, class instance). */
export function isDict(v: unknown): v is Record<string, unknown> {
  if (!v || typeof v !== 'object' || Array.isArray(v) || isSecret(v) || v instanceof Undefined) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

const TUPLE = Symbol('tsible.tuple');

/** A Python tuple (what dict.items() and dictsort give): a JavaScript array that prints as (a, b). */
export function tuple<T>(...items: T[]): T[] {
  return Object.defineProperty(items, TUPLE, { value: true });
}

function isTuple(v: unknown[]): boolean {
  return (v as unknown as Record<symbol, boolean>)[TUPLE] === true;
}

/** Python's type name, for error messages: 'int', 'str', 'list', 'dict', 'NoneType'. */
export function pyType(v: unknown): string {
  if (v === null || v === undefined) return 'NoneType';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (typeof v === 'string' || isSafeString(v) || isSecret(v)) return 'str';
  if (Array.isArray(v)) return 'list';
  if (v instanceof Undefined) return 'AnsibleUndefined';
  return 'dict';
}

/** Python's float repr: 1.5, 1e+20, inf, nan (integral numbers print as ints: JavaScript has one number type). */
function pyNumber(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (n === Infinity) return 'inf';
  if (n === -Infinity) return '-inf';
  if (Number.isInteger(n) && Math.abs(n) < 1e16) return String(n);
  const s = String(n);
  return s.replace(/e([+-])(\d)$/, 'e$10$2');
}

/** Python's str(): what `{{ v }}` prints (None is 'None' here; the template output prints it as ''). */
export function pyStr(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v instanceof Undefined) throw new TemplateValueError(v.hint);
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return pyNumber(v);
  if (isSecret(v)) return MASK;
  if (isSafeString(v)) return v.val;
  if (typeof v === 'bigint') return String(v);
  return pyRepr(v);
}

/** Python's repr(): strings quoted the way Python quotes them, lists and dicts as Python prints them. */
export function pyRepr(v: unknown): string {
  if (typeof v === 'string') return reprString(v);
  if (isSafeString(v)) return reprString(v.val);
  if (isSecret(v)) return reprString(MASK);
  if (v instanceof Undefined) throw new TemplateValueError(v.hint);
  if (Array.isArray(v)) {
    if (isTuple(v)) return v.length === 1 ? `(${pyRepr(v[0])},)` : `(${v.map(pyRepr).join(', ')})`;
    return `[${v.map(pyRepr).join(', ')}]`;
  }
  if (v instanceof Map) return `{${[...v].map(([k, x]) => `${pyRepr(k)}: ${pyRepr(x)}`).join(', ')}}`;
  if (v instanceof Date) return reprString(v.toISOString());
  if (v && typeof v === 'object') return `{${Object.entries(v).map(([k, x]) => `${reprString(k)}: ${pyRepr(x)}`).join(', ')}}`;
  return pyStr(v);
}

/** Python's repr of a str: single quotes unless the text has a ' and no ", escapes as Python writes them. */
function reprString(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === quote || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out + quote;
}

/** Python's bool(): empty strings, lists and dicts are false; using an Undefined is an error. */
export function pyTruth(v: unknown): boolean {
  if (v instanceof Undefined) throw new TemplateValueError(v.hint);
  if (v === null || v === undefined) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0 && !Number.isNaN(v);
  if (typeof v === 'string') return v.length > 0;
  if (isSafeString(v)) return v.val.length > 0;
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof Map || v instanceof Set) return v.size > 0;
  if (isDict(v)) return Object.keys(v).length > 0;
  return true;
}

/** Python's ==: deep for lists and dicts, True == 1, never '1' == 1. */
export function pyEq(a: unknown, b: unknown): boolean {
  if (a instanceof Undefined || b instanceof Undefined) throw new TemplateValueError((a instanceof Undefined ? a : (b as Undefined)).hint);
  if (isSafeString(a)) a = a.val;
  if (isSafeString(b)) b = b.val;
  if (a === b) return true;
  if ((a === null || a === undefined) && (b === null || b === undefined)) return true;
  const numeric = (x: unknown) => typeof x === 'number' || typeof x === 'boolean';
  if (numeric(a) && numeric(b)) return Number(a) === Number(b);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => pyEq(x, b[i]));
  if (isDict(a) && isDict(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && pyEq(a[k], b[k]));
  }
  return false;
}

/** The text of a string-like value (str, SafeString); anything else through str(). */
export function asText(v: unknown): string {
  return pyStr(v);
}
