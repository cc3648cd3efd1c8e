// Python regular expressions (Ansible's `re`) as JavaScript RegExps: the syntax is translated, what cannot be is refused.

/** A Python pattern compiled for JavaScript. `exec` on a line (with its newline) finds what Python's `re.search` finds. */
export interface PythonRegExp {
  /** The Python pattern as given. */
  source: string;
  regexp: RegExp;
}

/** Why a pattern cannot be used: names the construct. */
export class PythonRegexError extends Error {
  override name = 'PythonRegexError';
}

const UNSUPPORTED: [RegExp, string][] = [
  [/^\(\?\(/, 'conditional groups (?(id)yes|no)'],
  [/^\(\?>/, 'atomic groups (?>…)'],
  [/^\(\?[aiLmsux]*-?[aiLmsux]*:/, 'scoped inline flags (?flags:…)'],
];

/**
 * Translates a Python `re` pattern: named groups `(?P<n>…)` and `(?P=n)`, `\A` and `\Z`, `$` (also before the
 * line's final newline), `^`, `.` (never a newline unless (?s)), leading inline flags `(?imsx…)` (x: whitespace
 * and # comments dropped), `(?#…)` comments, `{,n}`, and a `]` first in a class. Throws PythonRegexError for
 * what JavaScript cannot express the same way (possessive quantifiers, atomic and conditional groups, scoped flags).
 */
export function pythonRegExp(pattern: string): PythonRegExp {
  let flags = '';
  let rest = pattern;
  // Global inline flags, Python 3.11 requires them first; several groups may follow one another.
  for (let m = /^\(\?([aiLmsux]+)\)/.exec(rest); m; m = /^\(\?([aiLmsux]+)\)/.exec(rest)) {
    flags += m[1];
    rest = rest.slice(m[0].length);
  }
  const multiline = flags.includes('m');
  const dotall = flags.includes('s');
  const verbose = flags.includes('x');
  let out = '';
  let i = 0;
  const s = rest;
  while (i < s.length) {
    const ch = s[i];
    if (verbose && /\s/.test(ch)) { i++; continue; }
    if (verbose && ch === '#') { while (i < s.length && s[i] !== '\n') i++; continue; }
    if (ch === '\\') {
      const next = s[i + 1];
      if (next === undefined) throw new PythonRegexError('the pattern ends with a lone backslash');
      if (next === 'A') out += '(?<![\\s\\S])';
      else if (next === 'Z') out += '(?![\\s\\S])';
      else if (next === 'N') throw new PythonRegexError('\\N{…} named characters are not supported');
      else out += ch + next;
      i += 2;
      continue;
    }
    if (ch === '[') {
      const end = classEnd(s, i);
      let body = s.slice(i + 1, end);
      const neg = body.startsWith('^') ? '^' : '';
      if (neg) body = body.slice(1);
      if (body.startsWith(']')) body = '\\' + body;
      out += `[${neg}${body}]`;
      i = end + 1;
      continue;
    }
    if (ch === '(') {
      const tail = s.slice(i);
      for (const [re, what] of UNSUPPORTED) if (re.test(tail)) throw new PythonRegexError(`${what} cannot be translated to a JavaScript regular expression`);
      if (tail.startsWith('(?#')) {
        const end = s.indexOf(')', i);
        if (end < 0) throw new PythonRegexError('unterminated comment (?#…');
        i = end + 1;
        continue;
      }
      let m = /^\(\?P<([A-Za-z_]\w*)>/.exec(tail);
      if (m) { out += `(?<${m[1]}>`; i += m[0].length; continue; }
      m = /^\(\?P=([A-Za-z_]\w*)\)/.exec(tail);
      if (m) { out += `\\k<${m[1]}>`; i += m[0].length; continue; }
      if (/^\(\?[aiLmsux]+\)/.test(tail)) throw new PythonRegexError('inline flags (?…) must come first in the pattern');
      if (/^\(\?<[A-Za-z_]/.test(tail)) throw new PythonRegexError('named groups are written (?P<name>…) in Python');
      out += ch;
      i++;
      continue;
    }
    if ((ch === '*' || ch === '+' || ch === '?' || ch === '}') && s[i + 1] === '+' && !(ch === '+' && out.endsWith('\\'))) {
      throw new PythonRegexError(`possessive quantifier ${ch}+ cannot be translated to a JavaScript regular expression`);
    }
    if (ch === '{') {
      const m = /^\{,(\d+)\}/.exec(s.slice(i));
      if (m) { out += `{0,${m[1]}}`; i += m[0].length; continue; }
    }
    if (ch === '.') { out += dotall ? '[\\s\\S]' : '[^\\n]'; i++; continue; }
    if (ch === '^') { out += multiline ? '(?<![^\\n])' : '(?<![\\s\\S])'; i++; continue; }
    if (ch === '$') { out += multiline ? '(?=\\n|(?![\\s\\S]))' : '(?=\\n?(?![\\s\\S]))'; i++; continue; }
    out += ch;
    i++;
  }
  try {
    return { source: pattern, regexp: new RegExp(out, flags.includes('i') ? 'i' : '') };
  } catch (e) {
    throw new PythonRegexError((e as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /, ''));
  }
}

/** Index of the `]` closing the class opened at `start` (Python: a `]` first in the class is literal). */
function classEnd(s: string, start: number): number {
  let i = start + 1;
  if (s[i] === '^') i++;
  if (s[i] === ']') i++;
  for (; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === ']') return i;
  }
  throw new PythonRegexError(`unterminated character set at position ${start}`);
}

/** Python's `match.expand(template)`: `\1`…`\99`, `\g<n>`, `\g<name>`, and the escapes \n \t \r \f \v \a \\. Unmatched groups give ''. */
export function expandTemplate(template: string, match: RegExpExecArray): string {
  let out = '';
  for (let i = 0; i < template.length; i++) {
    const ch = template[i];
    if (ch !== '\\') { out += ch; continue; }
    const next = template[i + 1];
    if (next === undefined) throw new PythonRegexError('the replacement ends with a lone backslash');
    const g = /^g<([^>]*)>/.exec(template.slice(i + 1));
    if (g) {
      out += group(match, g[1]);
      i += g[0].length;
      continue;
    }
    const d = /^\d\d?/.exec(template.slice(i + 1));
    if (d) {
      if (d[0].startsWith('0')) throw new PythonRegexError('octal escapes in the replacement are not supported');
      out += group(match, d[0]);
      i += d[0].length;
      continue;
    }
    const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', f: '\f', v: '\v', a: '\x07', '\\': '\\' };
    if (next in escapes) out += escapes[next];
    else if (/[A-Za-z]/.test(next)) throw new PythonRegexError(`bad escape \\${next} in the replacement`);
    else out += ch + next;
    i++;
  }
  return out;
}

function group(match: RegExpExecArray, ref: string): string {
  if (/^\d+$/.test(ref)) {
    const n = Number(ref);
    if (n >= match.length) throw new PythonRegexError(`invalid group reference ${n} in the replacement`);
    return match[n] ?? '';
  }
  if (!match.groups || !(ref in match.groups)) throw new PythonRegexError(`unknown group name '${ref}' in the replacement`);
  return match.groups[ref] ?? '';
}
