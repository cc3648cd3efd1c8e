// The filters templates can use: Jinja's built-ins and the Ansible filters people use most, with Python's results.
import { createHash } from 'node:crypto';
import { yaml } from '../lazy-yaml.ts';
import { isSecret } from '../secret.ts';
import { pyJsonDumps } from './py-json.ts';
import { toNiceYaml, toYaml } from './py-yaml.ts';
import { pyStrip, pySplit } from './python-methods.ts';
import { TemplateValueError, Undefined, isDict, isUndefined, pyEq, pyStr, pyTruth, pyType, strict, tuple } from './py-values.ts';
import { percentFormat } from './runtime.ts';
import { TESTS } from './tests.ts';

/** A filter: the piped value, the other positional arguments, the keyword arguments. */
export type Filter = (value: any, args: any[], kw: Record<string, any>) => unknown;

/** Filters that take an Undefined as it is (all others make it an error, as Ansible's StrictUndefined). */
export const LENIENT_FILTERS = new Set(['default', 'd', 'mandatory']);

const arg = <T>(args: unknown[], kw: Record<string, unknown>, i: number, name: string, dflt: T): T =>
  (args.length > i ? args[i] : Object.hasOwn(kw, name) ? kw[name] : dflt) as T;

function text(v: unknown): string {
  return pyStr(v);
}

function list(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  if (typeof v === 'string') return [...v];
  if (v instanceof Map) return [...v.keys()];
  if (v && typeof v === 'object' && !isSecret(v)) return Object.keys(v);
  throw new TemplateValueError(`'${pyType(v)}' object is not iterable`);
}

/** `a.b.0` attribute paths of map/sort/selectattr/unique. */
function attr(item: unknown, path: string | number): unknown {
  let v = item;
  for (const part of String(path).split('.')) {
    if (v === null || v === undefined) return new Undefined(`'None' has no attribute '${part}'`);
    const key = Array.isArray(v) && /^\d+$/.test(part) ? Number(part) : part;
    if (typeof v === 'object' && Object.hasOwn(v as object, key)) v = (v as Record<string, unknown>)[key as string];
    else return new Undefined(`'${pyType(v)} object' has no attribute '${part}'`);
  }
  return v;
}

/** Python's sort order of two values (numbers, strings, lists), for sort/min/max/unique/dictsort. */
function cmp(a: unknown, b: unknown): number {
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const c = cmp(a[i], b[i]);
      if (c) return c;
    }
    return a.length - b.length;
  }
  const num = (x: unknown) => typeof x === 'number' || typeof x === 'boolean';
  if (num(a) && num(b)) return Number(a) - Number(b);
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  throw new TemplateValueError(`'<' not supported between instances of '${pyType(a)}' and '${pyType(b)}'`);
}

const fold = (v: unknown, caseSensitive: boolean) => (!caseSensitive && typeof v === 'string' ? v.toLowerCase() : v);

/** Python regular expression → JavaScript: named groups (?P<n>…), (?P=n); flags. */
function pyRegex(pattern: string, flags: string): RegExp {
  const js = pattern.replace(/\(\?P<([A-Za-z_]\w*)>/g, '(?<$1>').replace(/\(\?P=([A-Za-z_]\w*)\)/g, '\\k<$1>').replace(/\\Z/g, '$(?![\\s\\S])').replace(/\\A/g, '^(?<![\\s\\S])');
  try {
    return new RegExp(js, flags);
  } catch (e) {
    throw new TemplateValueError(`bad regular expression ${JSON.stringify(pattern)}: ${(e as Error).message}`);
  }
}

/** A Python re.sub replacement (\1, \g<1>, \g<name>) as a JavaScript one ($1, $<name>). */
function pyReplacement(r: string): string {
  return r.replace(/\$/g, '$$$$').replace(/\\g<(\d+)>|\\g<([A-Za-z_]\w*)>|\\(\d{1,2})|\\\\|\\n|\\t/g, (m, g1, name, d) => {
    if (g1) return `$${g1}`;
    if (name) return `$<${name}>`;
    if (d) return `$${d}`;
    return m === '\\\\' ? '\\' : m === '\\n' ? '\n' : '\t';
  });
}

function reFlags(kw: Record<string, unknown>, global: boolean): string {
  return `${global ? 'g' : ''}${kw.ignorecase ? 'i' : ''}${kw.multiline ? 'm' : ''}`;
}

function toBool(v: unknown): boolean | null {
  if (v === null || typeof v === 'boolean') return v as boolean | null;
  const s = typeof v === 'string' ? v.toLowerCase() : v;
  return s === 'yes' || s === 'on' || s === '1' || s === 'true' || s === 1;
}

function toInt(v: unknown, dflt: number, base: number): number {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number') return Number.isFinite(v) ? Math.trunc(v) : dflt;
  if (typeof v === 'string') {
    const s = v.trim().replace(/_/g, '');
    const re = base === 16 ? /^[+-]?(0x)?[0-9a-f]+$/i : base === 8 ? /^[+-]?(0o)?[0-7]+$/i : base === 2 ? /^[+-]?(0b)?[01]+$/i : /^[+-]?\d+$/;
    if (re.test(s)) return parseInt(s.replace(/^([+-]?)0[xob]/i, '$1'), base);
    if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s)) return Math.trunc(Number(s));
  }
  return dflt;
}

