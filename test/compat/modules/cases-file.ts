// Compatibility cases for file, from ansible/ansible test/integration/targets/file (tasks/*.yml) and the module's docs.
import type { CompatCase } from './compat-case.ts';

const T = 'test/integration/targets/file/tasks/main.yml';
const L = 'test/integration/targets/file/tasks/state_link.yml';
const DD = 'test/integration/targets/file/tasks/directory_as_dest.yml';
const MT = 'test/integration/targets/file/tasks/modification_time.yml';
const DOCS = 'docs: ansible.builtin.file examples';

const BASE = { 'foo.txt': 'foo.txt\n' };

function fi(id: string, source: string, args: Record<string, unknown>, files: CompatCase['files'] = BASE, extra: Partial<CompatCase> = {}): CompatCase {
  return { id: `file-${id}`, module: 'file', args, files, source, ...extra };
}

const TOUCH_MODES = ['u=rwx,g=rwx,o=rwx', 'a=r', 'u+w', 'g+w', 'o+w', 'u+x', 'g+x', 'o+x', 'o-wx', 'g-wx', 'u-wx', 'o+t', 'o-t', 'g+s', 'g-s', 'u+s', 'u-s'];

export const FILE_CASES: CompatCase[] = [
  fi('state-file', `${T} (verify that we are checking a file and it is present)`, { path: '$D/foo.txt', state: 'file' }),
  fi('state-file-missing', `${T} (target a file that does not exist)`, { path: '$D/ghost', state: 'file' }),
  fi('absent-missing', `${T} (verify that we are checking an absent file)`, { path: '$D/bar.txt', state: 'absent' }),
  fi('absent-file', `${T} (remove file foo.txt)`, { path: '$D/foo.txt', state: 'absent' }),
  fi('absent-dir', `${T} (remove directory foobar)`, { path: '$D/foobar', state: 'absent' }, { 'foobar/fileA': 'A\n', 'foobar/directory/fileC': 'C\n' }),
  fi('touch-new', `${T} (verify we can touch a file, mode 0644)`, { path: '$D/baz.txt', state: 'touch', mode: '0644' }),
  fi('mode-no-state', `${T} (change file mode: no state)`, { path: '$D/foo.txt', mode: '0600' }),
  fi('access-time-now', `${T} (updates access time: access_time=now)`, { path: '$D/foo.txt', access_time: 'now' }),
  fi('directory-new', `${T} (create a directory)`, { path: '$D/foobar', state: 'directory' }),
  fi('directory-no-state-mode', `${T} (change the mode of a directory with recurse=no, no state)`, { path: '$D/foobar', mode: '0700' }, { 'foobar/fileA': 'A\n' }),
  fi('directory-recurse-mode', `${T} (change a directory with recurse=yes, no state)`, { path: '$D/foobar', mode: 'u=rwX,g=rX,o=', recurse: true }, { 'foobar/fileA': 'A\n', 'foobar/directory/fileC': 'C\n' }),
  fi('directory-sub', `${T} (create a test sub-directory)`, { path: '$D/sub1', state: 'directory' }),
  fi('touch-in-sub', `${T} (create test files in the sub-directory)`, { path: '$D/sub1/file1', state: 'touch' }, { 'sub1': { dir: true } }),
  ...TOUCH_MODES.map((m, i) => fi(`touch-symbolic-${i}`, `${T} (test_symbolic state=touch mode=${m})`, { path: '$D/test_symbolic', state: 'touch', mode: m }, { test_symbolic: { content: '', mode: 0o644 } })),
  fi('touch-check-new', `${T} (touch a file returns changed in check mode if file does not exist)`, { path: '$D/touch_check', state: 'touch' }, BASE, { check: true }),
  fi('touch-check-existing', `${T} (touch an existing file returns changed in check mode)`, { path: '$D/foo.txt', state: 'touch' }, BASE, { check: true }),
  fi('touch-preserve', `${T} (touch with access_time and modification_time preserve)`, { path: '$D/foo.txt', state: 'touch', access_time: 'preserve', modification_time: 'preserve' }),
  fi('touch-existing-mode', `${T} (touch an existing file when only the mode changes)`, { path: '$D/foo.txt', state: 'touch', mode: '0660' }),
  fi('touch-directory', `${T} (touch a directory)`, { path: '$D/sub', state: 'touch' }, { 'sub/x': '' }),
  fi('hard-new', `${T} (create hard link to file)`, { src: '$D/foo.txt', dest: '$D/hard.txt', state: 'hard' }),
  fi('hard-mode', `${T} (change mode on a hard link)`, { dest: '$D/hard.txt', mode: '0701' }, { 'foo.txt': 'x\n', 'hard.txt': 'y\n' }),
  fi('src-without-state', `${T} (src option requires state to be link or hard)`, { path: '$D/new', src: '$D/foo.txt' }),
  fi('recurse-not-directory', `${T} (recurse option requires state directory)`, { path: '$D/foo.txt', state: 'file', recurse: true }),
  fi('link-absolute', `${L} (create soft link to file)`, { src: '$D/foo.txt', dest: '$D/soft.txt', state: 'link' }),
  fi('link-relative', `${L} (change soft link to relative)`, { src: 'foo.txt', dest: '$D/soft.txt', state: 'link' }, { 'foo.txt': 'x\n', 'soft.txt': { link: '/tmp/elsewhere' } }),
  fi('link-missing-src', `${L} (fail to create soft link to non existent file)`, { src: '/nonexistent', dest: '$D/soft2.txt', state: 'link', force: false }),
  fi('link-missing-src-force', `${L} (force creation soft link to non existent)`, { src: '/nonexistent', dest: '$D/soft2.txt', state: 'link', force: true }),
  fi('link-root', `${L} (create soft link to directory using absolute path)`, { src: '/', dest: '$D/root', state: 'link' }),
  fi('link-relative-file', `${L} (create soft link to relative file ../sub1/file1)`, { src: '../sub1/file1', dest: '$D/sub2/link1', state: 'link' }, { 'sub1/file1': '', 'sub2': { dir: true } }),
  fi('link-relative-dir', `${L} (create soft link to relative directory)`, { src: 'sub1', dest: '$D/sub1-link', state: 'link' }, { 'sub1/file1': '' }),
  fi('link-mode-follow', `${L} (symlink with mode: follow sets the target's mode)`, { path: '$D/test_follow_link', src: './test_follow', state: 'link', mode: '0600' }, { test_follow: { content: 'this is a test file\n', mode: 0o666 } }),
  fi('link-over-file', `${L} (a link over a regular file without force fails)`, { src: '$D/foo.txt', dest: '$D/plain', state: 'link' }, { 'foo.txt': 'x\n', plain: 'p\n' }),
  fi('link-over-file-force', `${L} (a link over a regular file with force)`, { src: '$D/foo.txt', dest: '$D/plain', state: 'link', force: true }, { 'foo.txt': 'x\n', plain: 'p\n' }),
  fi('link-over-empty-dir-force', `${L} (force a link over an empty directory)`, { src: '$D/foo.txt', dest: '$D/emptydir', state: 'link', force: true }, { 'foo.txt': 'x\n', emptydir: { dir: true } }),
  fi('link-over-full-dir-force', `${DD} (force a link over a non-empty directory fails)`, { src: '$D/foo.txt', dest: '$D/sub1', state: 'link', force: true }, { 'foo.txt': 'x\n', 'sub1/passwd': 'test' }),
  fi('link-over-dir', `${DD} (try to create a symlink with directory as dest)`, { src: '$D/foo.txt', dest: '$D/sub1', state: 'link', force: false }, { 'foo.txt': 'x\n', 'sub1': { dir: true } }),
  fi('file-on-dir', `${DD} (try to create a file with directory as dest)`, { dest: '$D/sub1', state: 'file', force: false }, { 'sub1': { dir: true } }),
  fi('link-no-state-existing-link', `${L} (an existing link with no state keeps its target, mode applied to the target)`, { path: '$D/l', mode: '0600' }, { 'foo.txt': 'x\n', l: { link: 'foo.txt' } }),
  fi('directory-parents-mode', `${DOCS} (recursively create a directory: parents get the mode too)`, { path: '$D/a/b/c', state: 'directory', mode: '0700' }),
  fi('directory-existing-mode', `${DOCS} (directory exists, mode changed)`, { path: '$D/d', state: 'directory', mode: '0750' }, { d: { dir: true } }),
  fi('directory-over-file', `${DOCS} (state directory where a file is)`, { path: '$D/foo.txt', state: 'directory' }),
  fi('directory-follow-link', `${DOCS} (state directory on a link to a directory)`, { path: '$D/l', state: 'directory', mode: '0700' }, { 'd/x': '', l: { link: 'd' } }),
  fi('mtime-set', `${MT} (modification_time set to a date, access_time preserve)`, { path: '$D/foo.txt', modification_time: '202001011200.00', access_time: 'preserve' }),
  fi('touch-mtime-preserve', `${MT} (touch with modification_time preserve: access time only)`, { path: '$D/foo.txt', state: 'touch', modification_time: 'preserve' }),
  fi('mode-int-decimal', `${DOCS} (mode: 644 written without its leading 0: a decimal number)`, { path: '$D/foo.txt', mode: 644 }, BASE, { differs: 'tsible refuses a number mode whose digits look octal above 0o777; Ansible applies 644 as 0o1204 (documented in tsible modules file)' }),
  fi('mode-int-octal', `${DOCS} (mode given as the number 420, YAML 0644)`, { path: '$D/foo.txt', mode: 420 }),
  fi('mode-symbolic-file', `${DOCS} (mode u=rw,g=r,o=r)`, { path: '$D/foo.txt', mode: 'u=rw,g=r,o=r' }),
  fi('absent-link', `${DOCS} (state absent on a link removes the link, not its target)`, { path: '$D/l', state: 'absent' }, { 'foo.txt': 'x\n', l: { link: 'foo.txt' } }),
  fi('check-directory', `${T} (check mode: directory not created)`, { path: '$D/x/y', state: 'directory' }, BASE, { check: true }),
  fi('relative-touch', `${DOCS} (a relative path: touch)`, { path: '$R/rel.txt', state: 'touch' }),
];
