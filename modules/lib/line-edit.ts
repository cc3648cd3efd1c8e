// Pure line editing for lineinfile: replace, insert or remove one line in a text, as Ansible's lineinfile does.

export interface LineEditSpec {
  state: 'present' | 'absent';
  /** The wanted line (present), or the exact line to remove (absent without regexp/searchString). */
  line?: string;
  /** Lines where this matches (anywhere in the line) are replaced (present) or removed (absent). */
  regexp?: RegExp;
  /** Like regexp, a plain substring. */
  searchString?: string;
  /** 'EOF' or a pattern: insert after its last (or first) matching line when nothing matched. */
  insertAfter?: 'EOF' | RegExp;
  /** 'BOF' or a pattern: insert before its last (or first) matching line when nothing matched. */
  insertBefore?: 'BOF' | RegExp;
  /** Use the first matching line instead of the last. */
  firstMatch?: boolean;
}

export interface LineEditResult {
  text: string;
  /** What happened, for the summary; undefined when the text is unchanged. */
  action?: 'replaced' | 'added' | 'removed';
  /** How many lines were removed (absent). */
  removed?: number;
}

/** Splits keeping each line's ending ('a\nb' → ['a\n', 'b']). */
function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

function body(line: string): string {
  return line.replace(/\r?\n$/, '');
}

/** Applies `spec` to `text`. Pure. */
export function editLines(text: string, spec: LineEditSpec): LineEditResult {
  const lines = splitLines(text);
  const matches = (l: string): boolean => {
    const b = body(l);
    if (spec.regexp) return spec.regexp.test(b);
    if (spec.searchString !== undefined) return b.includes(spec.searchString);
    return b === spec.line;
  };
  if (spec.state === 'absent') {
    const kept = lines.filter((l) => !matches(l));
    const removed = lines.length - kept.length;
    return removed ? { text: kept.join(''), action: 'removed', removed } : { text };
  }
  const line = spec.line ?? '';
  const eol = lines.find((l) => l.endsWith('\r\n')) ? '\r\n' : '\n';
  let matchIndex = -1;
  let insertIndex = -1;
  const anchor = spec.insertAfter instanceof RegExp ? spec.insertAfter : spec.insertBefore instanceof RegExp ? spec.insertBefore : undefined;
  for (let i = 0; i < lines.length; i++) {
    if (matches(lines[i])) {
      if (matchIndex < 0 || !spec.firstMatch) matchIndex = i;
    } else if (anchor?.test(body(lines[i]))) {
      if (insertIndex < 0 || !spec.firstMatch) insertIndex = spec.insertAfter instanceof RegExp ? i + 1 : i;
    }
  }
  if (matchIndex >= 0) {
    if (body(lines[matchIndex]) === line) return { text };
    const ending = lines[matchIndex].slice(body(lines[matchIndex]).length) || (matchIndex === lines.length - 1 ? '' : eol);
    lines[matchIndex] = line + ending;
    return { text: lines.join(''), action: 'replaced' };
  }
  // No line matched the pattern: the exact line anywhere already satisfies the request.
  if ((spec.regexp || spec.searchString !== undefined) && lines.some((l) => body(l) === line)) return { text };
  if (spec.insertBefore === 'BOF') {
    lines.unshift(line + eol);
  } else if (insertIndex < 0 || spec.insertAfter === 'EOF') {
    if (lines.length && !lines[lines.length - 1].endsWith('\n')) lines[lines.length - 1] += eol;
    lines.push(line + eol);
  } else {
    // After the anchor: if the line already follows it, nothing to do.
    if (spec.insertAfter instanceof RegExp && insertIndex < lines.length && body(lines[insertIndex]) === line) return { text };
    if (insertIndex === lines.length && lines.length && !lines[lines.length - 1].endsWith('\n')) lines[lines.length - 1] += eol;
    lines.splice(insertIndex, 0, line + eol);
  }
  return { text: lines.join(''), action: 'added' };
}
