// editLines: the lineinfile edits as a table (text and spec in, text and action out).
import { expect } from 'chai';
import { type LineEditSpec, editLines } from '../../../modules/lib/line-edit.ts';
import { pythonRegExp } from '../../../modules/lib/python-regex.ts';

/** Patterns are Python ones, searched in each line with its newline (as lineinfile compiles them). */
const py = (p: string): RegExp => pythonRegExp(p).regexp;

const HOSTS = '127.0.0.1\tlocalhost\n127.0.1.1\tweb1\n192.168.200.11\tweb1\n192.168.200.12\tweb2\n';

describe('editLines', () => {
  // [title, text, spec, expected text, action]
  const table: [string, string, LineEditSpec, string, string | undefined][] = [
    ['present line already there: unchanged', HOSTS, { state: 'present', line: '192.168.200.12\tweb2' }, HOSTS, undefined],
    ['appends a missing line at EOF', HOSTS, { state: 'present', line: '192.168.200.13\tweb3' }, HOSTS + '192.168.200.13\tweb3\n', 'added'],
    ['adds the newline a last line lacks', 'a\nb', { state: 'present', line: 'c' }, 'a\nb\nc\n', 'added'],
    ['creates the only line of an empty file', '', { state: 'present', line: 'x' }, 'x\n', 'added'],
    ['regexp replaces the last matching line', 'A=1\nB=2\nA=3\n', { state: 'present', regexp: py('^A='), line: 'A=9' }, 'A=1\nB=2\nA=9\n', 'replaced'],
    ['regexp with firstMatch replaces the first', 'A=1\nB=2\nA=3\n', { state: 'present', regexp: py('^A='), line: 'A=9', firstMatch: true }, 'A=9\nB=2\nA=3\n', 'replaced'],
    ['regexp match already equal: unchanged', 'A=1\nB=2\n', { state: 'present', regexp: py('^B='), line: 'B=2' }, 'A=1\nB=2\n', undefined],
    ['regexp no match but the line exists: unchanged', 'A=1\nB=2\n', { state: 'present', regexp: py('^C='), line: 'B=2' }, 'A=1\nB=2\n', undefined],
    ['regexp no match: appended', 'A=1\n', { state: 'present', regexp: py('^C='), line: 'C=3' }, 'A=1\nC=3\n', 'added'],
    ['replacing adds the missing final newline (as Ansible)', 'A=1\nB=2', { state: 'present', regexp: py('^B='), line: 'B=3' }, 'A=1\nB=3\n', 'replaced'],
    ['a replaced line ends with LF, also in a CRLF file (as Ansible)', 'A=1\r\nB=2\r\n', { state: 'present', regexp: py('^B='), line: 'B=3' }, 'A=1\r\nB=3\n', 'replaced'],
    ['appends with LF in a CRLF file (as Ansible)', 'A=1\r\n', { state: 'present', line: 'B=2' }, 'A=1\r\nB=2\n', 'added'],
    ['insertAfter the last matching line', '[a]\nx=1\n[b]\ny=1\n', { state: 'present', line: 'z=1', insertAfter: py('^\\[') }, '[a]\nx=1\n[b]\nz=1\ny=1\n', 'added'],
    ['insertAfter firstMatch', '[a]\nx=1\n[b]\ny=1\n', { state: 'present', line: 'z=1', insertAfter: py('^\\['), firstMatch: true }, '[a]\nz=1\nx=1\n[b]\ny=1\n', 'added'],
    ['insertAfter: the line already follows the anchor', '[a]\nz=1\n', { state: 'present', regexp: py('^zz'), line: 'z=1', insertAfter: py('^\\[a\\]') }, '[a]\nz=1\n', undefined],
    ['insertAfter without a match goes to EOF', 'a\n', { state: 'present', line: 'b', insertAfter: py('^nomatch') }, 'a\nb\n', 'added'],
    ['insertAfter EOF', 'a\n', { state: 'present', line: 'b', insertAfter: 'EOF' }, 'a\nb\n', 'added'],
    ['insertBefore BOF', 'a\n', { state: 'present', line: '# managed', insertBefore: 'BOF' }, '# managed\na\n', 'added'],
    ['insertBefore the last matching line', 'a\nend\nb\nend\n', { state: 'present', line: 'x', insertBefore: py('^end$') }, 'a\nend\nb\nx\nend\n', 'added'],
    ['insertBefore without a match goes to EOF', 'a\n', { state: 'present', line: 'x', insertBefore: py('^zz') }, 'a\nx\n', 'added'],
    ['searchString replaces', 'listen 80\nroot /var\n', { state: 'present', searchString: 'listen', line: 'listen 8080' }, 'listen 8080\nroot /var\n', 'replaced'],
    ['absent by regexp removes every match', 'A=1\nB=2\nA=3\n', { state: 'absent', regexp: py('^A=') }, 'B=2\n', 'removed'],
    ['absent by exact line', HOSTS, { state: 'absent', line: '192.168.200.12\tweb2' }, '127.0.0.1\tlocalhost\n127.0.1.1\tweb1\n192.168.200.11\tweb1\n', 'removed'],
    ['absent, nothing matches: unchanged', 'a\n', { state: 'absent', line: 'b' }, 'a\n', undefined],
    ['absent by searchString', 'keep\ndrop me\n', { state: 'absent', searchString: 'drop' }, 'keep\n', 'removed'],
  ];
  for (const [title, text, spec, want, action] of table) {
    it(title, () => {
      const r = editLines(text, spec);
      expect(r.text).to.equal(want);
      expect(r.action).to.equal(action);
    });
  }
  it('counts removed lines', () => expect(editLines('a\na\nb\n', { state: 'absent', line: 'a' }).removed).to.equal(2));
});
