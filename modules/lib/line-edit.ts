// Pure line editing for lineinfile: replace, insert or remove one line in a text, step for step as Ansible's lineinfile does.
import { expandTemplate } from './python-regex.ts';

export interface LineEditSpec {
  state: 'present' | 'absent';
  /** The wanted line (present), or the exact line to remove (absent without regexp/searchString). */
  line?: string;
  /** Searched in each line with its newline (Python `re.search`): the last (or first) matching line is replaced, or every one removed. */
  regexp?: RegExp;
  /** Like regexp, a plain substring. */
  searchString?: string;
  /** 'EOF', 'BOF' or a pattern: insert after its last (or first) matching line when nothing matched. */
  insertAfter?: 'EOF' | 'BOF' | RegExp;
  /** 'BOF' or a pattern: insert before its last (or first) matching line when nothing matched. */
  insertBefore?: 'BOF' | RegExp;
  /** Use the first matching line instead of the last. */
  firstMatch?: boolean;
  /** line is a template expanded with regexp's groups (\1, \g<name>); when regexp matches nothing the text is left alone. */
  backrefs?: boolean;
}

export interface LineEditResult {
  text: string;
  /** What happened, for the summary; undefined when the text is unchanged. */
  action?: 'replaced' | 'added' | 'removed';
  /** How many lines were removed (absent). */
  removed?: number;
}

/** Splits keeping each line's ending ('a\nb' → ['a\n', 'b']), as Python's readlines(). */
export function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** Python's rstrip('\r\n'). */
function body(line: string): string {
  return line.replace(/[\r\n]+$/, '');
}

const NL = '\n';

/** Applies `spec` to `text`. Pure. */
export function editLines(text: string, spec: LineEditSpec): LineEditResult {
  const lines = splitLines(text);
  if (spec.state === 'absent') {
    const matches = (l: string): boolean =>
      spec.regexp ? spec.regexp.exec(l) !== null : spec.searchString !== undefined ? l.includes(spec.searchString) : body(l) === spec.line;
    const kept = lines.filter((l) => !matches(l));
    const removed = lines.length - kept.length;
    return removed ? { text: kept.join(''), action: 'removed', removed } : { text };
  }
  const line = spec.line ?? '';
  const anchor = spec.insertAfter instanceof RegExp ? spec.insertAfter : spec.insertBefore instanceof RegExp ? spec.insertBefore : undefined;
  const after = spec.insertAfter !== undefined && spec.insertBefore === undefined;
  // found: the line regexp/searchString matched (or the exact line); anchorAt: where insertAfter/insertBefore puts it.
  let found = -1;
  let anchorAt = -1;
  let match: RegExpExecArray | null = null;
  if (spec.regexp) {
    for (let i = 0; i < lines.length; i++) {
      const m = spec.regexp.exec(lines[i]);
      if (m) {
        found = i;
        match = m;
        if (spec.firstMatch) break;
      }
    }
  }
  let matched = match !== null;
  if (spec.searchString !== undefined) {
    for (let i = 0; i < lines.length; i++) {
      if (lines[i].includes(spec.searchString)) {
        found = i;
        matched = true;
        if (spec.firstMatch) break;
      }
    }
  }
  if (!matched) {
    for (let i = 0; i < lines.length; i++) {
      if (body(lines[i]) === line) {
        found = i;
      } else if (anchor && anchor.exec(lines[i])) {
        anchorAt = after ? i + 1 : i;
        if (spec.firstMatch) break;
      }
    }
  }
  if (found >= 0) {
    // The matched (or exact) line becomes the wanted one, with a newline: a last line without one, or a
    // CRLF line, is rewritten even when its text is the same (as Ansible does).
    let newLine = spec.backrefs && match ? expandTemplate(line, match) : line;
    if (!newLine.endsWith(NL)) newLine += NL;
    if (lines[found] === newLine) return { text };
    lines[found] = newLine;
    return { text: lines.join(''), action: 'replaced' };
  }
  if (spec.backrefs) return { text };
  const insert = (at: number): LineEditResult => {
    lines.splice(at, 0, line + NL);
    return { text: lines.join(''), action: 'added' };
  };
  if (spec.insertBefore === 'BOF' || spec.insertAfter === 'BOF') return insert(0);
  if (spec.insertAfter === 'EOF' || anchorAt === -1) {
    if (lines.length && !/[\r\n]$/.test(lines[lines.length - 1])) lines.push(NL);
    return insert(lines.length);
  }
  if (after) {
    // Not again when the line already follows the anchor (Ansible adds no newline to a last anchor line here).
    if (anchorAt === lines.length) {
      if (body(lines[anchorAt - 1]) === line) return { text };
    } else if (body(lines[anchorAt]) === line) {
      return { text };
    }
    return insert(anchorAt);
  }
  return insert(anchorAt);
}
