// Pure edit of /etc/hosts: the 127.0.1.1 line names this host (Debian's convention), every other line kept as is.

/** The names the 127.0.1.1 line should carry: `web1` → [web1]; `web1.example.org` → [web1.example.org, web1]. */
function loopbackNames(name: string): string[] {
  const short = name.split('.')[0]!;
  return short === name ? [name] : [name, short];
}

/**
 * `content` with its first 127.0.1.1 line naming `name` (a line already listing exactly those names, in that order,
 * is left untouched, spacing and comment included). Without such a line, one is added after the 127.0.0.1 line.
 */
export function setLoopbackLine(content: string, name: string): string {
  const want = loopbackNames(name);
  const line = `127.0.1.1\t${want.join(' ')}`;
  const lines = content.split('\n');
  const idx = lines.findIndex((l) => /^\s*127\.0\.1\.1\s/.test(l));
  if (idx >= 0) {
    const names = lines[idx]!.replace(/#.*$/, '').trim().split(/\s+/).slice(1);
    if (names.join(' ') === want.join(' ')) return content;
    lines[idx] = line;
    return lines.join('\n');
  }
  const localhost = lines.findIndex((l) => /^\s*127\.0\.0\.1\s/.test(l));
  if (localhost >= 0) {
    lines.splice(localhost + 1, 0, line);
    return lines.join('\n');
  }
  return `${line}\n${content}`;
}
