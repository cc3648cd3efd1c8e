// Compatibility cases for lineinfile, from ansible/ansible test/integration/targets/lineinfile (tasks/*.yml, files/*) and the module's docs.
import type { CompatCase } from './compat-case.ts';

const T = 'test/integration/targets/lineinfile/tasks/main.yml';
const S1 = 'test/integration/targets/lineinfile/tasks/test_string01.yml';
const DOCS = 'docs: ansible.builtin.lineinfile examples';

/** files/test.txt */
const TEST_TXT = 'This is line 1\nThis is line 2\nREF this is a line for backrefs REF\nThis is line 4\nThis is line 5\n';
const TEST_CONF = '[section_one]\n\n[section_two]\n\n[section_three]\n';
const FIRSTMATCH = 'line1\nline1\nline1\nline2\nline3\n';
const T58923 = '#!/bin/sh\n\ncase "`uname`" in\n  Darwin*) if [ -z "$JAVA_HOME" ] ; then\n';
const MULTIPLE = 'This is line 1\n\nThis is line 2\n\nThis is line 3\n\nThis is line 4\n';
const NOEOF = 'This is line 1\nThis is line 2';
const STRING_TXT = 'This is line 1\nThis is line 2\n(\\\\w)(\\\\s+)([\\\\.,])\nThis is line 4\n<FilesMatch ".py[45]?$">\n';
const SSHD = '#PermitRootLogin yes\nPasswordAuthentication yes\nPort 22\n';

function li(id: string, source: string, args: Record<string, unknown>, files: CompatCase['files'] = { 'f.txt': TEST_TXT }, extra: Partial<CompatCase> = {}): CompatCase {
  return { id: `lineinfile-${id}`, module: 'lineinfile', args: { path: '$D/f.txt', ...args }, files, source, ...extra };
}

