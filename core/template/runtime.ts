// What compiled templates call (as `env.tsible.*`): variable and attribute lookup, output, truth, operators, filters and tests, with Jinja's (Python's) semantics.
import { readFileSync } from 'node:fs';
import { isSecret } from '../secret.ts';
import { FILTERS, LENIENT_FILTERS } from './filters.ts';
import { nunjucks } from './nunjucks.ts';
import { pythonMethod } from './python-methods.ts';
import { TemplateValueError, Undefined, isDict, pyEq, pyRepr, pyStr, pyTruth, pyType, strict, tuple } from './py-values.ts';
import { LENIENT_TESTS, TESTS } from './tests.ts';

/** The variables of the render in progress (renders are synchronous: a stack serves nested renders of lazy variables). */
const varsStack: Record<string, unknown>[] = [];

export function withVars<T>(vars: Record<string, unknown>, fn: () => T): T {
  varsStack.push(vars);
  try {
    return fn();
  } finally {
    varsStack.pop();
  }
}

/** Names every template sees unless a variable of that name exists (Jinja's globals, Python's constants). */
const GLOBALS: Record<string, unknown> = {
  True: true, False: false, None: null, true: true, false: false, none: null,
  range: (start: number, stop?: number, step = 1): number[] => {
    if (stop === undefined) [start, stop] = [0, start];
    const out: number[] = [];
    for (let i = start; step > 0 ? i < stop : i > stop; i += step) out.push(i);
    return out;
  },
  lookup: (kind: string, ...terms: unknown[]) => lookup(kind, terms, false),
  query: (kind: string, ...terms: unknown[]) => lookup(kind, terms, true),
  q: (kind: string, ...terms: unknown[]) => lookup(kind, terms, true),
  dict: (...args: unknown[]): Record<string, unknown> => {
    const kw = args.length && isKeywords(args[args.length - 1]) ? stripKeywords(args.pop()) : {};
    return { ...(isDict(args[0]) ? args[0] : {}), ...kw };
  },
};

/** A value at line `lineno` (0-based, as the parser counts) as the error every helper throws. */
function located(e: unknown, lineno: number): Error {
  const { TemplateError } = nunjucks().lib;
  if (e && typeof e === 'object' && (e as { lineno?: number }).lineno) return e as Error;
  const err = new TemplateError(e instanceof Error ? e.message : String(e), lineno + 1, 0);
  (err as { tsibleMessage?: string }).tsibleMessage = e instanceof Error ? e.message : String(e);
  return err;
}

/** Nunjucks passes keyword arguments as a last object marked `__keywords`. */
export function isKeywords(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && (v as { __keywords?: boolean }).__keywords === true;
}
function stripKeywords(v: unknown): Record<string, unknown> {
  const { __keywords: _k, ...rest } = v as Record<string, unknown>;
  return rest;
}

/** Positional arguments and keyword arguments of a call from a template. */
export function splitArgs(args: unknown[]): { pos: unknown[]; kw: Record<string, unknown> } {
  if (args.length && isKeywords(args[args.length - 1])) return { pos: args.slice(0, -1), kw: stripKeywords(args[args.length - 1]) };
  return { pos: args, kw: {} };
}

