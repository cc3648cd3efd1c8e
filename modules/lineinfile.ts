// Module lineinfile: one line of a text file on the host is present (replacing a matching line) or absent.
import { ArgsError, TsibleError, type ErrorLocation } from '../core/errors.ts';
import { defineModule } from '../core/module.ts';
import { type Secret, isSecret, maskSecrets, revealString } from '../core/secret.ts';
import { type FileStat, fileStat } from './facts/file-stat.ts';
import { isText, maskedContent } from './lib/file-content.ts';
import { backupFileFrom, planFileWrite } from './lib/file-write.ts';
import { type LineEditSpec, editLines } from './lib/line-edit.ts';
import { PythonRegexError, pythonRegExp } from './lib/python-regex.ts';
import { ATTR_ARGS, WRITE_ARGS, checkPath, checkValidate } from './lib/write-args.ts';

export interface LineinfileArgs {
  /** Path of the text file on the host (symlinks are followed); a relative path is relative to the login directory. */
  path: string;
  /** The line wanted (state present), without its newline. May be a Secret (shown as ***). */
  line?: string | Secret;
  /** Python regular expression searched in each line: the last matching line is replaced (present) or every matching line removed (absent). */
  regexp?: string;
  /** With regexp: line is a template (\\1, \\g<name>) filled from the match; when nothing matches, the file is left alone. */
  backrefs?: boolean;
  /** Like regexp, a plain substring. */
  searchString?: string;
  /** present (default) or absent. */
  state?: 'present' | 'absent';
  /** When no line matches: insert after the last line matching this pattern, or 'EOF' (default). */
  insertAfter?: string;
  /** When no line matches: insert before the last line matching this pattern, or 'BOF'. */
  insertBefore?: string;
  /** With insertAfter/insertBefore/regexp: use the first matching line instead of the last. */
  firstMatch?: boolean;
  /** Create the file (mode 0644 unless given) when it is missing; otherwise a missing file is an error (default false). */
  create?: boolean;
  /** Permissions: octal ('0644') or symbolic ('u=rw,g=r'). Default: kept, or 0644 for a new file. */
  mode?: string;
  /** Owner (name or uid). */
  owner?: string;
  /** Group (name or gid). */
  group?: string;
  /** Copy the old file to PATH.PID.TIMESTAMP~ before changing it. */
  backup?: boolean;
  /** Command with %s run on the edited file before it replaces path. */
  validate?: string;
}

export interface LineinfileFacts {
  file: FileStat;
}

/** Largest file lineinfile edits (it reads the whole file). */
const MAX_BYTES = 16 * 1024 * 1024;

function compile(pattern: string | undefined, field: string, where: ErrorLocation): RegExp | undefined {
  if (pattern === undefined) return undefined;
  try {
    return pythonRegExp(pattern).regexp;
  } catch (e) {
    throw new ArgsError(`not a usable (Python) regular expression: ${(e as Error).message}`, { ...where, field }, { cause: e });
  }
}

function editSpec(args: LineinfileArgs): LineEditSpec {
  const anchor = (p: string | undefined, field: string): RegExp | 'EOF' | 'BOF' | undefined => (p === 'BOF' || p === 'EOF' ? p : compile(p, field, {}));
  const before = args.insertBefore === 'EOF' ? compile('EOF', 'insertBefore', {}) : anchor(args.insertBefore, 'insertBefore');
  return {
    state: args.state ?? 'present',
    line: args.line === undefined ? undefined : revealString(args.line),
    regexp: compile(args.regexp, 'regexp', {}),
    searchString: args.searchString,
    insertAfter: anchor(args.insertAfter, 'insertAfter'),
    insertBefore: before as 'BOF' | RegExp | undefined,
    firstMatch: args.firstMatch,
    backrefs: args.backrefs,
  };
}

