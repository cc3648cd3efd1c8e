// Host patterns, as in Ansible: all, *, globs, groups, hosts, a:b / a,b (union), a:&b (and), a:!b (not), ~regex; plus --limit.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ArgsError } from '../errors.ts';
import { combineVars } from './clone-vars.ts';
import type { Inventory, InventoryHost } from './types.ts';

/** Names that mean this machine: when absent from the inventory, naming one gives an implicit local host (as Ansible). */
export const LOCALHOST_NAMES = ['localhost', '127.0.0.1', '::1'];

export interface SelectOptions {
  /** Directory `@file` limits are read from (default process.cwd()). */
  cwd?: string;
}

/**
 * The hosts `pattern` selects, further restricted by `limit` (another pattern; `@file` reads host
 * names or patterns from a file, one per line), in inventory order. Union terms are applied first,
 * then `&` intersections, then `!` exclusions; a pattern of only `&`/`!` terms starts from `all`.
 * A term that names no group and matches no host is an ArgsError naming it (exit code 5), and so
 * is a selection that ends up empty. `localhost` is implicit (connection local) when not in the inventory.
 */
export function selectHosts(inventory: Inventory, pattern: string, limit?: string, options: SelectOptions = {}): InventoryHost[] {
  let selected = evaluate(inventory, splitPattern(pattern), pattern);
  if (limit !== undefined && limit.trim() !== '') {
    const terms = splitPattern(limit).flatMap((t) => (t.startsWith('@') ? readLimitFile(t.slice(1), options.cwd) : [t]));
    const allowed = new Set(evaluate(inventory, terms, limit).map((h) => h.name));
    selected = selected.filter((h) => allowed.has(h.name));
  }
  if (selected.length === 0) {
    throw new ArgsError(`no host matches pattern "${pattern}"${limit ? ` with limit "${limit}"` : ''}`, { field: 'hosts' });
  }
  return selected;
}

/** Splits a pattern into terms at `,` and at `:` (not inside [...] nor within an IPv6 address). */
export function splitPattern(pattern: string): string[] {
  const terms: string[] = [];
  for (const part of pattern.split(',')) {
    const p = part.trim();
    if (p === '') continue;
    if (/^[!&]?[0-9a-f:.]+$/i.test(p) && (p.includes('::') || p.split(':').length === 8)) {
      terms.push(p);
      continue;
    }
    for (const m of p.matchAll(/(?:[^:[\]]|\[[^\]]*\])+/g)) if (m[0].trim()) terms.push(m[0].trim());
  }
  if (terms.length === 0) throw new ArgsError(`empty host pattern "${pattern}"`, { field: 'hosts' });
  return terms;
}

function evaluate(inv: Inventory, terms: string[], whole: string): InventoryHost[] {
  const plain = terms.filter((t) => !t.startsWith('&') && !t.startsWith('!'));
  const ands = terms.filter((t) => t.startsWith('&')).map((t) => t.slice(1));
  const nots = terms.filter((t) => t.startsWith('!')).map((t) => t.slice(1));
  const byName = new Map<string, InventoryHost>();
  const union = new Set<string>();
  for (const t of plain.length ? plain : ['all']) {
    for (const h of matchTerm(inv, t, whole)) {
      union.add(h.name);
      byName.set(h.name, h);
    }
  }
  let names = [...union];
  for (const t of ands) {
    const keep = new Set(matchTerm(inv, t, whole).map((h) => h.name));
    names = names.filter((n) => keep.has(n));
  }
  for (const t of nots) {
    const drop = new Set(matchTerm(inv, t, whole).map((h) => h.name));
    names = names.filter((n) => !drop.has(n));
  }
  const kept = new Set(names);
  const ordered = [...inv.hosts.values()].filter((h) => kept.has(h.name));
  for (const n of names) if (!inv.hosts.has(n)) ordered.push(byName.get(n)!);
  return ordered;
}

