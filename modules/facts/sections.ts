// Splits the output of a multi-part fact script into its named sections (`@@tsible:NAME` marker lines).
import { FactError } from '../../core/errors.ts';

/** The marker line that starts section NAME. */
const SECTION_PREFIX = '@@tsible:';

/** A shell function `m NAME` that prints a section marker on its own line (after a newline, in case output lacked one). */
export const SECTION_FUNCTION = `m() { printf '\\n${SECTION_PREFIX}%s\\n' "$1"; }`;

/**
 * Pure: section name → its text (surrounding blank lines trimmed). The last section must be `end`:
 * output cut short (a killed command) is a FactError rather than facts silently missing.
 */
export function splitSections(stdout: string, factName: string): Map<string, string> {
  const sections = new Map<string, string>();
  let current: string | undefined;
  let buffer: string[] = [];
  const flush = (): void => {
    if (current !== undefined) sections.set(current, buffer.join('\n').replace(/^\n+|\n+$/g, ''));
  };
  for (const line of stdout.split('\n')) {
    if (line.startsWith(SECTION_PREFIX)) {
      flush();
      current = line.slice(SECTION_PREFIX.length).trim();
      buffer = [];
    } else if (current !== undefined) buffer.push(line);
  }
  flush();
  if (!sections.has('end')) throw new FactError(`the ${factName} fact script's output is incomplete (no end marker)`);
  return sections;
}
