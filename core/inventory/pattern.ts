// Host patterns, as in Ansible: all, *, globs, groups, hosts, a:b / a,b (union), a:&b (and), a:!b (not), ~regex; plus --limit.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ArgsError } from '../errors.ts';
import { combineVars } from './clone-vars.ts';
import { hostsInOrder } from './host-order.ts';
import type { Inventory, InventoryHost } from './types.ts';

/** Names that mean this machine: when absent from the inventory, naming one gives an implicit local host (as Ansible). */
export const LOCALHOST_NAMES = ['localhost', '127.0.0.1', '::1'];

export interface SelectOptions {
  /** Directory `@file` limits are read from (default process.cwd()). */
  cwd?: string;
}

/**
 * The hosts `pattern` selects, further restricted by `limit` (another pattern; `@file` reads host
 * names or patterns from a file, one per line), in Ansible's order (see evaluate). Union terms are applied first,
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

/**
 * Ansible's order (InventoryManager._evaluate_patterns): union terms in the order written, each
 * adding its new hosts in its own order; then `&` terms keep, `!` terms drop; a host once.
 */
function evaluate(inv: Inventory, terms: string[], whole: string): InventoryHost[] {
  const plain = terms.filter((t) => !t.startsWith('&') && !t.startsWith('!'));
  const ands = terms.filter((t) => t.startsWith('&')).map((t) => t.slice(1));
  const nots = terms.filter((t) => t.startsWith('!')).map((t) => t.slice(1));
  let hosts: InventoryHost[] = [];
  for (const t of plain.length ? plain : ['all']) {
    const exact = inv.hosts.get(t);
    if (exact) {
      hosts.push(exact);
      continue;
    }
    const existing = new Set(hosts.map((h) => h.name));
    hosts.push(...matchTerm(inv, t, whole).filter((h) => !existing.has(h.name)));
  }
  for (const t of ands) {
    const keep = new Set(matchTerm(inv, t, whole).map((h) => h.name));
    hosts = hosts.filter((h) => keep.has(h.name));
  }
  for (const t of nots) {
    const drop = new Set(matchTerm(inv, t, whole).map((h) => h.name));
    hosts = hosts.filter((h) => !drop.has(h.name));
  }
  const seen = new Set<string>();
  return hosts.filter((h) => !seen.has(h.name) && seen.add(h.name));
}

const SUBSCRIPT = /^(.+)\[(?:(-?\d+)|(\d+)([:-])(\d*))\]$/;

/**
 * The hosts one term matches, in Ansible's order (_enumerate_matches): for each group whose name
 * matches (groups in inventory order), all its hosts (host-order.ts); then, if no group matched or
 * the term is a glob or regex, each matching host (inventory order). A subscript (`web[0]`, `web[-1]`,
 * `web[0:1]` end included, `web[1:]`) picks from that list, as Ansible, before duplicates go.
 * An ArgsError if the term names nothing (Ansible warns and ignores it).
 */
function matchTerm(inv: Inventory, term: string, whole: string): InventoryHost[] {
  const fail = (why: string): never => {
    throw new ArgsError(`${why}${term !== whole ? ` (in pattern "${whole}")` : ''}`, { field: 'hosts' });
  };
  if (term === '') fail('empty term after & or !');
  const sub = term.startsWith('~') ? null : SUBSCRIPT.exec(term);
  const expr = sub ? sub[1] : term;
  const { hosts: matched, groupMatched } = enumerate(inv, expr);
  if (matched.length === 0) {
    if (LOCALHOST_NAMES.includes(expr)) return [implicitLocalhost(inv, expr)];
    if (groupMatched) return [];
    return fail(`pattern "${expr}" matches no host or group in the inventory (${inv.source})`);
  }
  if (!sub) return matched;
  if (sub[2] !== undefined) {
    const i = Number(sub[2]);
    const h = matched[i < 0 ? matched.length + i : i];
    if (!h) fail(`index ${i} is out of range in pattern "${term}" (${expr} has ${matched.length} hosts)`);
    return [h];
  }
  const start = Number(sub[3]);
  const end = sub[5] === '' ? matched.length - 1 : Number(sub[5]);
  if (end === 0) {
    if (!matched[start]) fail(`index ${start} is out of range in pattern "${term}" (${expr} has ${matched.length} hosts)`);
    return [matched[start]]; // Ansible reads [N:0] as [N]
  }
  const picked = matched.slice(start, end + 1);
  if (picked.length === 0) fail(`range ${start}:${end} is out of range in pattern "${term}" (${expr} has ${matched.length} hosts)`);
  return picked;
}

function enumerate(inv: Inventory, pattern: string): { hosts: InventoryHost[]; groupMatched: boolean } {
  let test: (name: string) => boolean;
  if (pattern.startsWith('~')) {
    let re: RegExp;
    try {
      re = new RegExp(`^(?:${pattern.slice(1)})`);
    } catch (err) {
      throw new ArgsError(`bad regular expression in pattern "${pattern}": ${(err as Error).message}`, { field: 'hosts' });
    }
    test = (n) => re.test(n);
  } else {
    const re = globToRegExp(pattern);
    test = (n) => re.test(n);
  }
  const out: InventoryHost[] = [];
  const groups = [...inv.groups.keys()].filter(test);
  for (const g of groups) for (const name of hostsInOrder(inv, g)) out.push(inv.hosts.get(name)!);
  if (groups.length === 0 || /^~|[.?*[]/.test(pattern)) for (const h of inv.hosts.values()) if (test(h.name)) out.push(h);
  return { hosts: out, groupMatched: groups.length > 0 };
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
