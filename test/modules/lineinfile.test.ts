// lineinfile: plan() over files recorded on web1 (/etc/hosts, a file without final newline, binary), secret lines, bad arguments.
import { expect } from 'chai';
import { ArgsError } from '../../core/errors.ts';
import { prepareArgs } from '../../core/engine/run-module.ts';
import type { Change } from '../../core/module.ts';
import { isSecret, secret } from '../../core/secret.ts';
import type { FileStat } from '../../modules/facts/file-stat.ts';
import { lineinfile, type LineinfileArgs } from '../../modules/lineinfile.ts';
import { describeSteps, statFixture } from './support/file-stat-fixture.ts';

const args = (raw: Record<string, unknown>): LineinfileArgs => prepareArgs(lineinfile, raw, {}, { task: 't' });
const plan = (raw: Record<string, unknown>, stat: FileStat): Change[] => lineinfile.plan(args({ path: stat.path, ...raw }), { file: stat });
const HOSTS = statFixture('hosts').content!.toString();

describe('lineinfile module', () => {
  describe('plan over /etc/hosts of web1', () => {
    it('a line already there: converged', () => {
      expect(plan({ line: '192.168.200.12\tweb2' }, statFixture('hosts'))).to.deep.equal([]);
      expect(plan({ regexp: '\\sweb2$', line: '192.168.200.12\tweb2' }, statFixture('hosts'))).to.deep.equal([]);
    });
    it('adds a missing line at the end, keeping mode and owner (numeric ids)', () => {
      const [c, ...rest] = plan({ line: '192.168.56.10\tvip' }, statFixture('hosts'));
      expect(rest).to.deep.equal([]);
      expect(c.summary).to.equal('line added to /etc/hosts');
      expect(c.diff).to.deep.equal({ path: '/etc/hosts', before: HOSTS, after: HOSTS + '192.168.56.10\tvip\n' });
      expect(describeSteps(c.steps)).to.deep.equal(['put: /etc/hosts 0644 0:0']);
      expect(c.steps[0].kind === 'put' && c.steps[0].content).to.equal(HOSTS + '192.168.56.10\tvip\n');
    });
    it('replaces the line a regexp matches (the peer\'s address changed)', () => {
      const [c] = plan({ regexp: '\\sweb2$', line: '192.168.200.22\tweb2' }, statFixture('hosts'));
      expect(c.summary).to.equal('line replaced in /etc/hosts');
      expect(c.diff?.after).to.equal(HOSTS.replace('192.168.200.12\tweb2', '192.168.200.22\tweb2'));
    });
    it('inserts after an anchor line', () => {
      const [c] = plan({ line: '192.168.200.250\tgw', insertAfter: '^# tsible lab hosts' }, statFixture('hosts'));
      expect(c.diff?.after).to.equal(HOSTS.replace('# tsible lab hosts\n', '# tsible lab hosts\n192.168.200.250\tgw\n'));
    });
    it('inserts at the beginning with BOF', () => {
      expect(plan({ line: '# managed', insertBefore: 'BOF' }, statFixture('hosts'))[0].diff?.after).to.equal('# managed\n' + HOSTS);
    });
    it('state absent removes every matching line; nothing matching is converged', () => {
      const [c] = plan({ regexp: '^192\\.168\\.200\\.1[23]\\s', state: 'absent' }, statFixture('hosts'));
      expect(c.summary).to.equal('2 lines removed from /etc/hosts');
      expect(c.diff?.after).to.not.contain('web2').and.not.contain('web3');
      expect(plan({ regexp: '^10\\.', state: 'absent' }, statFixture('hosts'))).to.deep.equal([]);
    });
    it('mode given and line present: only chmod', () => {
      expect(plan({ line: '192.168.200.12\tweb2', mode: '0600' }, statFixture('hosts')).map((c) => describeSteps(c.steps))).to.deep.equal([['run: chmod 0600 -- /etc/hosts']]);
    });
    it('backup and validate', () => {
      const [c] = plan({ line: 'x', backup: true, validate: 'grep -q x %s' }, statFixture('hosts'));
      expect(describeSteps(c.steps)).to.deep.equal(['call: write /etc/hosts after `grep -q x %s` accepts it (old file backed up first)']);
      expect(describeSteps(plan({ line: 'x', backup: true }, statFixture('hosts'))[0].steps)).to.deep.equal(['run: (shell)', 'put: /etc/hosts 0644 0:0']);
    });
  });

  describe('other files', () => {
    it('a file without a final newline gets one before the new line', () => {
      expect(plan({ line: 'added' }, statFixture('no-newline'))[0].diff?.after).to.equal('first\nlast without newline\nadded\n');
    });
    it('a missing file is an error unless create', () => {
      expect(() => plan({ line: 'x' }, statFixture('absent'))).to.throw(/\/tmp\/tsible-fixture\/missing does not exist \(set create: true/);
      const [c] = plan({ line: 'x', create: true, mode: '0640' }, statFixture('absent'));
      expect(c.summary).to.equal('create /tmp/tsible-fixture/missing with the line');
      expect(c.diff).to.deep.equal({ path: '/tmp/tsible-fixture/missing', before: '', after: 'x\n' });
      expect(describeSteps(c.steps)).to.deep.equal(['put: /tmp/tsible-fixture/missing 0640 :']);
    });
    it('absent on a missing file is converged', () => {
      expect(plan({ line: 'x', state: 'absent' }, statFixture('absent'))).to.deep.equal([]);
    });
    it('refuses binary files, directories and files over the size limit', () => {
      expect(() => plan({ line: 'x' }, statFixture('binary'))).to.throw(/not a text file/);
      expect(() => plan({ line: 'x' }, statFixture('site-dir'))).to.throw(/is a directory, not a regular file/);
      expect(() => plan({ line: 'x' }, statFixture('big'))).to.throw(/larger than/);
    });
  });

  describe('a secret line', () => {
    const pw = secret('rootpw=hunter2');
    it('is written for real, shown as *** and never in the summary', () => {
      const [c] = plan({ line: pw, regexp: '^rootpw=' }, statFixture('no-newline'));
      expect(c.diff).to.deep.equal({ path: '/tmp/tsible-fixture/no-newline', before: 'first\nlast without newline', after: 'first\nlast without newline\n***\n' });
      const put = c.steps[0];
      expect(put.kind === 'put' && isSecret(put.content) && put.content.reveal()).to.equal('first\nlast without newline\nrootpw=hunter2\n');
      expect(JSON.stringify(c) + c.summary).to.not.contain('hunter2');
    });
  });

  describe('arguments', () => {
    const bad: [Record<string, unknown>, string, RegExp][] = [
      [{ path: '/x' }, 'line', /state present needs line/],
      [{ path: '/x', state: 'absent' }, 'regexp', /needs regexp, searchString or line/],
      [{ path: '/x', line: 'a', regexp: '(' }, 'regexp', /not a usable \(Python\) regular expression/],
      [{ path: '/x', line: 'a', insertAfter: '[' }, 'insertAfter', /not a usable \(Python\) regular expression/],
      [{ path: '/x', line: 'a', insertAfter: 'EOF', insertBefore: 'BOF' }, 'insertBefore', /exclusive/],
      [{ path: '/x', line: 'a', regexp: 'a', searchString: 'a' }, 'searchString', /exclusive/],
      [{ path: '/x', line: 'a\0b' }, 'line', /NUL/],
      [{ path: '/x', line: 'a', backrefs: true }, 'regexp', /backrefs needs regexp/],
      [{ path: '/x', line: 'a', regexp: '(?>a)' }, 'regexp', /atomic groups/],
      [{ path: 'x/', line: 'a' }, 'path', /no trailing/],
      [{ path: '/x', line: 'a', state: 'gone' }, 'state', /one of present, absent/],
    ];
    for (const [raw, field, message] of bad) {
      it(`${JSON.stringify(raw)} → ArgsError on ${field}`, () => {
        let err: unknown;
        try {
          args(raw);
        } catch (e) {
          err = e;
        }
        expect(err).to.be.instanceOf(ArgsError);
        expect((err as ArgsError).where.field).to.equal(field);
        expect((err as Error).message).to.match(message);
      });
    }
    it("Ansible's names are aliases (dest, regex, insertafter, firstmatch)", () => {
      expect(args({ dest: '/x', regex: 'a', line: 'a', insertafter: 'b', firstmatch: 'yes' })).to.include({ path: '/x', regexp: 'a', insertAfter: 'b', firstMatch: true });
    });
  });
});
