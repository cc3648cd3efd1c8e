// file-stat fact: parsing real output recorded on web1, and the script run for real on this machine (odd names, links, trees).
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync, mkdirSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FactError } from '../../../core/errors.ts';
import { type FileStatOptions, fileStat, fileStatScript, parseFileStat } from '../../../modules/facts/file-stat.ts';
import { statFixture } from '../support/file-stat-fixture.ts';

describe('file-stat fact', () => {
  describe('parse (real output of web1)', () => {
    it('a missing path, with and without its directory', () => {
      expect(statFixture('absent')).to.deep.equal({ path: '/tmp/tsible-fixture/missing', type: 'absent', parentIsDir: true });
      expect(statFixture('absent-no-parent')).to.deep.equal({ path: '/tmp/tsible-fixture/nodir/x', type: 'absent', parentIsDir: false });
    });
    it('a regular file: mode, owner, group, ids, size, sha256 and content', () => {
      const s = statFixture('authkeys-converged');
      expect(s).to.include({ type: 'file', mode: 0o600, owner: 'root', group: 'root', uid: 0, gid: 0, size: 29, parentIsDir: true });
      expect(s.sha256).to.match(/^[0-9a-f]{64}$/);
      expect(s.content?.toString()).to.equal('auth 1\n1 sha1 s3cr3t-fixture\n');
    });
    it('a file owned by nobody:nogroup keeps names and ids', () => {
      expect(statFixture('nobody')).to.include({ mode: 0o640, owner: 'nobody', group: 'nogroup', uid: 65534, gid: 65534 });
    });
    it('a symlink is not followed: type link with its target, no checksum', () => {
      const s = statFixture('link');
      expect(s).to.include({ type: 'link', linkTarget: 'authkeys' });
      expect(s.sha256).to.equal(undefined);
    });
    it('binary bytes survive (base64)', () => {
      expect(statFixture('binary').content).to.deep.equal(Buffer.from([0x41, 0, 0x42, 0xff, 0x0a]));
    });
    it('a file over the content limit has a checksum but no content', () => {
      const s = statFixture('big');
      expect(s).to.include({ size: 2048 });
      expect(s.sha256).to.match(/^[0-9a-f]{64}$/);
      expect(s.content).to.equal(undefined);
    });
    it('a directory tree lists every entry with type, mode and owner', () => {
      const s = statFixture('site-tree');
      expect(s.type).to.equal('directory');
      const byRel = Object.fromEntries((s.tree ?? []).map((e) => [e.rel, e]));
      expect(Object.keys(byRel).sort()).to.deep.equal(['home.html', 'index.html', 'run.sh', 'sub', 'sub/data']);
      expect(byRel['sub/data']).to.include({ type: 'file', mode: 0o600, owner: 'nobody', uid: 65534, group: 'root' });
      expect(byRel['home.html']).to.include({ type: 'link' });
      expect(byRel.sub).to.include({ type: 'directory', mode: 0o700 });
    });
    it('a failed or garbled read is a FactError naming the path', () => {
      expect(() => parseFileStat('/x', { code: 3, stdout: '', stderr: 'stat: boom' })).to.throw(FactError, /\/x.*boom/);
      expect(() => parseFileStat('/x', { code: 0, stdout: 'hello\n', stderr: '' })).to.throw(FactError, /\/x/);
    });
    it('facts of different options are cached apart', () => {
      expect(fileStat('/a').name).to.not.equal(fileStat('/a', { content: true }).name);
      expect(fileStat('/a').name).to.not.equal(fileStat('/b').name);
    });
  });

  describe('the script, run on this machine', () => {
    let dir: string;
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'tsible-stat-'));
    });
    after(() => rmSync(dir, { recursive: true, force: true }));
    const stat = (path: string, opts: FileStatOptions = {}) =>
      parseFileStat(path, { code: 0, stdout: execFileSync('sh', ['-c', fileStatScript(path, opts)], { env: { ...process.env, LC_ALL: 'C' } }).toString('utf8'), stderr: '' });

    it("quotes names with quotes, spaces, $ and newlines", () => {
      const name = join(dir, "it's a $HOME\nfile");
      writeFileSync(name, 'x');
      const s = stat(name, { content: true });
      expect(s).to.include({ type: 'file', path: name });
      expect(s.content?.toString()).to.equal('x');
    });
    it('follow resolves a chain of links, even to a missing file', () => {
      writeFileSync(join(dir, 'real'), 'r');
      symlinkSync('real', join(dir, 'l1'));
      symlinkSync(join(dir, 'l1'), join(dir, 'l2'));
      symlinkSync('nowhere', join(dir, 'dangling'));
      expect(stat(join(dir, 'l2'), { follow: true })).to.include({ type: 'file', path: join(dir, 'real') });
      expect(stat(join(dir, 'l2'))).to.include({ type: 'link', linkTarget: join(dir, 'l1') });
      expect(stat(join(dir, 'dangling'), { follow: true })).to.include({ type: 'absent', path: join(dir, 'nowhere') });
    });
    it('lists a tree with names holding spaces and newlines', () => {
      mkdirSync(join(dir, 't/a b'), { recursive: true });
      writeFileSync(join(dir, 't/a b/c\nd'), '');
      chmodSync(join(dir, 't/a b/c\nd'), 0o640);
      chmodSync(join(dir, 't/a b'), 0o755);
      const s = stat(join(dir, 't'), { tree: true });
      expect(s.tree?.map((e) => [e.rel, e.mode]).sort()).to.deep.equal([['a b', 0o755], ['a b/c\nd', 0o640]]);
    });
  });
});
