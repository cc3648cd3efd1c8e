// Compatibility cases for copy, from ansible/ansible test/integration/targets/copy (tasks/*.yml, files/*) and the module's docs.
import type { CompatCase } from './compat-case.ts';

const T = 'test/integration/targets/copy/tasks/tests.yml';
const NX = 'test/integration/targets/copy/tasks/dest_in_non_existent_directories.yml';
const SF = 'test/integration/targets/copy/tasks/src_file_dest_file_in_non_existent_dir.yml';
const CM = 'test/integration/targets/copy/tasks/check_mode.yml';
const DOCS = 'docs: ansible.builtin.copy examples';

/** files/foo.txt and files/subdir of the copy target. */
const LOCAL = {
  'foo.txt': 'foo.txt\n',
  'subdir/bar.txt': 'hello bar\n',
  'subdir/subdir1/empty.txt': '',
  'subdir/subdir2/baz.txt': 'hello baz\n',
  'subdir/subdir2/subdir3/subdir4/qux.txt': 'hello qux\n',
};

function co(id: string, source: string, args: Record<string, unknown>, files: CompatCase['files'] = {}, extra: Partial<CompatCase> = {}): CompatCase {
  return { id: `copy-${id}`, module: 'copy', args, files, local: LOCAL, source, ...extra };
}

