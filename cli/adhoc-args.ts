// Ad hoc `-a` arguments: JSON, or words `k=v k2="v 2"`; other words form the free-form command (Ansible's raw params) given as `cmd`.
import { ArgsError } from '../core/errors.ts';

/**
 * The module arguments `text` stands for. With `known` (the module's argument names and aliases), as in
 * Ansible only those `k=v` words are taken as arguments: `echo a=b` stays part of the command.
 */
export function parseAdhocArgs(text: string | undefined, known?: ReadonlySet<string>): Record<string, unknown> {
  if (text === undefined || text.trim() === '') return {};
  const t = text.trim();
  if (t.startsWith('{')) {
    try {
      const v = JSON.parse(t) as unknown;
      if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
    } catch (e) {
      throw new ArgsError(`-a looks like JSON but does not parse: ${(e as Error).message}`, { field: 'args' });
    }
    throw new ArgsError('-a JSON must be an object', { field: 'args' });
  }
  const out: Record<string, unknown> = {};
  const free: string[] = [];
  for (const word of splitWords(t)) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=([\s\S]*)$/.exec(word.text);
    if (m && !word.quotedKey && (!known || known.has(m[1]))) out[m[1]] = m[2];
    else free.push(word.raw);
  }
  if (free.length) out.cmd = free.join(' ');
  return out;
}

/** Shell-like words: quotes group and are removed (`raw` keeps them, for the free-form command). */
function splitWords(s: string): { text: string; raw: string; quotedKey: boolean }[] {
  const words: { text: string; raw: string; quotedKey: boolean }[] = [];
  let i = 0;
  while (i < s.length) {
    while (i < s.length && /\s/.test(s[i])) i++;
    if (i >= s.length) break;
    const start = i;
    let text = '';
    let quotedKey = false;
    while (i < s.length && !/\s/.test(s[i])) {
      const ch = s[i];
      if (ch === '"' || ch === "'") {
        if (!text.includes('=')) quotedKey = true;
        const end = s.indexOf(ch, i + 1);
        if (end < 0) throw new ArgsError(`unterminated ${ch} quote in -a`, { field: 'args' });
        text += s.slice(i + 1, end);
        i = end + 1;
      } else if (ch === '\\' && i + 1 < s.length) {
        text += s[i + 1];
        i += 2;
      } else {
        text += ch;
        i++;
      }
    }
    words.push({ text, raw: s.slice(start, i), quotedKey });
  }
  return words;
}
