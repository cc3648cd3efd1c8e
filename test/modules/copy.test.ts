// copy: plan() over file stats recorded on web1 (content, mode, owner, links, binary, big files), secrets, bad arguments.
import { expect } from 'chai';
import { fileURLToPath } from 'node:url';
import { ArgsError } from '../../core/errors.ts';
import { prepareArgs } from '../../core/engine/run-module.ts';
import type { FactDefinition } from '../../core/facts.ts';
import type { ModuleContext } from '../../core/module.ts';
import type { Change } from '../../core/module.ts';
import { Secret, isSecret, secret } from '../../core/secret.ts';
import { copy, type CopyArgs, type CopyFacts } from '../../modules/copy.ts';
import type { FileStat } from '../../modules/facts/file-stat.ts';
import { plainContent, secretContent } from '../../modules/lib/file-content.ts';
import { describeSteps, statFixture } from './support/file-stat-fixture.ts';

const AUTHKEYS = 'auth 1\n1 sha1 s3cr3t-fixture\n';
const args = (raw: Record<string, unknown>): CopyArgs => prepareArgs(copy, raw, {}, { task: 't' });
const facts = (stat: FileStat, content: string | Buffer | Secret): CopyFacts => ({
  files: [{ dest: stat, content: isSecret(content) ? secretContent(content) : plainContent(content) }],
  dirs: [],
  links: [],
  dest: stat.path,
});
const plan = (raw: Record<string, unknown>, stat: FileStat, content: string | Buffer | Secret): Change[] => copy.plan(args({ dest: stat.path, ...raw }), facts(stat, content));

/**
 * gather() with a fact cache that answers each file-stat read with a stat recorded on web1 (by path; the
 * host read itself is covered by the @lab tests) and records the reads: each is one round trip to the host.
 */
async function gather(raw: Record<string, unknown>, stats: Record<string, FileStat>): Promise<{ facts: CopyFacts; reads: string[] }> {
  const reads: string[] = [];
  const get = async (def: FactDefinition<FileStat>) => {
    const path = (JSON.parse(def.name.replace(/^file-stat:/, '')) as string[])[0];
    reads.push(path);
    const stat = stats[path];
    if (!stat) throw new Error(`no stat for ${path}`);
    return stat;
  };
  const ctx = { vars: {}, baseDir: fileURLToPath(new URL('../fixtures/modules/copy/', import.meta.url)), where: { host: 'web1', task: 't' }, facts: { get, invalidate() {} } } as unknown as ModuleContext;
  return { facts: await copy.gather(ctx, args(raw)), reads };
}