export const LINEINFILE_CASES: CompatCase[] = [
  li('create-missing-parent', `${T} (create file with missing parent folder a/)`, { path: '$D/a/a.txt', state: 'present', line: 'First line', create: true }, {}),
  li('missing-file', `${T} (path that does not exist)`, { path: '$D/doesnotexist.txt', line: "Doesn't matter" }, {}),
  li('validate-without-s', `${T} (validate without %s)`, { line: "Doesn't matter", validate: '/some/path' }),
  li('bof', `${T} (insert a line at the beginning of the file, backup)`, { line: 'New line at the beginning', insertbefore: 'BOF', backup: true }),
  li('eof', `${T} (insert a line at the end of the file)`, { line: 'New line at the end', insertafter: 'EOF' }),
  li('after-line1', `${T} (insert a line after line 1)`, { line: 'New line after line 1', insertafter: '^This is line 1$' }),
  li('before-line5', `${T} (insert a line before line 5)`, { line: 'New line before line 5', insertbefore: '^This is line 5$' }),
  li('backrefs-ref', `${T} (replace a line with backrefs)`, { line: 'This is line 3', backrefs: true, regexp: '^(REF) .* \\1$' }),
  li('absent-regexp', `${T} (remove the line matching line 3)`, { state: 'absent', regexp: '^This is line 2$' }),
  li('absent-nomatch', `${T} (remove it again: no change)`, { state: 'absent', regexp: '^This is line 3$' }),
  li('absent-validate-true', `${T} (remove line 5, validate true %s)`, { state: 'absent', regexp: '^This is line 5$', validate: 'true %s' }),
  li('absent-validate-false', `${T} (remove line 1, validate /bin/false %s fails)`, { state: 'absent', regexp: '^This is line 1$', validate: '/bin/false %s' }),
  li('create-bof', `${T} (create a new file, insertbefore BOF)`, { path: '$D/new_test.txt', create: true, insertbefore: 'BOF', line: 'This is a new file' }, {}),
  li('create-relative', `${T} (create a file with a relative path: dest file.txt)`, { path: '$R/file.txt', create: true, line: 'Test line' }, { 'keep': '' }),
  li('noeof-eof', `${T} (insert a line at the end of a file without a final newline)`, { line: 'New line at the end', insertafter: 'EOF' }, { 'f.txt': NOEOF }),
  li('multiline-line', `${T} (insert a multiple-line string at the end)`, { line: 'This is a line\nwith \\n character', insertafter: 'EOF' }),
  li('empty-eof', `${T} (insert a line at the end of an empty file)`, { line: 'New line at the end', insertafter: 'EOF' }, { 'f.txt': '' }),
  li('backrefs-line4', `${T} (replace line 4 using backrefs)`, { line: 'New \\1 created with the backref', backrefs: true, regexp: '^This is (line 4)$' }),
  li('backrefs-nomatch', `${T} (backrefs with a regexp that does not match: nothing added)`, { line: 'New \\1 created with the backref', backrefs: true, regexp: '^This is (line 9)$' }),
  li('quoting-single', `${T} (lines with quotes: 'foo')`, { line: "'foo'", insertbefore: 'BOF' }, { 'f.txt': '' }),
  li('quoting-js', `${T} (lines with quotes: require('dotenv'))`, { line: "var dotenv = require('dotenv');", insertbefore: 'BOF' }, { 'f.txt': "'foo'\n" }),
  li('quoting-apostrophe', `${T} (line: import g')`, { line: "import g'" }, { 'f.txt': "'foo'\n" }),
  li('quoting-double', `${T} (line: "quote" and "unquote")`, { line: '"quote" and "unquote"' }, { 'f.txt': "'foo'\n" }),
  ...['1', '2', '3', '4'].map((n) => li(`multiple-after-${n}`, `${T} (insertafter item.regex '${n}' in testmultiple.txt, vars/main.yml test_regexp)`, { insertafter: n, line: 'bar' }, { 'f.txt': MULTIPLE })),
  ...['1', '4'].map((n) => li(`multiple-before-${n}`, `${T} (insertbefore item.regex '${n}' in testmultiple.txt)`, { insertbefore: n, line: 'bar' }, { 'f.txt': MULTIPLE })),
  li('conf-regexp-after', `${T} (test.conf: regexp option_one=, insertafter section_one)`, { regexp: 'option_one=', line: 'option_one=1', insertafter: 'section_one' }, { 'f.txt': TEST_CONF }),
  li('conf-regexp-after-done', `${T} (test.conf: the same again after a first run)`, { regexp: 'option_two=', line: 'option_two=2', insertafter: 'section_one' }, { 'f.txt': '[section_one]\noption_two=2\n\n[section_two]\n\n[section_three]\n' }),
  li('conf-line-after', `${T} (test.conf: line only, insertafter section_one)`, { line: 'option_one=1', insertafter: 'section_one' }, { 'f.txt': TEST_CONF }),
  li('conf-regexp-before', `${T} (test.conf: regexp option_one=, insertbefore section_three)`, { regexp: 'option_one=', line: 'option_one=1', insertbefore: 'section_three' }, { 'f.txt': TEST_CONF }),
  li('conf-line-before', `${T} (test.conf: line only, insertbefore section_three)`, { line: 'option_three=3', insertbefore: 'section_three' }, { 'f.txt': TEST_CONF }),
  li('oneline-insbefore', `${T} (file with one line, insertbefore a pattern not in the file)`, { line: 'top', insertbefore: '^not in the file$' }, { 'f.txt': 'bottom\n' }),
  li('empty-regexp', `${T} (regexp '' matches every line: the last is replaced)`, { regexp: '', line: 'This is line 6' }),
  li('empty-search-string', `${T} (search_string '' matches every line)`, { search_string: '', line: 'This is line 6' }),
  li('firstmatch-after', `${T} (insertafter line1 with firstmatch)`, { line: 'INSERT', insertafter: 'line1', firstmatch: true }, { 'f.txt': FIRSTMATCH }),
  li('firstmatch-before', `${T} (insertbefore line1 with firstmatch)`, { line: 'INSERT', insertbefore: 'line1', firstmatch: true }, { 'f.txt': FIRSTMATCH }),
  li('lastmatch-after', `${T} (insertafter line1 without firstmatch: after the last line1)`, { line: 'INSERT', insertafter: 'line1' }, { 'f.txt': FIRSTMATCH }),
  li('58923-after-regexp', `${T} (issue 58923: insertafter #!/bin/sh, regexp, firstmatch)`, { insertafter: '^#!/bin/sh', regexp: '^export FISHEYE_OPTS', firstmatch: true, line: 'export FISHEYE_OPTS="-Xmx4096m -Xms2048m"' }, { 'f.txt': T58923 }),
  li('58923-after', `${T} (issue 58923: insertafter #!/bin/sh, firstmatch, no regexp)`, { insertafter: '^#!/bin/sh', firstmatch: true, line: 'export FISHEYE_OPTS="-Xmx4096m -Xms2048m"' }, { 'f.txt': T58923 }),
  li('58923-before-regexp', `${T} (issue 58923: insertbefore #!/bin/sh, regexp, firstmatch)`, { insertbefore: '^#!/bin/sh', regexp: '^export FISHEYE_OPTS', firstmatch: true, line: 'export FISHEYE_OPTS="-Xmx4096m -Xms2048m"' }, { 'f.txt': T58923 }),
  li('58923-before', `${T} (issue 58923: insertbefore #!/bin/sh, firstmatch, no regexp)`, { insertbefore: '^#!/bin/sh', firstmatch: true, line: 'export FISHEYE_OPTS="-Xmx4096m -Xms2048m"' }, { 'f.txt': T58923 }),
  li('crlf-replace', `${T} (a file with Windows line endings: regexp replaces a line)`, { regexp: '^This is line 2', line: 'Line two' }, { 'f.txt': 'This is line 1\r\nThis is line 2\r\n' }),
  li('noeof-exact-last', `${T} (the line is the last line, without a newline)`, { line: 'This is line 2' }, { 'f.txt': NOEOF }),
  li('absent-line', `${T} (state absent with line)`, { state: 'absent', line: 'This is line 4' }),
  li('absent-missing-file', `${T} (state absent on a missing file: no change)`, { path: '$D/nothere.txt', state: 'absent', line: 'x' }, {}),
  li('on-directory', `${T} (path is a directory)`, { path: '$D/dir', line: 'x' }, { 'dir/keep': '' }),
  li('present-no-line', `${T} (state present without line fails)`, { regexp: 'x' }),
  li('absent-nothing', `${T} (state absent needs line, regexp or search_string)`, { state: 'absent' }),
  li('backrefs-no-regexp', `${T} (backrefs without regexp fails)`, { line: 'x', backrefs: true }),
  li('create-mode', `${DOCS} (create with mode 0600)`, { path: '$D/new.conf', line: 'a=1', create: true, mode: '0600' }, {}),
  li('mode-existing', `${DOCS} (line present, mode changed)`, { line: 'This is line 1', mode: '0640' }),
  li('check-mode', `${T} (check mode: nothing written)`, { line: 'never' }, undefined, { check: true }),
  li('check-create-parent', `${T} (check mode create in a missing folder)`, { path: '$D/x/y.txt', line: 'x', create: true }, {}, { check: true }),
  li('sshd-permitroot', `${DOCS} (SELinux config example: regexp ^#?PermitRootLogin)`, { regexp: '^#?PermitRootLogin', line: 'PermitRootLogin no' }, { 'f.txt': SSHD }),
  li('named-group-backrefs', `${DOCS} (Python named group with backrefs: (?P<key>...))`, { regexp: '^(?P<key>Port) (?P<val>\\d+)$', line: '\\g<key> 2222', backrefs: true }, { 'f.txt': SSHD }),
  li('python-named-group', `${DOCS} (Python named group (?P<n>…) in regexp)`, { regexp: '^(?P<key>Password\\w+) ', line: 'PasswordAuthentication no' }, { 'f.txt': SSHD }),
  li('python-backref-named', `${DOCS} (Python (?P=n) back reference)`, { regexp: '^(?P<w>REF) .* (?P=w)$', line: 'refs' }),
  li('python-inline-flag', `${DOCS} (Python inline flag (?i))`, { regexp: '(?i)^port ', line: 'Port 2222' }, { 'f.txt': SSHD }),
  li('python-end-Z', `${DOCS} (Python \\Z: the very end of the line, after its newline)`, { regexp: 'line 5\\Z', line: 'last' }),
  li('python-dollar', `${DOCS} (Python $ matches before the line's newline)`, { regexp: 'line 5$', line: 'last' }),
  li('python-count-brace', `${DOCS} (Python x{,2} quantifier)`, { regexp: '^Port 2{,2}$', line: 'Port 2222' }, { 'f.txt': SSHD }),
  li('bad-regexp', `${DOCS} (an invalid regular expression fails)`, { regexp: '(unclosed', line: 'x' }),
  li('search-string-special', `${S1} (search_string with regexp characters)`, { line: 'Thi$ i^ [ine 3', search_string: '(\\\\w)(\\\\s+)([\\\\.,])' }, { 'f.txt': STRING_TXT }),
  li('search-string-absent', `${S1} (absent by search_string <FilesMatch ".py[45]?$">, validate true %s)`, { state: 'absent', search_string: '<FilesMatch ".py[45]?$">', validate: 'true %s' }, { 'f.txt': STRING_TXT }),
  li('search-string-bof', `${S1} (insertbefore BOF with backup)`, { line: 'New line at the beginning', insertbefore: 'BOF', backup: true }, { 'f.txt': STRING_TXT }),
  li('regexp-and-search', `${S1} (regexp and search_string are exclusive)`, { regexp: 'a', search_string: 'a', line: 'x' }),
  li('nul-line', `${DOCS} (a line holding a NUL byte)`, { line: 'a\u0000b' }, undefined, { differs: 'tsible refuses a line with a NUL byte before anything changes; Ansible writes it (and a file with NUL is binary to tsible afterwards).' }),
];