export const runtime = {
  /** A name: template-local (set, loop, macro argument), then the host's variables, then the globals. */
  lookup(context: { ctx: Record<string, unknown> }, frame: { lookup(n: string): unknown }, name: string): unknown {
    const local = frame.lookup(name);
    if (local !== undefined) return local;
    if (Object.hasOwn(context.ctx, name)) return context.ctx[name];
    const vars = varsStack[varsStack.length - 1];
    if (vars && name in vars) {
      const v = vars[name];
      if (v !== undefined) return v;
    }
    if (Object.hasOwn(GLOBALS, name)) return GLOBALS[name];
    return new Undefined(`'${name}' is undefined`);
  },

  /** `obj.key` / `obj[key]`: a dict's item, a list's index (negative too), a slice, or a Python method. */
  member(obj: unknown, key: unknown, lineno: number): unknown {
    try {
      if (obj instanceof Undefined) return obj;
      if (Array.isArray(key) && key.length === 3 && (typeof obj === 'string' || Array.isArray(obj))) return slice(obj, key as (number | null)[]);
      if (key instanceof Undefined) strict(key);
      if (obj === null || obj === undefined) return new Undefined(`'None' has no attribute '${pyStr(key)}'`);
      if (typeof obj === 'string' || Array.isArray(obj)) {
        if (typeof key === 'number') {
          const i = key < 0 ? obj.length + key : key;
          if (i >= 0 && i < obj.length) return obj[i];
          return new Undefined(`${pyType(obj)} object has no element ${key}`);
        }
        const m = pythonMethod(obj, String(key));
        if (m) return m;
        return new Undefined(`'${pyType(obj)} object' has no attribute '${pyStr(key)}'`);
      }
      if (obj instanceof Map) return obj.has(key) ? obj.get(key) : new Undefined(`'dict object' has no attribute '${pyStr(key)}'`);
      if (typeof obj === 'object' && !isSecret(obj)) {
        const k = typeof key === 'number' ? String(key) : (key as string);
        if (Object.hasOwn(obj, k) || (isDict(obj) === false && k in (obj as object))) {
          const v = (obj as Record<string, unknown>)[k];
          if (typeof v === 'function') return v.bind(obj);
          if (v !== undefined) return v;
        }
        const m = pythonMethod(obj, String(key));
        if (m) return m;
        return new Undefined(`'dict object' has no attribute '${pyStr(key)}'`);
      }
      return new Undefined(`'${pyType(obj)} object' has no attribute '${pyStr(key)}'`);
    } catch (e) {
      throw located(e, lineno);
    }
  },

  /** `{{ v }}`: Python's str(), None as '' (Ansible's finalize), an Undefined is an error. */
  out(v: unknown, lineno: number): string {
    try {
      if (v === null || v === undefined) return '';
      return pyStr(v);
    } catch (e) {
      throw located(e, lineno);
    }
  },

  truth(v: unknown, lineno: number): boolean {
    try {
      return pyTruth(v);
    } catch (e) {
      throw located(e, lineno);
    }
  },

  or(a: unknown, b: () => unknown, lineno: number): unknown {
    return runtime.truth(a, lineno) ? a : b();
  },

  and(a: unknown, b: () => unknown, lineno: number): unknown {
    return runtime.truth(a, lineno) ? b() : a;
  },

  /** `x if cond` with no else: Jinja's Undefined. */
  noElse(): Undefined {
    return new Undefined('the inline if-expression evaluated to false and no else section was defined.');
  },

  /** Binary and unary operators with Python's rules: 'a' * 3, [1] + [2], '%s' % x, 7 // 2, '1' + 1 is an error. */
  op(op: string, a: unknown, b: unknown, lineno: number): unknown {
    try {
      return binaryOp(op, strict(a), strict(b));
    } catch (e) {
      throw located(e, lineno);
    }
  },

  /** Chained comparisons: `a < b <= c`. */
  compare(lineno: number, first: unknown, ...rest: unknown[]): boolean {
    try {
      let left = first;
      for (let i = 0; i < rest.length; i += 2) {
        const op = rest[i] as string;
        const right = rest[i + 1];
        if (!compareOne(op, left, right)) return false;
        left = right;
      }
      return true;
    } catch (e) {
      throw located(e, lineno);
    }
  },

  /** `item in container`. */
  contains(item: unknown, container: unknown, lineno: number): boolean {
    try {
      strict(item);
      strict(container);
      if (typeof container === 'string') return container.includes(pyStr(item));
      if (Array.isArray(container)) return container.some((x) => pyEq(x, item));
      if (container instanceof Map) return container.has(item);
      if (container && typeof container === 'object') return Object.hasOwn(container, String(item));
      throw new TemplateValueError(`argument of type '${pyType(container)}' is not iterable`);
    } catch (e) {
      throw located(e, lineno);
    }
  },

  /** What a `for` loop walks: a list, a dict's keys, a string's characters. */
  iter(v: unknown, lineno: number, pairs: boolean): unknown {
    try {
      strict(v);
      if (Array.isArray(v)) return v;
      if (v === null || v === undefined) throw new TemplateValueError("'NoneType' object is not iterable");
      if (typeof v === 'string') return [...v];
      if (v instanceof Map) return pairs ? [...v] : [...v.keys()];
      if (typeof v === 'object' && !isSecret(v)) return pairs ? v : Object.keys(v);
      throw new TemplateValueError(`'${pyType(v)}' object is not iterable`);
    } catch (e) {
      throw located(e, lineno);
    }
  },

  filter(name: string, lineno: number, ...args: unknown[]): unknown {
    try {
      const fn = FILTERS[name];
      if (!fn) throw new TemplateValueError(`no filter named '${name}'`);
      if (!LENIENT_FILTERS.has(name)) strict(args[0]);
      const { pos, kw } = splitArgs(args);
      for (const a of pos.slice(1)) strict(a);
      return fn(pos[0], pos.slice(1), kw);
    } catch (e) {
      throw located(withContext(e, `filter '${name}'`), lineno);
    }
  },

  test(name: string, lineno: number, ...args: unknown[]): boolean {
    try {
      const fn = TESTS[name];
      if (!fn) throw new TemplateValueError(`no test named '${name}'`);
      if (!LENIENT_TESTS.has(name)) strict(args[0]);
      const { pos, kw } = splitArgs(args);
      return fn(pos[0], pos.slice(1), kw);
    } catch (e) {
      throw located(e, lineno);
    }
  },

  /** A call `f(x)` of a global, macro or method. */
  call(fn: unknown, name: string, context: unknown, args: unknown[], lineno: number): unknown {
    try {
      if (fn instanceof Undefined) throw new TemplateValueError(fn.hint);
      if (typeof fn !== 'function') throw new TemplateValueError(`'${name}' is not callable (it is ${pyType(fn)})`);
      return fn.apply(context, args);
    } catch (e) {
      throw located(e, lineno);
    }
  },

  tuple,

  /** A loop's `if` filter: the items for which `keep` is true. */
  loopFilter(items: unknown, keep: (item: unknown) => unknown, lineno: number): unknown[] {
    const list = Array.isArray(items) ? items : Object.entries(items as object);
    return list.filter((item) => runtime.truth(keep(item), lineno));
  },
};

