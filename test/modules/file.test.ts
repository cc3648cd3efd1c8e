// file: plan() for every state over stats recorded on web1 (files, a directory tree, links), and bad arguments.
import { expect } from 'chai';
import { ArgsError } from '../../core/errors.ts';
import { prepareArgs } from '../../core/engine/run-module.ts';
import type { FactDefinition } from '../../core/facts.ts';
import type { Change, ModuleContext } from '../../core/module.ts';
import type { FileStat } from '../../modules/facts/file-stat.ts';
import { file, type FileArgs } from '../../modules/file.ts';
import { describeSteps, statFixture } from './support/file-stat-fixture.ts';

const args = (raw: Record<string, unknown>): FileArgs => prepareArgs(file, raw, {}, { task: 't' });
const plan = (raw: Record<string, unknown>, stat: FileStat): Change[] => file.plan(args({ path: stat.path, ...raw }), { stat });
const shell = (c: Change): string => {
  const s = c.steps[0];
  return s.kind === 'run' && !Array.isArray(s.command) ? String((s.command as { shell: string }).shell) : '';
};

/**
 * gather() over recorded stats (by path; path-links answered with nothing asked), recording each read: one read is one
 * round trip to the host (the @lab tests cover the reads themselves).
 */
async function gatherReads(raw: Record<string, unknown>, stats: Record<string, FileStat>): Promise<string[]> {
  const reads: string[] = [];
  const get = async (def: FactDefinition<unknown>) => {
    const [kind, rest] = [def.name.slice(0, def.name.indexOf(':')), def.name.slice(def.name.indexOf(':') + 1)];
    if (kind !== 'file-stat') {
      reads.push(kind);
      return {};
    }
    const path = (JSON.parse(rest) as string[])[0];
    reads.push(path);
    if (!stats[path]) throw new Error(`no stat for ${path}`);
    return stats[path];
  };
  const ctx = { vars: {}, baseDir: '/', where: { host: 'web1', task: 't' }, facts: { get, invalidate() {} } } as unknown as ModuleContext;
  await file.gather(ctx, args(raw));
  return reads;
}

