// file: plan() for every state over stats recorded on web1 (files, a directory tree, links), and bad arguments.
import { expect } from 'chai';
import { ArgsError } from '../../core/errors.ts';
import { prepareArgs } from '../../core/engine/run-module.ts';
import type { Change } from '../../core/module.ts';
import type { FileStat } from '../../modules/facts/file-stat.ts';
import { file, type FileArgs } from '../../modules/file.ts';
import { describeSteps, statFixture } from './support/file-stat-fixture.ts';

const args = (raw: Record<string, unknown>): FileArgs => prepareArgs(file, raw, {}, { task: 't' });
const plan = (raw: Record<string, unknown>, stat: FileStat): Change[] => file.plan(args({ path: stat.path, ...raw }), { stat });
const shell = (c: Change): string => {
  const s = c.steps[0];
  return s.kind === 'run' && !Array.isArray(s.command) ? String((s.command as { shell: string }).shell) : '';
};

describe('file module', () => {
  describe('state directory', () => {
    it('creates a missing directory with parents and its mode from the start', () => {
      const [c] = plan({ state: 'directory', mode: '0750', owner: 'root', group: 'nogroup' }, statFixture('absent-no-parent'));
      expect(c.summary).to.equal('create directory /tmp/tsible-fixture/nodir/x (mode 0750)');
      expect(describeSteps(c.steps)).to.deep.equal(['run: mkdir -p -m 0750 -- /tmp/tsible-fixture/nodir/x', 'run: chown -- root:nogroup /tmp/tsible-fixture/nodir/x']);
    });
    it('an existing directory with the right attributes: converged', () => {
      expect(plan({ state: 'directory', mode: '0755', owner: 'root' }, statFixture('site-dir'))).to.deep.equal([]);
    });
    it('recurse: one command per distinct fix, links get chown -h and no chmod', () => {
      const changes = plan({ state: 'directory', recurse: true, owner: 'root', mode: 'u=rwX,g=rX,o=rX' }, statFixture('site-tree'));
      expect(changes.map((c) => c.summary)).to.deep.equal(['/tmp/tsible-fixture/site: mode/owner/group fixed on 2 entries below']);
      expect(describeSteps(changes[0].steps)).to.deep.equal([
        'run: chown -- root /tmp/tsible-fixture/site/sub/data',
        'run: chmod 0755 -- /tmp/tsible-fixture/site/sub',
        'run: chmod 0644 -- /tmp/tsible-fixture/site/sub/data',
      ]);
    });
    it('recurse with nothing to fix: converged', () => {
      expect(plan({ recurse: true, group: 'root' }, statFixture('site-tree'))).to.deep.equal([]);
    });
    it('recurse with a group for everything: the directory, then one chown -h for links and one chown for the rest', () => {
      const changes = plan({ recurse: true, group: 'www-data' }, statFixture('site-tree'));
      expect(changes.map((c) => [c.summary, describeSteps(c.steps)])).to.deep.equal([
        ['/tmp/tsible-fixture/site: group root → www-data', ['run: chown -- :www-data /tmp/tsible-fixture/site']],
        ['/tmp/tsible-fixture/site: mode/owner/group fixed on 5 entries below', [
          'run: chown -h -- :www-data /tmp/tsible-fixture/site/home.html',
          'run: chown -- :www-data /tmp/tsible-fixture/site/run.sh /tmp/tsible-fixture/site/index.html /tmp/tsible-fixture/site/sub /tmp/tsible-fixture/site/sub/data',
        ]],
      ]);
    });
    it('a file in the way is an error', () => {
      expect(() => plan({ state: 'directory' }, statFixture('nobody'))).to.throw(/exists and is a file, not a directory/);
    });
  });

  describe('state file and touch', () => {
    it('file: fixes attributes of an existing file, never creates one', () => {
      expect(plan({ mode: '0600' }, statFixture('authkeys-converged'))).to.deep.equal([]);
      expect(plan({ mode: '0600', owner: 'root' }, statFixture('authkeys-0644')).map((c) => c.summary)).to.deep.equal(['/tmp/tsible-fixture/authkeys-0644: mode 0644 → 0600']);
      expect(() => plan({}, statFixture('absent'))).to.throw(/does not exist \(state file never creates files/);
      expect(() => plan({}, statFixture('site-dir'))).to.throw(/is a directory, not a regular file/);
    });
    it('touch: creates an empty file atomically with its mode; an existing one is left alone (second run ok)', () => {
      const [c] = plan({ state: 'touch', mode: '0640', group: 'nogroup' }, statFixture('absent'));
      expect(c.summary).to.equal('create empty /tmp/tsible-fixture/missing (mode 0640)');
      expect(describeSteps(c.steps)).to.deep.equal(['put: /tmp/tsible-fixture/missing 0640 :nogroup']);
      expect(plan({ state: 'touch' }, statFixture('nobody'))).to.deep.equal([]);
      expect(plan({ state: 'touch', mode: '0600' }, statFixture('nobody')).map((c) => c.summary)).to.deep.equal(['/tmp/tsible-fixture/nobody: mode 0640 → 0600']);
    });
  });

  describe('state absent', () => {
    it('removes a file, a link or a whole directory; a missing path is converged', () => {
      expect(plan({ state: 'absent' }, statFixture('absent'))).to.deep.equal([]);
      expect(plan({ state: 'absent' }, statFixture('nobody')).map((c) => [c.summary, describeSteps(c.steps)])).to.deep.equal([
        ['remove file /tmp/tsible-fixture/nobody', ['run: rm -rf -- /tmp/tsible-fixture/nobody']],
      ]);
      expect(plan({ state: 'absent' }, statFixture('site-dir'))[0].summary).to.equal('remove directory /tmp/tsible-fixture/site and everything in it');
      expect(plan({ state: 'absent' }, statFixture('link'))[0].summary).to.equal('remove symbolic link /tmp/tsible-fixture/link');
    });
  });

  describe('state link', () => {
    it('a link to the same target: converged; owner fixed with chown -h', () => {
      expect(plan({ src: 'authkeys' }, statFixture('link'))).to.deep.equal([]);
      expect(plan({ src: 'authkeys', owner: 'nobody' }, statFixture('link')).map((c) => describeSteps(c.steps))).to.deep.equal([['run: chown -h -- nobody /tmp/tsible-fixture/link']]);
    });
    it('creates a missing link; re-points one elsewhere through a temp link renamed over it', () => {
      const [created] = plan({ src: '/etc/hosts' }, statFixture('absent'));
      expect(created.summary).to.equal('create symbolic link /tmp/tsible-fixture/missing → /etc/hosts');
      expect(shell(created)).to.contain("ln -s -- /etc/hosts /tmp/tsible-fixture/.missing.tsible-link\n").and.contain('mv -Tf -- /tmp/tsible-fixture/.missing.tsible-link /tmp/tsible-fixture/missing');
      const [moved] = plan({ src: "it's here" }, statFixture('link'));
      expect(moved.summary).to.equal("/tmp/tsible-fixture/link: symbolic link to authkeys → symbolic link to it's here");
      expect(moved.diff).to.deep.equal({ path: '/tmp/tsible-fixture/link', before: 'symbolic link to authkeys\n', after: "symbolic link to it's here\n" });
      expect(shell(moved)).to.contain(`ln -s -- 'it'\\''s here' `);
    });
    it('a regular file is replaced only with force; a directory never', () => {
      expect(() => plan({ src: 'x' }, statFixture('nobody'))).to.throw(/is a regular file; set force: true/);
      expect(plan({ src: 'x', force: true }, statFixture('nobody'))).to.have.length(1);
      expect(() => plan({ src: 'x', force: true }, statFixture('site-dir'))).to.throw(/is a directory; it cannot become a symbolic link/);
    });
  });

  describe('arguments', () => {
    const bad: [Record<string, unknown>, string, RegExp][] = [
      [{ path: '/x', state: 'link' }, 'src', /needs src/],
      [{ path: '/x', state: 'directory', src: '/y' }, 'src', /only for state link/],
      [{ path: '/x', src: '/y', mode: '0644' }, 'mode', /no mode of its own/],
      [{ path: '/x', state: 'file', recurse: true }, 'recurse', /only for state directory/],
      [{ path: '/', state: 'absent' }, 'path', /refusing to remove \//],
      [{ path: '//', state: 'absent' }, 'path', /must be a file path|refusing/],
      [{ path: 'rel', state: 'touch' }, 'path', /absolute/],
      [{ path: '/x', state: 'hard' }, 'state', /one of file, directory, absent, link, touch/],
      [{ path: '/x', mode: 'rwx' }, 'mode', /mode/],
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
    it('the default state follows the arguments: link with src, directory with recurse, else file', () => {
      expect(plan({ src: 'authkeys' }, statFixture('link'))).to.deep.equal([]);
      expect(plan({ recurse: true }, statFixture('site-tree'))).to.deep.equal([]);
      expect(() => plan({}, statFixture('absent'))).to.throw(/state file never creates/);
    });
  });
});