export const lineinfile = defineModule<LineinfileArgs, LineinfileFacts>({
  name: 'lineinfile',
  doc: {
    summary: 'Makes sure one line is in a text file (replacing the line a pattern matches, or inserting it), or that matching lines are gone.',
    changed: 'The file\'s text changed (a line replaced, added or removed), or its mode, owner or group differed.',
    checkMode: 'Reads the file once and reports the edit it would make, with a diff; writes nothing. A missing file without create is an error in check mode too.',
    ansibleDifferences: [
      'A line holding a NUL byte is refused before anything changes (Ansible writes it, and the file is binary afterwards).',
      'Python regular expressions are translated to JavaScript ones: atomic groups (?>…), conditional groups (?(1)…), possessive quantifiers (a*+), scoped flags (?i:…) and \\N{…} are refused with a clear error instead of being used.',
      'Files larger than 16 MiB, binary files and files that are not UTF-8 are refused (lineinfile edits text).',
      'unsafe_writes, attributes and the SELinux arguments are not supported (an unknown argument is an error).',
    ],
    examples: [
      "lineinfile({ path: '/etc/hosts', regexp: '\\\\sDebianWeb2$', line: '192.168.56.12 DebianWeb2' })",
      "lineinfile({ path: '/etc/default/ipvsadm', regexp: '^AUTO=', line: 'AUTO=\"true\"' })",
      "lineinfile({ path: '/etc/hosts', line: '10.0.0.9 old', state: 'absent' })",
    ],
  },
  args: {
    path: { type: 'string', required: true, aliases: ['dest', 'destfile', 'name'], description: 'Path of the text file on the host (symlinks are followed); a relative path is relative to the login directory (the working directory for local).' },
    line: { type: 'string', aliases: ['value'], description: 'The line wanted (state present), without its newline (a newline inside is written as is, as Ansible does; such a line is added again on every run). A NUL byte is refused. A secret value is written but shown as ***.' },
    regexp: { type: 'string', aliases: ['regex'], description: "Python regular expression (Ansible's syntax: (?P<name>…), (?P=name), \\A, \\Z, (?i) and the other leading flags, {,n}) searched in each line with its newline, as Python's re.search: not anchored, $ also matches before the newline. It is translated to a JavaScript one; atomic and conditional groups, possessive quantifiers and scoped flags (?i:…) are refused. present: the last matching line is replaced by line; absent: every matching line is removed." },
    backrefs: { type: 'bool', default: false, description: 'With regexp: line is a template filled from the match (\\1, \\g<1>, \\g<name>); when regexp matches no line the file is left unchanged (no line is added).' },
    searchString: { type: 'string', aliases: ['search_string'], description: 'Like regexp, a plain substring.' },
    state: { type: 'string', default: 'present', choices: ['present', 'absent'], description: 'present: the line is in the file; absent: no line matches (regexp, searchString, or the exact line).' },
    insertAfter: { type: 'string', aliases: ['insertafter'], description: "When no line matches: insert after the last line matching this pattern, or at the end ('EOF', the default; also when the pattern matches nothing)." },
    insertBefore: { type: 'string', aliases: ['insertbefore'], description: "When no line matches: insert before the last line matching this pattern, or at the beginning ('BOF')." },
    firstMatch: { type: 'bool', default: false, aliases: ['firstmatch'], description: 'Use the first matching line (of regexp, insertAfter or insertBefore) instead of the last.' },
    create: { type: 'bool', default: false, description: 'Create the file (and its missing parent directories) when it is missing (state present); otherwise a missing file is an error.' },
    ...ATTR_ARGS,
    ...WRITE_ARGS,
  },
  validate(args, where) {
    checkPath(args.path, 'path', where);
    checkValidate(args.validate, where);
    compile(args.regexp, 'regexp', where);
    if (args.insertAfter !== undefined && args.insertBefore !== undefined) throw new ArgsError('insertAfter and insertBefore are exclusive', { ...where, field: 'insertBefore' });
    if (args.insertAfter !== undefined && args.insertAfter !== 'EOF' && args.insertAfter !== 'BOF') compile(args.insertAfter, 'insertAfter', where);
    if (args.insertBefore !== undefined && args.insertBefore !== 'BOF') compile(args.insertBefore, 'insertBefore', where);
    if (args.regexp !== undefined && args.searchString !== undefined) throw new ArgsError('regexp and searchString are exclusive', { ...where, field: 'searchString' });
    if (args.backrefs && args.searchString !== undefined) throw new ArgsError('backrefs and searchString are exclusive', { ...where, field: 'backrefs' });
    if (args.backrefs && args.state !== 'absent' && args.regexp === undefined) throw new ArgsError('backrefs needs regexp', { ...where, field: 'regexp' });
    if (args.state !== 'absent' && args.line === undefined) throw new ArgsError('state present needs line', { ...where, field: 'line' });
    if (args.state === 'absent' && args.line === undefined && args.regexp === undefined && args.searchString === undefined) {
      throw new ArgsError('state absent needs regexp, searchString or line', { ...where, field: 'regexp' });
    }
    // Ansible writes a NUL and then cannot edit the file as text again: refused before anything changes.
    if (args.line !== undefined && revealString(args.line).includes('\0')) throw new ArgsError('line must not hold a NUL byte (lineinfile edits text files)', { ...where, field: 'line' });
  },
  async gather(ctx, args) {
    return { file: await ctx.facts.get(fileStat(args.path, { content: true, follow: true, maxContentBytes: MAX_BYTES })) };
  },
  plan(args, facts) {
    const f = facts.file;
    const path = f.path;
    const secrets: Secret[] = isSecret(args.line) ? [args.line] : [];
    if (f.type === 'absent') {
      if (args.state === 'absent') return [];
      if (!args.create) throw new TsibleError(`${path} does not exist (set create: true to create it)`, { field: 'path' });
    } else if (f.type !== 'file') {
      throw new TsibleError(`${path} is a ${f.type}, not a regular file`, { field: 'path' });
    } else if (!f.content) {
      throw new TsibleError(`${path} is larger than ${MAX_BYTES} bytes; lineinfile edits text files only`, { field: 'path' });
    } else if (!isText(f.content)) {
      throw new TsibleError(`${path} is not a text file (NUL bytes or invalid UTF-8)`, { field: 'path' });
    }
    const before = f.content?.toString('utf8') ?? '';
    let edit;
    try {
      edit = editLines(before, editSpec(args));
    } catch (e) {
      if (e instanceof PythonRegexError) throw new TsibleError(`cannot fill line from the regexp's groups: ${e.message}`, { field: 'line' }, { cause: e });
      throw e;
    }
    const what = edit.action === 'removed' ? `${edit.removed} line${edit.removed === 1 ? '' : 's'} removed from ${path}`
      : edit.action === 'replaced' ? `line replaced in ${path}`
      : f.type === 'absent' ? `create ${path} with the line` : `line added to ${path}`;
    const content = maskedContent(edit.text, maskSecrets(edit.text, secrets), secrets);
    return planFileWrite(path, f, content, { ...args, summary: what, createParents: f.type === 'absent' });
  },
  output(args, facts, results) {
    const backupFile = backupFileFrom(results);
    return { path: facts.file.path, ...(backupFile ? { backupFile } : {}) };
  },
});
