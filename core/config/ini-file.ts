// Reads an ansible.cfg-style INI file as Ansible does (Python's configparser, no interpolation): sections, `k = v` / `k: v`, `;` inline comments.
import { ArgsError } from '../errors.ts';

/** One value and the line it was set on. */
export interface IniEntry {
  value: string;
  line: number;
}

/** Sections by name (case kept), each a map of lower-cased keys to their last value. */
export type IniSections = Map<string, Map<string, IniEntry>>;

/**
 * Parses `text` (from `file`, named in errors). As configparser with `inline_comment_prefixes=(';',)`, which
 * Ansible uses: whole-line comments start with `#` or `;` (indented too), ` ;` ends a value, `#` inside a value
 * is kept, indented lines continue the previous value (joined with a newline), keys are case-insensitive,
 * `%` is taken literally. A key before any section, or a line that is neither, is an ArgsError naming file and line.
 */
export function parseIni(text: string, file: string): IniSections {
  const sections: IniSections = new Map();
  let current: Map<string, IniEntry> | undefined;
  let last: IniEntry | undefined;
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = i + 1;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith(';')) {
      if (trimmed === '') last = undefined;
      return;
    }
    if (/^\s/.test(raw) && last) {
      last.value = `${last.value}\n${stripInlineComment(trimmed)}`.trim();
      return;
    }
    const header = /^\[([^\]]+)\]\s*(?:;.*)?$/.exec(trimmed);
    if (header) {
      const name = header[1].trim();
      current = sections.get(name) ?? new Map();
      sections.set(name, current);
      last = undefined;
      return;
    }
    const kv = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(trimmed);
    if (!kv) throw new ArgsError(`cannot read this line of the config file: ${JSON.stringify(trimmed)}`, { file, line });
    if (!current) throw new ArgsError(`"${kv[1]}" is set before any [section] header`, { file, line });
    last = { value: stripInlineComment(kv[2]), line };
    current.set(kv[1].toLowerCase(), last);
  });
  return sections;
}

/** The value without a `;` comment that follows whitespace (configparser's inline comment rule). */
function stripInlineComment(value: string): string {
  const m = /\s;/.exec(value);
  return (m ? value.slice(0, m.index) : value).trim();
}