function toFloat(v: unknown, dflt: number): number {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$|^\s*[+-]?(inf|infinity|nan)\s*$/i.test(v)) {
    const s = v.trim().toLowerCase();
    return s.endsWith('nan') ? NaN : s.includes('inf') ? (s.startsWith('-') ? -Infinity : Infinity) : Number(s);
  }
  return dflt;
}

const hash = (algo: string, v: unknown) => createHash(algo).update(text(v)).digest('hex');

/** Ansible's `combine`: later dicts win; recursive merges nested dicts; list_merge replace|keep|append|prepend|append_rp|prepend_rp. */
function combine(dicts: unknown[], recursive: boolean, listMerge: string): Record<string, unknown> {
  const merge = (a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> => {
    const out: Record<string, unknown> = { ...a };
    for (const [k, v] of Object.entries(b)) {
      const old = out[k];
      if (recursive && isDict(old) && isDict(v)) out[k] = merge(old, v);
      else if (Array.isArray(old) && Array.isArray(v) && listMerge !== 'replace') {
        if (listMerge === 'keep') out[k] = old;
        else if (listMerge === 'append') out[k] = [...old, ...v];
        else if (listMerge === 'prepend') out[k] = [...v, ...old];
        else if (listMerge === 'append_rp') out[k] = [...old.filter((x) => !v.some((y) => pyEq(x, y))), ...v];
        else if (listMerge === 'prepend_rp') out[k] = [...v, ...old.filter((x) => !v.some((y) => pyEq(x, y)))];
        else throw new TemplateValueError(`combine: unknown list_merge ${listMerge}`);
      } else out[k] = v;
    }
    return out;
  };
  let out: Record<string, unknown> = {};
  for (const d of dicts.flat()) {
    if (!isDict(d)) throw new TemplateValueError(`combine expects dictionaries, got ${pyType(d)}`);
    out = merge(out, d);
  }
  return out;
}

export const FILTERS: Record<string, Filter> = {
  // Undefined and None
  default: (v, args, kw) => {
    const dflt = arg(args, kw, 0, 'default_value', '');
    const boolean = arg(args, kw, 1, 'boolean', false);
    return isUndefined(v) || (boolean && !pyTruth(v)) ? dflt : v;
  },
  mandatory: (v, args, kw) => {
    if (isUndefined(v)) throw new TemplateValueError(arg(args, kw, 0, 'msg', null) ?? `Mandatory variable has not been overridden: ${v.hint}`);
    return v;
  },
  ternary: (v, args, kw) => {
    const [t, f] = [arg(args, kw, 0, 'true_val', undefined), arg(args, kw, 1, 'false_val', undefined)];
    const none = arg<unknown>(args, kw, 2, 'none_val', undefined);
    if (v === null && none !== undefined) return none;
    return pyTruth(v) ? t : f;
  },

  // Strings
  upper: (v) => text(v).toUpperCase(),
  lower: (v) => text(v).toLowerCase(),
  capitalize: (v) => {
    const s = text(v);
    return s ? s[0].toUpperCase() + s.slice(1).toLowerCase() : s;
  },
  title: (v) => text(v).replace(/[A-Za-z0-9]+/g, (w) => w[0].toUpperCase() + w.slice(1).toLowerCase()),
  trim: (v, args, kw) => pyStrip(text(v), arg(args, kw, 0, 'chars', null), true, true),
  replace: (v, args, kw) => {
    const [old, nw] = [text(args[0]), text(args[1])];
    const count = arg<number | null>(args, kw, 2, 'count', null);
    const parts = text(v).split(old);
    if (count === null || count < 0) return parts.join(nw);
    return parts.slice(0, count + 1).join(nw) + (parts.length > count + 1 ? old + parts.slice(count + 1).join(old) : '');
  },
  string: (v) => text(v),
  format: (v, args, kw) => percentFormat(text(v), Object.keys(kw).length ? kw : args),
  center: (v, args, kw) => {
    const s = text(v);
    const w = arg(args, kw, 0, 'width', 80);
    const pad = Math.max(0, w - s.length);
    const left = Math.floor(pad / 2) + (pad & w & 1);
    return ' '.repeat(left) + s + ' '.repeat(pad - left);
  },
  indent: (v, args, kw) => {
    const width = arg<number | string>(args, kw, 0, 'width', 4);
    const first = arg(args, kw, 1, 'first', false);
    const blank = arg(args, kw, 2, 'blank', false);
    const pad = typeof width === 'string' ? width : ' '.repeat(width);
    const lines = text(v).split('\n');
    return lines.map((l, i) => ((i === 0 && !first) || (!blank && l.trim() === '') ? l : pad + l)).join('\n');
  },
  wordcount: (v) => pySplit(text(v)).length,
  split: (v, args, kw) => pySplit(text(v), arg(args, kw, 0, 'sep', null), arg(args, kw, 1, 'maxsplit', -1)),
  comment: (v) => text(v).split('\n').map((l) => `# ${l}`.replace(/ $/, '')).join('\n').replace(/^/, '#\n') + '\n#',
  // Python's shlex.quote (Ansible's quote): '"'"' for a single quote.
  quote: (v) => {
    const s = text(v);
    if (s === '') return "''";
    return /[^\w@%+=:,./-]/.test(s) ? `'${s.replace(/'/g, `'"'"'`)}'` : s;
  },
  regex_replace: (v, args, kw) => {
    const re = pyRegex(text(arg(args, kw, 0, 'pattern', '')), reFlags({ ...kw, ignorecase: arg(args, kw, 2, 'ignorecase', false), multiline: arg(args, kw, 3, 'multiline', false) }, true));
    return text(v).replace(re, pyReplacement(text(arg(args, kw, 1, 'replacement', ''))));
  },
  regex_search: (v, args, kw) => {
    const re = pyRegex(text(args[0]), reFlags(kw, false));
    const m = re.exec(text(v));
    if (!m) return null;
    const groups = args.slice(1);
    if (!groups.length) return m[0];
    return groups.map((g: string) => {
      const gm = /^\\(\d+)$/.exec(g) ?? /^\\g<(\w+)>$/.exec(g);
      if (!gm) throw new TemplateValueError(`regex_search: unknown group argument ${g}`);
      return /^\d+$/.test(gm[1]) ? m[Number(gm[1])] : m.groups?.[gm[1]];
    });
  },
  regex_findall: (v, args, kw) => {
    const re = pyRegex(text(args[0]), reFlags(kw, true));
    return [...text(v).matchAll(re)].map((m) => (m.length > 2 ? m.slice(1) : m.length === 2 ? m[1] : m[0]));
  },
  regex_escape: (v) => text(v).replace(/[^A-Za-z0-9_]/g, (c) => `\\${c}`),
  basename: (v) => text(v).slice(text(v).lastIndexOf('/') + 1),
  dirname: (v) => {
    const s = text(v);
    const i = s.lastIndexOf('/');
    if (i < 0) return '';
    const head = s.slice(0, i + 1);
    return /^\/+$/.test(head) ? head : head.replace(/\/+$/, '');
  },
  b64encode: (v) => Buffer.from(text(v), 'utf8').toString('base64'),
  b64decode: (v) => Buffer.from(text(v), 'base64').toString('utf8'),
  hash: (v, args, kw) => hash(arg(args, kw, 0, 'hashtype', 'sha1'), v),
  checksum: (v) => hash('sha1', v),
  md5: (v) => hash('md5', v),
  sha1: (v) => hash('sha1', v),

  // Types
  bool: (v) => toBool(v),
  int: (v, args, kw) => toInt(v, arg(args, kw, 0, 'default', 0), arg(args, kw, 1, 'base', 10)),
  float: (v, args, kw) => toFloat(v, arg(args, kw, 0, 'default', 0)),
  list: (v) => list(v),
  abs: (v) => Math.abs(v),
  round: (v, args, kw) => {
    const prec = arg(args, kw, 0, 'precision', 0);
    const method = arg<string>(args, kw, 1, 'method', 'common');
    const f = 10 ** prec;
    const x = Number(v) * f;
    return (method === 'ceil' ? Math.ceil(x) : method === 'floor' ? Math.floor(x) : Math.sign(x) * Math.round(Math.abs(x))) / f;
  },

  // Data formats
  to_json: (v, _args, kw) => pyJsonDumps(v, { indent: kw.indent ?? null, sortKeys: !!kw.sort_keys, ensureAscii: kw.ensure_ascii ?? true }),
  to_nice_json: (v, args, kw) => pyJsonDumps(v, { indent: arg(args, kw, 0, 'indent', 4), sortKeys: kw.sort_keys ?? true, ensureAscii: kw.ensure_ascii ?? true, separators: [',', ': '] }),
  tojson: (v, args, kw) => pyJsonDumps(v, { indent: arg(args, kw, 0, 'indent', null), sortKeys: true, ensureAscii: true }).replace(/[<>&']/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
  from_json: (v) => {
    try {
      return JSON.parse(text(v));
    } catch (e) {
      throw new TemplateValueError(`from_json: ${(e as Error).message}`);
    }
  },
  to_yaml: (v, _args, kw) => (kw.default_flow_style === false ? toNiceYaml(v, kw.indent ?? 2) : toYaml(v, kw.indent ?? 2)),
  to_nice_yaml: (v, args, kw) => toNiceYaml(v, arg(args, kw, 0, 'indent', 4)),
  from_yaml: (v) => {
    try {
      return yaml().parse(text(v), { version: '1.1' }) ?? null;
    } catch (e) {
      throw new TemplateValueError(`from_yaml: ${(e as Error).message}`);
    }
  },

  // Lists and dicts
  length: (v) => (typeof v === 'string' ? [...v].length : list(v).length),
  count: (v) => (typeof v === 'string' ? [...v].length : list(v).length),
  first: (v) => {
    const l = list(v);
    return l.length ? l[0] : new Undefined('No first item, sequence was empty.');
  },
  last: (v) => {
    const l = list(v);
    return l.length ? l[l.length - 1] : new Undefined('No last item, sequence was empty.');
  },
  join: (v, args, kw) => {
    const a = arg<string | null>(args, kw, 1, 'attribute', null);
    return list(v).map((x) => text(a === null ? x : strict(attr(x, a)))).join(text(arg(args, kw, 0, 'd', '')));
  },
  unique: (v, args, kw) => {
    const cs = arg(args, kw, 0, 'case_sensitive', false);
    const a = arg<string | null>(args, kw, 1, 'attribute', null);
    const out: unknown[] = [];
    const keys: unknown[] = [];
    for (const x of list(v)) {
      const k = fold(a === null ? x : attr(x, a), cs);
      if (!keys.some((y) => pyEq(y, k))) {
        keys.push(k);
        out.push(x);
      }
    }
    return out;
  },
  sort: (v, args, kw) => {
    const reverse = arg(args, kw, 0, 'reverse', false);
    const cs = arg(args, kw, 1, 'case_sensitive', false);
    const a = arg<string | null>(args, kw, 2, 'attribute', null);
    const key = (x: unknown) => fold(a === null ? x : strict(attr(x, a)), cs);
    const out = [...list(v)].sort((x, y) => cmp(key(x), key(y)));
    return reverse ? out.reverse() : out;
  },
  reverse: (v) => (typeof v === 'string' ? [...v].reverse().join('') : [...list(v)].reverse()),
  min: (v, _args, kw) => [...list(v)].sort((x, y) => cmp(fold(kw.attribute ? attr(x, kw.attribute) : x, !!kw.case_sensitive), fold(kw.attribute ? attr(y, kw.attribute) : y, !!kw.case_sensitive)))[0] ?? new Undefined('No aggregated item, sequence was empty.'),
  max: (v, _args, kw) => [...list(v)].sort((x, y) => cmp(fold(kw.attribute ? attr(y, kw.attribute) : y, !!kw.case_sensitive), fold(kw.attribute ? attr(x, kw.attribute) : x, !!kw.case_sensitive)))[0] ?? new Undefined('No aggregated item, sequence was empty.'),
  sum: (v, args, kw) => {
    const a = arg<string | null>(args, kw, 0, 'attribute', null);
    return list(v).reduce((s: number, x) => s + Number(a === null ? x : attr(x, a)), arg(args, kw, 1, 'start', 0));
  },
  flatten: (v, args, kw) => {
    const levels = arg<number | null>(args, kw, 0, 'levels', null);
    const skipNulls = arg(args, kw, 1, 'skip_nulls', true);
    const walk = (l: unknown[], depth: number): unknown[] => l.flatMap((x) => (Array.isArray(x) && (levels === null || depth < levels) ? walk(x, depth + 1) : skipNulls && (x === null || x === 'None') ? [] : [x]));
    return walk(list(v), 0);
  },
  batch: (v, args, kw) => {
    const n = arg(args, kw, 0, 'linecount', 1);
    const fill = arg<unknown>(args, kw, 1, 'fill_with', undefined);
    const l = list(v);
    const out: unknown[][] = [];
    for (let i = 0; i < l.length; i += n) out.push(l.slice(i, i + n));
    if (fill !== undefined && out.length && out[out.length - 1].length < n) out[out.length - 1].push(...Array(n - out[out.length - 1].length).fill(fill));
    return out;
  },
  map: (v, args, kw) => {
    const l = list(v);
    if (kw.attribute !== undefined) return l.map((x) => {
      const got = attr(x, kw.attribute);
      return isUndefined(got) && Object.hasOwn(kw, 'default') ? kw.default : got;
    });
    const [name, ...rest] = args;
    const f = FILTERS[name];
    if (!f) throw new TemplateValueError(`no filter named '${name}'`);
    return l.map((x) => f(strict(x), rest, kw));
  },
  select: (v, args, kw) => selectBy(v, args, kw, true, false),
  reject: (v, args, kw) => selectBy(v, args, kw, false, false),
  selectattr: (v, args, kw) => selectBy(v, args, kw, true, true),
  rejectattr: (v, args, kw) => selectBy(v, args, kw, false, true),
  dictsort: (v, args, kw) => {
    const cs = arg(args, kw, 0, 'case_sensitive', false);
    const by = arg<string>(args, kw, 1, 'by', 'key');
    const reverse = arg(args, kw, 2, 'reverse', false);
    const out = Object.entries(v as object).map(([k, x]) => tuple(k, x)).sort((a, b) => cmp(fold(by === 'value' ? a[1] : a[0], cs), fold(by === 'value' ? b[1] : b[0], cs)));
    return reverse ? out.reverse() : out;
  },
  items: (v) => (v instanceof Map ? [...v] : Object.entries(v as object)).map(([k, x]) => tuple(k, x)),
  combine: (v, args, kw) => combine([v, ...args], !!kw.recursive, kw.list_merge ?? 'replace'),
  dict2items: (v, args, kw) => {
    if (!isDict(v)) throw new TemplateValueError(`dict2items requires a dictionary, got ${pyType(v)} instead.`);
    const [k, val] = [arg(args, kw, 0, 'key_name', 'key'), arg(args, kw, 1, 'value_name', 'value')];
    return Object.entries(v).map(([a, b]) => ({ [k]: a, [val]: b }));
  },
  items2dict: (v, args, kw) => {
    const [k, val] = [arg(args, kw, 0, 'key_name', 'key'), arg(args, kw, 1, 'value_name', 'value')];
    return Object.fromEntries(list(v).map((x) => [text(strict(attr(x, k))), strict(attr(x, val))]));
  },
  zip: (v, args) => {
    const lists = [list(v), ...args.map(list)];
    return lists[0].slice(0, Math.min(...lists.map((l) => l.length))).map((_, i) => tuple(...lists.map((l) => l[i])));
  },
  difference: (v, args) => list(v).filter((x, i, a) => !list(args[0]).some((y) => pyEq(x, y)) && a.findIndex((y) => pyEq(x, y)) === i),
  intersect: (v, args) => list(v).filter((x, i, a) => list(args[0]).some((y) => pyEq(x, y)) && a.findIndex((y) => pyEq(x, y)) === i),
  union: (v, args) => [...list(v), ...list(args[0])].filter((x, i, a) => a.findIndex((y) => pyEq(x, y)) === i),
  safe: (v) => v,
  e: (v) => text(v).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#39;' })[c]!),
};
FILTERS.d = FILTERS.default;
FILTERS.escape = FILTERS.e;

/** select/reject (a test on each item) and selectattr/rejectattr (a test on one attribute of each). */
function selectBy(v: unknown, args: unknown[], kw: Record<string, unknown>, keep: boolean, byAttr: boolean): unknown[] {
  const rest = [...args];
  const attribute = byAttr ? (rest.shift() as string) : undefined;
  const testName = rest.shift() as string | undefined;
  const test = testName === undefined ? undefined : TESTS[testName];
  if (testName !== undefined && !test) throw new TemplateValueError(`no test named '${testName}'`);
  return list(v).filter((item) => {
    const x = attribute === undefined ? item : attr(item, attribute);
    const ok = test ? test(x, rest, kw) : pyTruth(x);
    return ok === keep;
  });
}
