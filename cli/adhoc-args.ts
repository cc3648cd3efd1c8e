// Ad hoc `-a` arguments: JSON, or words `k=v k2="v 2"`; other words form the free-form command (Ansible's raw params) given as `cmd`.
import { ArgsError } from '../core/errors.ts';
import { splitCommandWords } from '../core/shell-words.ts';

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
  for (const word of splitCommandWords(t, { field: 'args' }, { dialect: 'kv' })) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=([\s\S]*)$/.exec(word.text);
    // A quote before the `=` ("a=b" c) makes the word part of the command, not an argument.
    const quotedKey = /["']/.test(word.raw.slice(0, word.raw.includes('=') ? word.raw.indexOf('=') : undefined));
    if (m && !quotedKey && (!known || known.has(m[1]))) out[m[1]] = m[2];
    else free.push(word.raw);
  }
  if (free.length) out.cmd = free.join(' ');
  return out;
}
