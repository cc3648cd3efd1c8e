// The Python methods templates call on strings, lists and dicts ('a b'.split(), d.items(), name.startswith('web')).
import { TemplateValueError, isDict, pyEq, pyStr, tuple } from './py-values.ts';

type Method = (...args: any[]) => unknown;

/** Python's str.split(sep=None, maxsplit=-1). */
export function pySplit(s: string, sep?: string | null, maxsplit = -1): string[] {
  if (sep === undefined || sep === null) {
    const words: string[] = [];
    let rest = s.replace(/^\s+/, '');
    while (rest.length) {
      if (maxsplit >= 0 && words.length === maxsplit) {
        words.push(rest.replace(/\s+$/, ''));
        break;
      }
      const m = /\s+/.exec(rest);
      if (!m) {
        words.push(rest);
        break;
      }
      words.push(rest.slice(0, m.index));
      rest = rest.slice(m.index + m[0].length);
    }
    return words;
  }
  if (sep === '') throw new TemplateValueError('empty separator');
  const parts = s.split(sep);
  if (maxsplit < 0 || parts.length <= maxsplit + 1) return parts;
  return [...parts.slice(0, maxsplit), parts.slice(maxsplit).join(sep)];
}

/** Python's strip family: whitespace by default, else any of `chars`. */
export function pyStrip(s: string, chars: string | null | undefined, left: boolean, right: boolean): string {
  const set = chars === undefined || chars === null ? null : new Set([...chars]);
  const strip = (c: string) => (set ? set.has(c) : /\s/.test(c));
  const list = [...s];
  let a = 0;
  let b = list.length;
  if (left) while (a < b && strip(list[a])) a++;
  if (right) while (b > a && strip(list[b - 1])) b--;
  return list.slice(a, b).join('');
}

/** Python's str.format: {} {0} {name} {:>8} (fill, align, width, precision of the simple kinds). */
function pyFormat(fmt: string, args: unknown[]): string {
  const kw = args.length && isKeywordObject(args[args.length - 1]) ? (args.pop() as Record<string, unknown>) : {};
  let auto = 0;
  return fmt.replace(/\{\{|\}\}|\{([^{}:!]*)(?:![rsa])?(?::([^{}]*))?\}/g, (m, field: string | undefined, spec: string | undefined) => {
    if (m === '{{') return '{';
    if (m === '}}') return '}';
    const key = field ?? '';
    const v = key === '' ? args[auto++] : /^\d+$/.test(key) ? args[Number(key)] : kw[key];
    let s = typeof v === 'number' && spec && /\.\d+f$/.test(spec) ? v.toFixed(Number(/\.(\d+)f$/.exec(spec)![1])) : pyStr(v);
    const sm = spec ? /^(.?[<>^])?(\d+)?/.exec(spec) : null;
    if (sm && sm[2]) {
      const width = Number(sm[2]);
      const align = sm[1] ? sm[1].slice(-1) : typeof v === 'number' ? '>' : '<';
      const fill = sm[1] && sm[1].length === 2 ? sm[1][0] : ' ';
      const pad = Math.max(0, width - s.length);
      if (align === '<') s += fill.repeat(pad);
      else if (align === '>') s = fill.repeat(pad) + s;
      else s = fill.repeat(Math.floor(pad / 2)) + s + fill.repeat(Math.ceil(pad / 2));
    }
    return s;
  });
}

function isKeywordObject(v: unknown): boolean {
  return !!v && typeof v === 'object' && (v as { __keywords?: boolean }).__keywords === true;
}