/** Ansible's lookup()/query() for the kinds that need no plugin: env (controller environment) and file (controller file). */
function lookup(kind: string, raw: unknown[], asList: boolean): unknown {
  const { pos, kw } = splitArgs(raw);
  const terms = pos.map((t) => pyStr(strict(t)));
  let values: unknown[];
  if (kind === 'env') values = terms.map((t) => process.env[t] ?? (kw.default !== undefined ? kw.default : ''));
  else if (kind === 'file') {
    values = terms.map((t) => {
      try {
        return readFileSync(t, 'utf8').replace(/\n$/, '');
      } catch (e) {
        throw new TemplateValueError(`lookup('file'): could not read ${t}: ${(e as Error).message}`);
      }
    });
  } else throw new TemplateValueError(`lookup plugin '${kind}' is not supported by tsible (only env and file)`);
  if (asList || kw.wantlist) return values;
  return values.length === 1 ? values[0] : values.map(pyStr).join(',');
}

/** Errors of our own code keep their text; a JavaScript TypeError in a filter says which filter. */
function withContext(e: unknown, what: string): unknown {
  if (e instanceof TemplateValueError || (e && typeof e === 'object' && (e as { lineno?: number }).lineno)) return e;
  return new TemplateValueError(`${what}: ${e instanceof Error ? e.message : String(e)}`);
}

function slice<T extends string | unknown[]>(v: T, [start, stop, step]: (number | null)[]): T {
  const n = v.length;
  const st = step ?? 1;
  if (st === 0) throw new TemplateValueError('slice step cannot be zero');
  const norm = (x: number | null, dflt: number) => (x === null || x === undefined ? dflt : x < 0 ? Math.max(x + n, st < 0 ? -1 : 0) : Math.min(x, st < 0 ? n - 1 : n));
  const from = norm(start, st > 0 ? 0 : n - 1);
  const to = norm(stop, st > 0 ? n : -1);
  const items: unknown[] = [];
  const list = typeof v === 'string' ? [...v] : (v as unknown[]);
  for (let i = from; st > 0 ? i < to : i > to; i += st) items.push(list[i]);
  return (typeof v === 'string' ? items.join('') : items) as T;
}

function num(v: unknown, op: string, other: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  throw new TemplateValueError(`unsupported operand type(s) for ${op}: '${pyType(v)}' and '${pyType(other)}'`);
}

function binaryOp(op: string, a: unknown, b: unknown): unknown {
  const isNum = (x: unknown) => typeof x === 'number' || typeof x === 'boolean';
  switch (op) {
    case '~':
      return pyStr(a) + pyStr(b);
    case '+':
      if (typeof a === 'string' && typeof b === 'string') return a + b;
      if (Array.isArray(a) && Array.isArray(b)) return [...a, ...b];
      if (isNum(a) && isNum(b)) return num(a, op, b) + num(b, op, a);
      throw new TemplateValueError(`unsupported operand type(s) for +: '${pyType(a)}' and '${pyType(b)}'`);
    case '*':
      if (typeof a === 'string' && isNum(b)) return a.repeat(Math.max(0, num(b, op, a)));
      if (isNum(a) && typeof b === 'string') return b.repeat(Math.max(0, num(a, op, b)));
      if (Array.isArray(a) && isNum(b)) return Array.from({ length: Math.max(0, num(b, op, a)) }, () => a).flat();
      return num(a, op, b) * num(b, op, a);
    case '-':
      return num(a, op, b) - num(b, op, a);
    case '/': {
      const d = num(b, op, a);
      if (d === 0) throw new TemplateValueError('division by zero');
      return num(a, op, b) / d;
    }
    case '//': {
      const d = num(b, op, a);
      if (d === 0) throw new TemplateValueError('integer division or modulo by zero');
      return Math.floor(num(a, op, b) / d);
    }
    case '%':
      if (typeof a === 'string') return percentFormat(a, b);
      {
        const d = num(b, op, a);
        if (d === 0) throw new TemplateValueError('integer division or modulo by zero');
        const x = num(a, op, b);
        return ((x % d) + d) % d;
      }
    case '**':
      return num(a, op, b) ** num(b, op, a);
    case 'neg':
      return -num(a, '-', a);
    case 'pos':
      return +num(a, '+', a);
    default:
      throw new TemplateValueError(`unknown operator ${op}`);
  }
}