describe('copy module', () => {
  describe('round trips (gather)', () => {
    it('a file to a file or an absent path: one read of dest, with its content', async () => {
      const absent = statFixture('absent');
      const r = await gather({ src: 'files/index.html', dest: absent.path }, { [absent.path]: absent });
      expect(r.reads).to.deep.equal([absent.path]);
      const converged = statFixture('authkeys-converged');
      const c = await gather({ content: 'x', dest: converged.path }, { [converged.path]: converged });
      expect(c.reads).to.deep.equal([converged.path]);
      expect(c.facts.files[0].dest).to.equal(converged);
    });
    it('a file to a directory: dest read again, then the file inside it', async () => {
      const dir = statFixture('site-dir');
      const inside = { ...statFixture('absent'), path: `${dir.path}/index.html` };
      const r = await gather({ src: 'files/index.html', dest: dir.path }, { [dir.path]: dir, [inside.path]: inside });
      expect(r.reads).to.deep.equal([dir.path, dir.path, inside.path]);
      expect(r.facts.files[0].dest.path).to.equal(inside.path);
    });
    it('content to a directory: refused', async () => {
      const dir = statFixture('site-dir');
      let error: unknown;
      await gather({ content: 'x', dest: dir.path }, { [dir.path]: dir }).catch((e: unknown) => { error = e; });
      expect(String(error)).to.match(/can not use content with a dir as dest/);
    });
  });

  describe('plan over real stats', () => {
    it('same content, mode and owner: converged', () => {
      expect(plan({ content: AUTHKEYS, mode: '0600', owner: 'root', group: 'root' }, statFixture('authkeys-converged'), AUTHKEYS)).to.deep.equal([]);
    });
    it('numeric ids name the same owner: converged', () => {
      expect(plan({ content: AUTHKEYS, owner: '0', group: '0' }, statFixture('authkeys-converged'), AUTHKEYS)).to.deep.equal([]);
    });
    it('only the mode differs: one chmod, no write', () => {
      const [c, ...rest] = plan({ content: AUTHKEYS, mode: '0600' }, statFixture('authkeys-0644'), AUTHKEYS);
      expect(rest).to.deep.equal([]);
      expect(c.summary).to.equal('/tmp/tsible-fixture/authkeys-0644: mode 0644 → 0600');
      expect(c.diff).to.equal(undefined);
      expect(describeSteps(c.steps)).to.deep.equal(['run: chmod 0600 -- /tmp/tsible-fixture/authkeys-0644']);
    });
    it('owner and symbolic mode differ: chown then chmod', () => {
      const [c] = plan({ content: AUTHKEYS, owner: 'nobody', mode: 'go-rwx' }, statFixture('authkeys-0644'), AUTHKEYS);
      expect(c.summary).to.equal('/tmp/tsible-fixture/authkeys-0644: owner root → nobody, mode 0644 → 0600');
      expect(describeSteps(c.steps)).to.deep.equal(['run: chown -- nobody /tmp/tsible-fixture/authkeys-0644', 'run: chmod 0600 -- /tmp/tsible-fixture/authkeys-0644']);
    });
    it('a new file: one atomic put, mode 0644 by default, with a diff from nothing', () => {
      const [c, ...rest] = plan({ content: 'hello\n' }, statFixture('absent'), 'hello\n');
      expect(rest).to.deep.equal([]);
      expect(c.summary).to.equal('create /tmp/tsible-fixture/missing (6 bytes, mode 0644)');
      expect(c.diff).to.deep.equal({ path: '/tmp/tsible-fixture/missing', before: '', after: 'hello\n' });
      expect(describeSteps(c.steps)).to.deep.equal(['put: /tmp/tsible-fixture/missing 0644 :']);
    });
    it('new content keeps the mode and owner of the existing file (numeric ids)', () => {
      const [c] = plan({ content: 'new\n' }, statFixture('nobody'), 'new\n');
      expect(c.summary).to.equal('update /tmp/tsible-fixture/nobody (4 bytes)');
      expect(c.diff).to.deep.equal({ path: '/tmp/tsible-fixture/nobody', before: 'owned by nobody\n', after: 'new\n' });
      expect(describeSteps(c.steps)).to.deep.equal(['put: /tmp/tsible-fixture/nobody 0640 65534:65534']);
    });
    it('new content and new attributes: one put with them', () => {
      const [c, ...rest] = plan({ content: 'x', mode: 'u=rw', owner: 'root' }, statFixture('nobody'), 'x');
      expect(rest).to.deep.equal([]);
      expect(c.summary).to.equal('update /tmp/tsible-fixture/nobody (1 bytes), owner nobody → root');
      expect(describeSteps(c.steps)).to.deep.equal(['put: /tmp/tsible-fixture/nobody 0640 root:65534']);
    });
    it('backup copies the old file before the put', () => {
      const [c] = plan({ content: 'x', backup: true }, statFixture('nobody'), 'x');
      expect(describeSteps(c.steps)).to.deep.equal(['run: (shell)', 'put: /tmp/tsible-fixture/nobody 0640 65534:65534']);
      const backup = c.steps[0];
      expect(backup.kind === 'run' && !Array.isArray(backup.command) && (backup.command as { shell: string }).shell).to.contain("p=/tmp/tsible-fixture/nobody\n");
    });
    it('validate writes through a checked temp file; with backup, the backup is taken once validation passed', () => {
      expect(describeSteps(plan({ content: 'x', validate: 'grep -q x %s' }, statFixture('nobody'), 'x')[0].steps)).to.deep.equal(['call: write /tmp/tsible-fixture/nobody after `grep -q x %s` accepts it']);
      expect(describeSteps(plan({ content: 'x', backup: true, validate: 'grep -q x %s' }, statFixture('nobody'), 'x')[0].steps)).to.deep.equal(['call: write /tmp/tsible-fixture/nobody after `grep -q x %s` accepts it (old file backed up first)']);
    });
    it('no backup of a file that does not exist yet', () => {
      expect(describeSteps(plan({ content: 'x', backup: true }, statFixture('absent'), 'x')[0].steps)).to.deep.equal(['put: /tmp/tsible-fixture/missing 0644 :']);
    });
    it('a missing directory: the change says so and its first step fails with a clear message', () => {
      const [c] = plan({ content: 'x' }, statFixture('absent-no-parent'), 'x');
      expect(c.summary).to.equal('create /tmp/tsible-fixture/nodir/x (1 bytes, mode 0644) (its directory /tmp/tsible-fixture/nodir does not exist yet)');
      expect(describeSteps(c.steps)[0]).to.equal('call: check that /tmp/tsible-fixture/nodir exists');
    });
    it('a symlink at dest is replaced by a file unless follow', () => {
      const [c] = plan({ content: 'x' }, statFixture('link'), 'x');
      expect(c.summary).to.equal('replace symbolic link /tmp/tsible-fixture/link with a file (1 bytes)');
      expect(c.diff?.before).to.equal('(symbolic link to authkeys)');
    });
    it('binary and oversized files are not shown in diffs', () => {
      expect(plan({ content: 'text\n' }, statFixture('binary'), 'text\n')[0].diff).to.deep.equal({ path: '/tmp/tsible-fixture/binary', before: '(binary file, 5 bytes: not shown)', after: 'text\n' });
      expect(plan({ content: 'text\n' }, statFixture('big'), 'text\n')[0].diff?.before).to.equal('(2048 bytes: larger than the diff limit, not shown)');
      expect(plan({ content: 'x' }, statFixture('absent'), Buffer.from([0, 1, 2]))[0].diff?.after).to.match(/^\(binary content, 3 bytes, sha256 [0-9a-f]{64}: not shown\)$/);
    });
    it('new content over the diff limit (1 MiB) is not shown either', () => {
      const big = 'x'.repeat(1024 * 1024 + 1);
      expect(plan({ content: big }, statFixture('absent'), big)[0].diff?.after).to.equal('(1048577 bytes: larger than the diff limit, not shown)');
    });
    it('a binary file with the same bytes is converged', () => {
      expect(plan({ src: 'x' }, statFixture('binary'), Buffer.from([0x41, 0, 0x42, 0xff, 0x0a]))).to.deep.equal([]);
    });
    it('force false: an existing file is left alone (content and attributes), a missing one is created', () => {
      expect(plan({ content: 'other', force: false }, statFixture('authkeys-converged'), 'other')).to.deep.equal([]);
      // As Ansible: an existing dest is skipped entirely, its mode is not fixed either.
      expect(plan({ content: 'other', force: false, mode: '0644' }, statFixture('authkeys-converged'), 'other')).to.deep.equal([]);
      expect(plan({ content: 'other', force: false }, statFixture('absent'), 'other')).to.have.length(1);
    });
    it('a directory at dest is an error naming it', () => {
      expect(() => plan({ content: 'x' }, statFixture('site-dir'), 'x')).to.throw(/\/tmp\/tsible-fixture\/site is a directory/);
    });
  });

  describe('secret content', () => {
    const key = secret('1 sha1 s3cr3t-fixture');
    it('is written as a Secret, and neither diff nor summary shows it or the old content', () => {
      const [c] = plan({ content: key, mode: '0600' }, statFixture('authkeys-old-secret'), key);
      expect(c.diff).to.deep.equal({ path: '/tmp/tsible-fixture/authkeys-old', before: '*** (content hidden: it is secret)', after: '*** (content hidden: it is secret)' });
      const put = c.steps[0];
      expect(put.kind === 'put' && isSecret(put.content) && put.content.reveal()).to.equal('1 sha1 s3cr3t-fixture');
      const printed = JSON.stringify(c) + String(c.summary);
      expect(printed).to.not.contain('s3cr3t');
      expect(printed).to.not.contain('old-secret-value');
    });
    it('the output has no checksum of a secret', () => {
      const f = facts(statFixture('absent'), key);
      expect(copy.output!(args({ dest: '/x', content: key }), f, [], false)).to.deep.equal({ dest: '/tmp/tsible-fixture/missing', size: 21 });
      expect(copy.output!(args({ dest: '/x', content: 'a' }), facts(statFixture('absent'), 'a'), [], false)).to.have.property('checksum');
    });
  });

  describe('arguments', () => {
    const bad: [Record<string, unknown>, string, RegExp][] = [
      [{ dest: '/x' }, 'src', /exactly one of content and src/],
      [{ dest: '/x', content: 'a', src: 'b' }, 'content', /exactly one/],
      [{ dest: '', content: 'a' }, 'dest', /must be a path/],
      [{ dest: '/x', content: 'a', mode: 'preserve' }, 'mode', /preserve needs src/],
      [{ dest: '/x', src: 'a', mode: 644 }, 'mode', /the number 644 is 0o1204/],
      [{ dest: '/etc/', content: 'a' }, 'dest', /can not use content with a dir as dest/],
      [{ dest: '/x', content: 'a', validate: 'visudo -c' }, 'validate', /%s/],
      [{ dest: '/x', content: 'a', validate: "sh -c 'x %s" }, 'validate', /quote/],
      [{ dest: '/x', content: 'a', mode: '999' }, 'mode', /mode/],
      [{ dest: '/x', content: 'a', colour: 'red' }, 'colour', /unknown argument/],
      [{ content: 'a' }, 'dest', /requires/],
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
        expect((err as ArgsError).where).to.include({ field, task: 't' });
        expect((err as Error).message).to.match(message);
      });
    }
    it('path is an alias of dest; ad hoc strings are coerced', () => {
      expect(args({ path: '/x', content: 'a', backup: 'yes', mode: '600' })).to.include({ dest: '/x', backup: true, mode: '0600', force: true });
    });
  });
});