const SUBSCRIPT = /^(.+)\[(?:(-?\d+)|(\d+)?\s*[:-]\s*(\d+)?)\]$/;

/** The hosts one term matches; an ArgsError if it names nothing. `web[0]`, `web[1:2]` (end included), `web[-1]` pick by position. */
function matchTerm(inv: Inventory, term: string, whole: string): InventoryHost[] {
  const fail = (why: string): never => {
    throw new ArgsError(`${why}${term !== whole ? ` (in pattern "${whole}")` : ''}`, { field: 'hosts' });
  };
  if (term === '') fail('empty term after & or !');
  const sub = term.startsWith('~') ? null : SUBSCRIPT.exec(term);
  if (sub && !inv.hosts.has(term)) {
    const hosts = matchTerm(inv, sub[1], whole);
    if (sub[2] !== undefined) {
      const i = Number(sub[2]);
      const h = hosts[i < 0 ? hosts.length + i : i];
      if (!h) fail(`index ${i} is out of range in pattern "${term}" (${sub[1]} has ${hosts.length} hosts)`);
      return [h];
    }
    const start = sub[3] === undefined ? 0 : Number(sub[3]);
    const end = sub[4] === undefined ? hosts.length - 1 : Number(sub[4]);
    const picked = hosts.slice(start, end + 1);
    if (picked.length === 0) fail(`range ${start}:${end} is out of range in pattern "${term}" (${sub[1]} has ${hosts.length} hosts)`);
    return picked;
  }
  const exact = inv.hosts.get(term);
  if (exact) return [exact];
  const all = [...inv.hosts.values()];
  if (term === 'all' || term === '*') return all;
  let test: (name: string) => boolean;
  if (term.startsWith('~')) {
    let re: RegExp;
    try {
      re = new RegExp(`^(?:${term.slice(1)})`);
    } catch (err) {
      return fail(`bad regular expression in pattern "${term}": ${(err as Error).message}`);
    }
    test = (n) => re.test(n);
  } else {
    const re = globToRegExp(term);
    test = (n) => re.test(n);
  }
  const groups = [...inv.groups.keys()].filter(test);
  const members = new Set<string>();
  for (const g of groups) for (const h of all) if (g === 'all' || h.groups.includes(g)) members.add(h.name);
  if (groups.length === 0 || /^~|[.?*[]/.test(term)) for (const h of all) if (test(h.name)) members.add(h.name);
  if (groups.length === 0 && members.size === 0) {
    if (LOCALHOST_NAMES.includes(term)) return [implicitLocalhost(inv, term)];
    fail(`pattern "${term}" matches no host or group in the inventory (${inv.source})`);
  }
  return all.filter((h) => members.has(h.name));
}

/** The implicit local host Ansible makes for `localhost` when the inventory has none: group all's vars, connection local. */
export function implicitLocalhost(inv: Inventory, name = 'localhost'): InventoryHost {
  const allVars = inv.groups.get('all')?.vars ?? {};
  return { name, groups: [], vars: combineVars(allVars, { ansible_connection: 'local' }) };
}

/** A shell glob (`*`, `?`, `[abc]`, `[!abc]`) as an anchored, case-sensitive RegExp (Python's fnmatch). */
export function globToRegExp(glob: string): RegExp {
  let src = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') src += '.*';
    else if (c === '?') src += '.';
    else if (c === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close < 0) src += '\\[';
      else {
        let set = glob.slice(i + 1, close);
        if (set.startsWith('!')) set = '^' + set.slice(1);
        src += `[${set.replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else src += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${src}$`);
}

function readLimitFile(file: string, cwd = process.cwd()): string[] {
  let text: string;
  try {
    text = readFileSync(resolve(cwd, file), 'utf8');
  } catch (err) {
    throw new ArgsError(`cannot read --limit file: ${(err as Error).message}`, { file }, { cause: err });
  }
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
  if (lines.length === 0) throw new ArgsError('the --limit file names no host', { file });
  return lines;
}
