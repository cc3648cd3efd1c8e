// The tests of `x is NAME`: Jinja's built-ins and Ansible's (truthy, match, failed, changed…), with Python's results.
import { isSecret } from '../secret.ts';
import { TemplateValueError, Undefined, isDict, pyEq, pyTruth } from './py-values.ts';

/** A test: the value, the other positional arguments, the keyword arguments. */
export type Test = (value: any, args: any[], kw: Record<string, any>) => boolean;

/** Tests that take an Undefined as it is. */
export const LENIENT_TESTS = new Set(['defined', 'undefined']);

const num = (v: unknown) => typeof v === 'number';
const isStr = (v: unknown) => typeof v === 'string' || isSecret(v);

function regex(v: unknown, args: unknown[], kw: Record<string, unknown>, mode: 'match' | 'search' | 'full'): boolean {
  const pattern = String(args[0] ?? kw.pattern).replace(/\(\?P<([A-Za-z_]\w*)>/g, '(?<$1>');
  const flags = `${kw.ignorecase ? 'i' : ''}${kw.multiline ? 'm' : ''}`;
  let re: RegExp;
  try {
    re = new RegExp(mode === 'match' ? `^(?:${pattern})` : mode === 'full' ? `^(?:${pattern})$` : pattern, flags);
  } catch (e) {
    throw new TemplateValueError(`bad regular expression ${JSON.stringify(pattern)}: ${(e as Error).message}`);
  }
  return re.test(String(v));
}

/** A registered task result's flag (Ansible's failed/changed/skipped/succeeded tests). */
function result(v: unknown, key: string): boolean {
  if (!isDict(v)) throw new TemplateValueError(`the '${key}' test expects a task result (a dictionary)`);
  return pyTruth(v[key] ?? false);
}

export const TESTS: Record<string, Test> = {
  defined: (v) => !(v instanceof Undefined),
  undefined: (v) => v instanceof Undefined,
  none: (v) => v === null || v === undefined,
  boolean: (v) => typeof v === 'boolean',
  true: (v) => v === true,
  false: (v) => v === false,
  truthy: (v) => pyTruth(v),
  falsy: (v) => !pyTruth(v),
  string: (v) => isStr(v),
  number: (v) => num(v),
  integer: (v) => num(v) && Number.isInteger(v),
  float: (v) => num(v) && !Number.isInteger(v),
  mapping: (v) => isDict(v) || v instanceof Map,
  sequence: (v) => Array.isArray(v) || isStr(v) || isDict(v),
  iterable: (v) => Array.isArray(v) || isStr(v) || isDict(v) || v instanceof Map,
  callable: (v) => typeof v === 'function',
  lower: (v) => String(v) === String(v).toLowerCase(),
  upper: (v) => String(v) === String(v).toUpperCase(),
  odd: (v) => Math.abs(Number(v) % 2) === 1,
  even: (v) => Number(v) % 2 === 0,
  divisibleby: (v, [n]) => Number(v) % Number(n) === 0,
  eq: (v, [x]) => pyEq(v, x),
  equalto: (v, [x]) => pyEq(v, x),
  '==': (v, [x]) => pyEq(v, x),
  ne: (v, [x]) => !pyEq(v, x),
  '!=': (v, [x]) => !pyEq(v, x),
  lt: (v, [x]) => v < x,
  '<': (v, [x]) => v < x,
  le: (v, [x]) => v <= x,
  '<=': (v, [x]) => v <= x,
  gt: (v, [x]) => v > x,
  greaterthan: (v, [x]) => v > x,
  '>': (v, [x]) => v > x,
  ge: (v, [x]) => v >= x,
  '>=': (v, [x]) => v >= x,
  in: (v, [c]) => (typeof c === 'string' ? c.includes(String(v)) : Array.isArray(c) ? c.some((x) => pyEq(x, v)) : !!c && typeof c === 'object' && Object.hasOwn(c, String(v))),
  contains: (v, [x]) => (typeof v === 'string' ? v.includes(String(x)) : Array.isArray(v) ? v.some((y) => pyEq(y, x)) : !!v && typeof v === 'object' && Object.hasOwn(v, String(x))),
  sameas: (v, [x]) => v === x,
  match: (v, args, kw) => regex(v, args, kw, 'match'),
  search: (v, args, kw) => regex(v, args, kw, 'search'),
  regex: (v, args, kw) => regex(v, args, kw, kw.match_type === 'match' ? 'match' : kw.match_type === 'fullmatch' ? 'full' : 'search'),
  failed: (v) => result(v, 'failed'),
  failure: (v) => result(v, 'failed'),
  succeeded: (v) => !result(v, 'failed'),
  success: (v) => !result(v, 'failed'),
  successful: (v) => !result(v, 'failed'),
  changed: (v) => result(v, 'changed'),
  change: (v) => result(v, 'changed'),
  skipped: (v) => result(v, 'skipped'),
  skip: (v) => result(v, 'skipped'),
  subset: (v, [x]) => (v as unknown[]).every((a) => (x as unknown[]).some((b) => pyEq(a, b))),
  superset: (v, [x]) => (x as unknown[]).every((a) => (v as unknown[]).some((b) => pyEq(a, b))),
};
