// Ansible's section banners ("TASK [name] ****…") and PLAY RECAP lines, with its widths.
import type { HostStats } from '../core/engine/results.ts';

/** `TASK [x] ` followed by stars up to `columns` (at least 3 stars). */
export function banner(text: string, columns = 80): string {
  const t = text.trim();
  return `${t} ${'*'.repeat(Math.max(3, columns - 1 - t.length))}`;
}

/** One PLAY RECAP line: host padded to 26, each `name=value` with the value left-justified in 4. */
export function recapLine(host: string, s: HostStats, color?: { host?: (t: string) => string; field?: (name: keyof HostStats, t: string) => string }): string {
  const names: (keyof HostStats)[] = ['ok', 'changed', 'unreachable', 'failed', 'skipped', 'rescued', 'ignored'];
  const fields = names.map((n) => {
    const text = `${n}=${String(s[n]).padEnd(4)}`;
    return s[n] && color?.field ? color.field(n, text) : text;
  });
  const h = host.padEnd(26);
  return `${color?.host ? color.host(h) : h} : ${fields.join(' ')}`;
}
