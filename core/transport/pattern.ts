// OpenSSH-style wildcard patterns (`*` any run, `?` one character), as used by ssh_config and known_hosts.

/** Whether `text` matches the whole `pattern` (case-sensitive; callers lower-case host names). */
export function matchPattern(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let mark = 0;
  while (t < text.length) {
    if (p < pattern.length && (pattern[p] === '?' || pattern[p] === text[t])) {
      p++;
      t++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      mark = t;
    } else if (star !== -1) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}

/** A comma/space list with `!negations`: true if some pattern matches and no negated one does. */
export function matchPatternList(patterns: readonly string[], text: string): boolean {
  let matched = false;
  for (const raw of patterns) {
    const negated = raw.startsWith('!');
    if (matchPattern((negated ? raw.slice(1) : raw).toLowerCase(), text.toLowerCase())) {
      if (negated) return false;
      matched = true;
    }
  }
  return matched;
}