function compareOne(op: string, a: unknown, b: unknown): boolean {
  strict(a);
  strict(b);
  if (op === '==' || op === '===') return pyEq(a, b);
  if (op === '!=' || op === '!==') return !pyEq(a, b);
  const bothNum = (typeof a === 'number' || typeof a === 'boolean') && (typeof b === 'number' || typeof b === 'boolean');
  const bothStr = typeof a === 'string' && typeof b === 'string';
  if (!bothNum && !bothStr) throw new TemplateValueError(`'${op}' not supported between instances of '${pyType(a)}' and '${pyType(b)}'`);
  const x = a as number | string;
  const y = b as number | string;
  switch (op) {
    case '<': return x < y;
    case '>': return x > y;
    case '<=': return x <= y;
    case '>=': return x >= y;
    default: throw new TemplateValueError(`unknown comparison ${op}`);
  }
}

/** Python's `'%s and %d' % (a, b)`: %s %r %d %i %f %x %% (with width and precision). */
export function percentFormat(format: string, args: unknown): string {
  const list = Array.isArray(args) ? [...args] : [args];
  const named = isDict(args) ? args : undefined;
  let out = '';
  let i = 0;
  const re = /%(?:\(([^)]*)\))?([-+ 0#]*)(\d+)?(?:\.(\d+))?([sdirfFxXeEgGo%c])/g;
  let last = 0;
  for (let m = re.exec(format); m; m = re.exec(format)) {
    out += format.slice(last, m.index);
    last = re.lastIndex;
    const [, key, flags, width, prec, conv] = m;
    if (conv === '%') {
      out += '%';
      continue;
    }
    const v = key !== undefined && named ? named[key] : list[i++];
    if (v === undefined) throw new TemplateValueError('not enough arguments for format string');
    let s: string;
    switch (conv) {
      case 's': s = pyStr(v); break;
      case 'r': s = pyRepr(v); break;
      case 'c': s = typeof v === 'number' ? String.fromCodePoint(v) : pyStr(v); break;
      case 'd': case 'i': s = String(Math.trunc(toNumber(v))); break;
      case 'x': s = Math.trunc(toNumber(v)).toString(16); break;
      case 'X': s = Math.trunc(toNumber(v)).toString(16).toUpperCase(); break;
      case 'o': s = Math.trunc(toNumber(v)).toString(8); break;
      case 'e': case 'E': s = toNumber(v).toExponential(prec === undefined ? 6 : Number(prec)).replace(/e([+-])(\d)$/, 'e$10$2'); if (conv === 'E') s = s.toUpperCase(); break;
      case 'g': case 'G': s = String(Number(toNumber(v).toPrecision(prec === undefined ? 6 : Math.max(1, Number(prec))))); break;
      default: s = toNumber(v).toFixed(prec === undefined ? 6 : Number(prec));
    }
    if (prec !== undefined && conv === 's') s = s.slice(0, Number(prec));
    if (flags.includes('+') && /^[dieEfFgG]$/.test(conv) && !s.startsWith('-')) s = `+${s}`;
    if (width !== undefined && s.length < Number(width)) {
      const pad = Number(width) - s.length;
      if (flags.includes('-')) s += ' '.repeat(pad);
      else if (flags.includes('0') && conv !== 's') s = s.startsWith('-') ? `-${'0'.repeat(pad)}${s.slice(1)}` : '0'.repeat(pad) + s;
      else s = ' '.repeat(pad) + s;
    }
    out += s;
  }
  if (!named && i < list.length) throw new TemplateValueError('not all arguments converted during string formatting');
  return out + format.slice(last);
}

function toNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  throw new TemplateValueError(`%d format: a number is required, not ${pyType(v)}`);
}

export { GLOBALS };