export const COPY_CASES: CompatCase[] = [
  co('basic-mode', `${T} (initiate a basic copy, and also test the mode 0444)`, { src: '$L/foo.txt', dest: '$D/foo.txt', mode: '0444' }),
  co('force-false', `${T} (copying content with force=false when the dest already exists)`, { content: 'other_data', dest: '$D/foo.txt', mode: '0444', force: false }, { 'foo.txt': 'foo.txt\n' }),
  co('decrypt-no', `${T} (overwrite the file via same means, decrypt: no)`, { src: '$L/foo.txt', dest: '$D/foo.txt', decrypt: false }, { 'foo.txt': 'foo.txt\n' }),
  co('content', `${T} (overwrite the file using the content system)`, { content: 'modified', dest: '$D/foo.txt', decrypt: false }, { 'foo.txt': 'foo.txt\n' }),
  co('content-mode', `${T} (overwrite again with content, mode 0700)`, { content: 'modified', dest: '$D/foo.txt', mode: '0700' }, { 'foo.txt': 'modified' }),
  co('same-content-mode', `${T} (copy the same contents into place but change mode 0404)`, { content: 'modified', dest: '$D/foo.txt', mode: '0404' }, { 'foo.txt': { content: 'modified', mode: 0o700 } }),
  co('invalid-src', `${T} (try invalid copy input location fails)`, { src: '$L/invalid_file_location_does_not_exist', dest: '$D/file.txt' }),
  co('empty-src', `${T} (try empty source to ensure it fails)`, { src: '', dest: '$D' }),
  co('no-dest', `${T} (try without destination to ensure it fails)`, { src: '$L/foo.txt' }),
  co('no-src', `${T} (try without source to ensure it fails)`, { dest: '$D/foo.txt' }),
  co('src-and-content', `${T} (try with both src and content to ensure it fails)`, { src: '$L/foo.txt', content: 'testing', dest: '$D/foo.txt' }),
  co('content-to-dir', `${T} (try with content and directory as destination to ensure it fails)`, { content: 'testing', dest: '$D/dir' }, { 'dir/keep': '' }),
  co('src-to-dir', `${T} (copy source file to destination directory with mode 0500)`, { src: '$L/foo.txt', dest: '$D/dir', mode: '0500' }, { 'dir/keep': '' }),
  co('mode-preserve', `${T} (copy with mode=preserve)`, { src: '$L/odd.txt', dest: '$D/copy-foo.txt', mode: 'preserve' }, {}, { local: { ...LOCAL, 'odd.txt': { content: 'foo.txt\n', mode: 0o547 } } }),
  co('remote-src-preserve', `${T} (copy with mode=preserve and remote_src=True)`, { src: '$D/copy-foo.txt', dest: '$D/copy-foo2.txt', mode: 'preserve', remote_src: true }, { 'copy-foo.txt': { content: 'foo.txt\n', mode: 0o547 } }),
  co('remote-src-empty-dir-slash', `${T} (copy an empty dir to a dir that does not exist, dest ends with slash)`, { src: '$D/empty/', remote_src: true, dest: '$D/empty_dest/' }, { empty: { dir: true } }, { differs: 'tsible copies a single file with remote_src; a folder on the host is refused (documented in tsible modules copy)' }),
  co('remote-src-empty-dir', `${T} (copy an empty dir, no trailing slashes)`, { src: '$D/empty', remote_src: true, dest: '$D/empty_dest' }, { empty: { dir: true } }, { differs: 'tsible copies a single file with remote_src; a folder on the host is refused (documented in tsible modules copy)' }),
  co('recursive-no-slash', `${T} (recursive copy to directory no trailing slash, directory_mode 0700, local_follow False)`, { src: '$L/subdir', dest: '$D/sub', directory_mode: '0700', local_follow: false }, { sub: { dir: true } }),
  co('recursive-slash', `${T} (recursive copy to directory trailing slash)`, { src: '$L/subdir/', dest: '$D/sub', directory_mode: '0700', local_follow: false }, { sub: { dir: true } }),
  co('recursive-new-dest', `${T} (recursive copy into a dest that does not exist)`, { src: '$L/subdir', dest: '$D/new/' }),
  co('dest-slash-new', `${NX} (copy a file to dest/ that does not exist: created)`, { src: '$L/foo.txt', dest: '$D/deeper/dir/' }),
  co('dest-missing-parent', `${SF} (src file, dest file in a non-existent dir fails)`, { src: '$L/foo.txt', dest: '$D/missing/foo.txt' }),
  co('check-new', `${CM} (check mode: a new file is not written)`, { content: 'x\n', dest: '$D/new.txt' }, {}, { check: true }),
  co('check-existing', `${CM} (check mode: a different file is not changed)`, { content: 'x\n', dest: '$D/foo.txt' }, { 'foo.txt': 'foo\n' }, { check: true }),
  co('backup', `${DOCS} (backup: yes)`, { content: 'new\n', dest: '$D/foo.txt', backup: true }, { 'foo.txt': 'old\n' }),
  co('validate-true', `${DOCS} (validate with a command that accepts)`, { content: 'new\n', dest: '$D/foo.txt', validate: 'test -f %s' }, { 'foo.txt': 'old\n' }),
  co('validate-false', `${DOCS} (validate with a command that refuses)`, { content: 'new\n', dest: '$D/foo.txt', validate: '/bin/false %s' }, { 'foo.txt': 'old\n' }),
  co('symbolic-mode', `${DOCS} (symbolic mode u=rw,g=r,o=r)`, { content: 'x\n', dest: '$D/foo.txt', mode: 'u=rw,g=r,o=r' }),
  co('relative-dest', `${DOCS} (a relative dest)`, { content: 'x\n', dest: '$R/rel.txt' }),
  co('follow-link', `${DOCS} (follow: yes writes the link's target)`, { content: 'x\n', dest: '$D/l', follow: true }, { 'foo.txt': 'old\n', l: { link: 'foo.txt' } }),
  co('replace-link', `${DOCS} (dest is a link, follow no: the link is replaced by a file)`, { content: 'x\n', dest: '$D/l' }, { 'foo.txt': 'old\n', l: { link: 'foo.txt' } }),
  co('remote-src-file', `${DOCS} (remote_src: copy a file on the host)`, { src: '$D/a.txt', dest: '$D/b.txt', remote_src: true }, { 'a.txt': 'A\n' }),
  co('remote-src-missing', `${DOCS} (remote_src with a missing source fails)`, { src: '$D/none.txt', dest: '$D/b.txt', remote_src: true }),
  co('unchanged', `${DOCS} (the same content: no change)`, { content: 'same\n', dest: '$D/foo.txt' }, { 'foo.txt': 'same\n' }),
];