describe('file module', () => {
  describe('round trips (gather)', () => {
    it('a link already pointing at src: its stat and src\'s, nothing else', async () => {
      const link = statFixture('link'); // /tmp/tsible-fixture/link -> authkeys
      const src = statFixture('authkeys-converged');
      expect(await gatherReads({ path: link.path, state: 'link', src: 'authkeys' }, { [link.path]: link, [src.path]: src })).to.deep.equal([link.path, src.path]);
    });
    it('a new directory whose parent exists: one read; with a missing parent, the parents are asked too', async () => {
      const absent = statFixture('absent');
      expect(await gatherReads({ path: absent.path, state: 'directory' }, { [absent.path]: absent })).to.deep.equal([absent.path]);
      const orphan = statFixture('absent-no-parent');
      expect(await gatherReads({ path: orphan.path, state: 'directory' }, { [orphan.path]: orphan })).to.deep.equal([orphan.path, 'path-links']);
    });
  });

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
      expect(() => plan({ state: 'directory' }, statFixture('nobody'))).to.throw(/already exists as a file/);
    });
  });

  describe('state file and touch', () => {
    it('file: fixes attributes of an existing file, never creates one', () => {
      expect(plan({ mode: '0600' }, statFixture('authkeys-converged'))).to.deep.equal([]);
      expect(plan({ mode: '0600', owner: 'root' }, statFixture('authkeys-0644')).map((c) => c.summary)).to.deep.equal(['/tmp/tsible-fixture/authkeys-0644: mode 0644 → 0600']);
      expect(() => plan({}, statFixture('absent'))).to.throw(/is absent, cannot continue \(state file never creates files/);
      expect(() => plan({ state: 'file' }, statFixture('site-dir'))).to.throw(/is directory, cannot continue/);
      // No state on a directory: Ansible takes the state it has (directory) and fixes its attributes.
      expect(plan({ mode: '0700' }, statFixture('site-dir')).map((c) => c.summary)).to.deep.equal(['/tmp/tsible-fixture/site: mode 0755 → 0700']);
    });
    it('touch: creates an empty file atomically with its mode; an existing one gets its times updated (changed on every run, as Ansible)', () => {
      const [c] = plan({ state: 'touch', mode: '0640', group: 'nogroup' }, statFixture('absent'));
      expect(c.summary).to.equal('create empty /tmp/tsible-fixture/missing (mode 0640)');
      expect(describeSteps(c.steps)).to.deep.equal(['put: /tmp/tsible-fixture/missing 0640 :nogroup']);
      expect(plan({ state: 'touch' }, statFixture('nobody')).map((c) => [c.summary, describeSteps(c.steps)])).to.deep.equal([
        ['/tmp/tsible-fixture/nobody: access and modification times → now', ['run: touch -c -- /tmp/tsible-fixture/nobody']],
      ]);
      expect(plan({ state: 'touch', mode: '0600', accessTime: 'preserve', modificationTime: 'preserve' }, statFixture('nobody')).map((c) => c.summary)).to.deep.equal(['/tmp/tsible-fixture/nobody: mode 0640 → 0600']);
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
    it('a link to the same target: converged; with follow: false the owner is fixed on the link with chown -h', () => {
      expect(plan({ state: 'link', src: 'authkeys' }, statFixture('link'))).to.deep.equal([]);
      expect(plan({ state: 'link', src: 'authkeys', owner: 'nobody', follow: false }, statFixture('link')).map((c) => describeSteps(c.steps))).to.deep.equal([['run: chown -h -- nobody /tmp/tsible-fixture/link']]);
    });
    it('with follow (the default) mode and owner go to what the link points to', () => {
      const t = statFixture('authkeys-0644');
      const changes = file.plan(args({ path: '/tmp/tsible-fixture/link', state: 'link', src: 'authkeys', mode: '0600' }), { stat: statFixture('link'), srcStat: t });
      expect(changes.map((c) => describeSteps(c.steps))).to.deep.equal([['run: chmod 0600 -- /tmp/tsible-fixture/authkeys-0644']]);
    });
    it('a src that does not exist is refused unless force', () => {
      const links = { srcExists: false };
      expect(() => file.plan(args({ path: '/tmp/tsible-fixture/missing', state: 'link', src: '/nonexistent' }), { stat: statFixture('absent'), links })).to.throw(/src file does not exist, use force/);
      expect(file.plan(args({ path: '/tmp/tsible-fixture/missing', state: 'link', src: '/nonexistent', force: true }), { stat: statFixture('absent'), links })).to.have.length(1);
    });
    it('creates a missing link; re-points one elsewhere through a temp link renamed over it', () => {
      const [created] = plan({ state: 'link', src: '/etc/hosts' }, statFixture('absent'));
      expect(created.summary).to.equal('create symbolic link /tmp/tsible-fixture/missing → /etc/hosts');
      expect(shell(created)).to.contain("ln -s -- /etc/hosts /tmp/tsible-fixture/.missing.tsible-link\n").and.contain('mv -Tf -- /tmp/tsible-fixture/.missing.tsible-link /tmp/tsible-fixture/missing');
      const [moved] = plan({ state: 'link', src: "it's here" }, statFixture('link'));
      expect(moved.summary).to.equal("/tmp/tsible-fixture/link: symbolic link to authkeys → symbolic link to it's here");
      expect(moved.diff).to.deep.equal({ path: '/tmp/tsible-fixture/link', before: 'symbolic link to authkeys\n', after: "symbolic link to it's here\n" });
      expect(shell(moved)).to.contain(`ln -s -- 'it'\\''s here' `);
    });
    it('a regular file is replaced only with force; a directory only with force when empty', () => {
      expect(() => plan({ state: 'link', src: 'x' }, statFixture('nobody'))).to.throw(/refusing to convert from file to symlink/);
      expect(plan({ state: 'link', src: 'x', force: true }, statFixture('nobody'))).to.have.length(1);
      expect(() => plan({ state: 'link', src: 'x' }, statFixture('site-dir'))).to.throw(/refusing to convert from directory to symlink/);
      expect(() => plan({ state: 'link', src: 'x', force: true }, statFixture('site-dir'))).to.throw(/is not empty, refusing to convert it/);
      const [c] = file.plan(args({ path: '/tmp/tsible-fixture/site', state: 'link', src: 'x', force: true }), { stat: statFixture('site-dir'), links: { dirEmpty: true } });
      expect(shell(c)).to.contain("rmdir -- /tmp/tsible-fixture/site");
    });
    it('src without state link or hard is an error (as Ansible)', () => {
      expect(() => plan({ src: 'x' }, statFixture('absent'))).to.throw(/src option requires state to be 'link' or 'hard'/);
    });
  });

  describe('arguments', () => {
    const bad: [Record<string, unknown>, string, RegExp][] = [
      [{ path: '/x', state: 'link' }, 'src', /needs src/],
      [{ path: '/x', state: 'hard' }, 'src', /needs src/],
      [{ path: '/x', state: 'file', recurse: true }, 'recurse', /recurse option requires state to be 'directory'/],
      [{ path: '/x', state: 'touch', src: '/y' }, 'src', /src option requires state to be 'link' or 'hard'/],
      [{ path: '/x', accessTime: 'yesterday' }, 'accessTime', /now, preserve or a time/],
      [{ path: '/x', modificationTime: 'now', modificationTimeFormat: '%s' }, 'modificationTimeFormat', /only the format/],
      [{ path: '/', state: 'absent' }, 'path', /refusing to remove \//],
      [{ path: '//', state: 'absent' }, 'path', /must be a file path|refusing/],
      [{ path: '', state: 'touch' }, 'path', /must be a path/],
      [{ path: '/x', state: 'fifo' }, 'state', /one of file, directory, absent, link, hard, touch/],
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
    it('a folder path ending in / names the folder (state directory, absent, touch, default), as in Ansible; a file or link path may not', () => {
      expect(args({ path: '/srv/www/', state: 'directory' }).path).to.equal('/srv/www');
      expect(args({ path: '/srv/www//', state: 'absent' }).path).to.equal('/srv/www');
      expect(args({ path: 'rel/' }).path).to.equal('rel');
      expect(() => args({ path: '/srv/x/', state: 'file' })).to.throw(/no trailing/);
      expect(() => args({ path: '/srv/x/', state: 'link', src: '/y' })).to.throw(/no trailing/);
    });
    it('the default state is what the path is now; for a missing path directory with recurse, else file', () => {
      expect(plan({}, statFixture('link'))).to.deep.equal([]);
      expect(plan({ recurse: true }, statFixture('site-tree'))).to.deep.equal([]);
      expect(() => plan({}, statFixture('absent'))).to.throw(/state file never creates/);
      expect(() => plan({ recurse: true }, statFixture('nobody'))).to.throw(/recurse option requires state to be 'directory'/);
    });
  });
});
