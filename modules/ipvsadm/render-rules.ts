// Renders a table as a rules file in the exact format `ipvsadm -R` reads (what `ipvsadm -Sn` prints).
import { serverLine, serviceLine, type IpvsTable } from './table.ts';

/** First line of the files we write; Debian's init script drops `#` lines before `ipvsadm -R`. */
export const RULES_HEADER = '# ipvsadm.rules: written by tsible (ipvsadm module); loaded with grep -v "^#" FILE | ipvsadm -R';

/** The lines `ipvsadm -R` takes for `table`: each service's -A, then its real servers' -a. */
export function renderLines(table: IpvsTable): string[] {
  const lines: string[] = [];
  for (const s of table) {
    lines.push(serviceLine('-A', s).join(' '));
    for (const r of s.realServers) lines.push(serverLine('-a', s, r).join(' '));
  }
  return lines;
}

/** The whole rules file: the header comment, then the rules, newline-terminated. */
export function renderRulesFile(table: IpvsTable): string {
  return [RULES_HEADER, ...renderLines(table)].join('\n') + '\n';
}