function stringMethods(s: string): Record<string, Method> {
  return {
    upper: () => s.toUpperCase(),
    lower: () => s.toLowerCase(),
    strip: (c?: string) => pyStrip(s, c, true, true),
    lstrip: (c?: string) => pyStrip(s, c, true, false),
    rstrip: (c?: string) => pyStrip(s, c, false, true),
    split: (sep?: string | null, max?: number) => pySplit(s, sep, max ?? -1),
    rsplit: (sep?: string | null, max?: number) => {
      if (max === undefined || max < 0 || sep === undefined || sep === null) return pySplit(s, sep, -1);
      const parts = s.split(sep);
      return parts.length <= max + 1 ? parts : [parts.slice(0, parts.length - max).join(sep), ...parts.slice(parts.length - max)];
    },
    splitlines: () => s.split(/\r\n|\r|\n/).filter((_, i, a) => i < a.length - 1 || a[i] !== ''),
    startswith: (p: string | string[]) => [p].flat().some((x) => s.startsWith(x)),
    endswith: (p: string | string[]) => [p].flat().some((x) => s.endsWith(x)),
    replace: (a: string, b: string, count?: number) => {
      if (count === undefined || count < 0) return s.split(a).join(b);
      const parts = s.split(a);
      return parts.slice(0, count + 1).join(b) + (parts.length > count + 1 ? a + parts.slice(count + 1).join(a) : '');
    },
    find: (sub: string) => s.indexOf(sub),
    rfind: (sub: string) => s.lastIndexOf(sub),
    index: (sub: string) => {
      const i = s.indexOf(sub);
      if (i < 0) throw new TemplateValueError('substring not found');
      return i;
    },
    count: (sub: string) => (sub === '' ? s.length + 1 : s.split(sub).length - 1),
    join: (items: unknown[]) => items.map(pyStr).join(s),
    format: (...args: unknown[]) => pyFormat(s, args),
    capitalize: () => (s ? s[0].toUpperCase() + s.slice(1).toLowerCase() : s),
    title: () => s.replace(/[A-Za-z]+('[A-Za-z]+)?/g, (w) => w[0].toUpperCase() + w.slice(1).toLowerCase()),
    isdigit: () => /^\d+$/.test(s),
    isalpha: () => /^[A-Za-z]+$/.test(s),
    isalnum: () => /^[A-Za-z0-9]+$/.test(s),
    isupper: () => /[A-Z]/.test(s) && s === s.toUpperCase(),
    islower: () => /[a-z]/.test(s) && s === s.toLowerCase(),
    zfill: (w: number) => (s.length >= w ? s : /^[+-]/.test(s) ? s[0] + '0'.repeat(w - s.length) + s.slice(1) : '0'.repeat(w - s.length) + s),
    ljust: (w: number, f = ' ') => s + f.repeat(Math.max(0, w - s.length)),
    rjust: (w: number, f = ' ') => f.repeat(Math.max(0, w - s.length)) + s,
    center: (w: number, f = ' ') => {
      const pad = Math.max(0, w - s.length);
      const left = Math.floor(pad / 2) + (pad & w & 1);
      return f.repeat(left) + s + f.repeat(pad - left);
    },
  };
}

function listMethods(l: unknown[]): Record<string, Method> {
  return {
    index: (x: unknown) => {
      const i = l.findIndex((y) => pyEq(y, x));
      if (i < 0) throw new TemplateValueError(`${pyStr(x)} is not in list`);
      return i;
    },
    count: (x: unknown) => l.filter((y) => pyEq(y, x)).length,
    append: (x: unknown) => {
      l.push(x);
      return null;
    },
    extend: (xs: unknown[]) => {
      l.push(...xs);
      return null;
    },
    insert: (i: number, x: unknown) => {
      l.splice(i, 0, x);
      return null;
    },
    pop: (i?: number) => l.splice(i === undefined ? -1 : i, 1)[0],
    copy: () => [...l],
  };
}

function dictMethods(d: Record<string, unknown> | Map<unknown, unknown>): Record<string, Method> {
  const entries = () => (d instanceof Map ? [...d] : Object.entries(d)).map(([k, v]) => tuple(k, v));
  return {
    items: () => entries(),
    keys: () => entries().map(([k]) => k),
    values: () => entries().map(([, v]) => v),
    get: (k: unknown, dflt: unknown = null) => {
      if (d instanceof Map) return d.has(k) ? d.get(k) : dflt;
      return Object.hasOwn(d, String(k)) ? d[String(k)] : dflt;
    },
    copy: () => (d instanceof Map ? new Map(d) : { ...d }),
    update: (other: Record<string, unknown>) => {
      if (!(d instanceof Map)) Object.assign(d, other);
      return null;
    },
  };
}

/** The bound Python method `name` of `obj`, or undefined. */
export function pythonMethod(obj: unknown, name: string): Method | undefined {
  const table = typeof obj === 'string' ? stringMethods(obj) : Array.isArray(obj) ? listMethods(obj) : obj instanceof Map || isDict(obj) ? dictMethods(obj as Record<string, unknown>) : undefined;
  return table && Object.hasOwn(table, name) ? table[name] : undefined;
}
