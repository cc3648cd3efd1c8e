// Pure edits of a sysctl.conf-style file: read, set or remove one key's line, keeping every other line as is.

/** One `key = value` line of the file. */
interface KeyLine {
  index: number;
  /** Everything before the value (indent, optional '-', key, '=' and its spacing). */
  prefix: string;
  value: string;
}

/** sysctl accepts `net.ipv4.ip_forward` and `net/ipv4/ip_forward`; both spell the same key. */
function normalizeSysctlKey(key: string): string {
  return key.includes('/') ? key.replace(/[./]/g, (c) => (c === '/' ? '.' : '/')) : key;
}

/** Values are compared with runs of blanks collapsed (the kernel prints `32768\t60999`). */
export function normalizeSysctlValue(value: string): string {
  return value.trim().split(/\s+/).join(' ');
}

function keyLines(lines: string[], key: string): KeyLine[] {
  const want = normalizeSysctlKey(key);
  const found: KeyLine[] = [];
  lines.forEach((line, index) => {
    const m = /^(\s*-?\s*([^\s=#;][^=]*?)\s*=\s*)(.*?)\s*$/.exec(line);
    if (m && normalizeSysctlKey(m[2]!) === want) found.push({ index, prefix: m[1]!, value: m[3]! });
  });
  return found;
}

/** The value the file gives `key` (the last line wins, as when sysctl reads it), or undefined. */
export function sysctlFileValue(content: string, key: string): string | undefined {
  const found = keyLines(content.split('\n'), key);
  return found.length ? found[found.length - 1]!.value : undefined;
}

/**
 * The content with `key` set to `value`: the first line naming the key gets the new value (its spacing kept),
 * later lines naming it are removed; without such a line, `key=value` is appended. Unchanged if already so.
 */
export function setSysctlKey(content: string, key: string, value: string): string {
  const lines = content.split('\n');
  const found = keyLines(lines, key);
  if (found.length === 1 && normalizeSysctlValue(found[0]!.value) === normalizeSysctlValue(value)) return content;
  if (!found.length) {
    const body = content === '' || content.endsWith('\n') ? content : content + '\n';
    return `${body}${key}=${value}\n`;
  }
  const [first, ...rest] = found;
  lines[first!.index] = first!.prefix + value;
  const drop = new Set(rest.map((f) => f.index));
  return lines.filter((_, i) => !drop.has(i)).join('\n');
}

/** The content without any line setting `key`. */
export function removeSysctlKey(content: string, key: string): string {
  const lines = content.split('\n');
  const drop = new Set(keyLines(lines, key).map((f) => f.index));
  return drop.size ? lines.filter((_, i) => !drop.has(i)).join('\n') : content;
}
