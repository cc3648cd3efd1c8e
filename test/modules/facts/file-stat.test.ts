// file-stat fact: parsing real recorded output, and the script run for real on this machine through the local transport (odd names, links, trees).
import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FactError } from '../../../core/errors.ts';
import { LocalTransport } from '../../../core/transport/local.ts';
import { type FileStatOptions, fileStat, fileStatScript, parseFileStat } from '../../../modules/facts/file-stat.ts';
import { statFixture } from '../support/file-stat-fixture.ts';

describe('file-stat fact', () => {
  describe('parse (real output, recorded by test/fixtures/modules/file-stat/record.ts)', () => {
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
    const transport = new LocalTransport('localhost', { commandTimeoutMs: 20_000 });
    const stat = async (path: string, opts: FileStatOptions = {}) => {
      const fact = fileStat(path, opts);
      return fact.parse(await transport.run(fact.command));
    };
    const sha = (text: string) => createHash('sha256').update(text).digest('hex');

    it("quotes names with quotes, spaces, $ and newlines", async () => {
      const name = join(dir, "it's a $HOME\nfile");
      writeFileSync(name, 'x');
      const s = await stat(name, { content: true });
      expect(s).to.include({ type: 'file', path: name });
      expect(s.content?.toString()).to.equal('x');
    });
    it('follow resolves a chain of links, even to a missing file', async () => {
      writeFileSync(join(dir, 'real'), 'r');
      symlinkSync('real', join(dir, 'l1'));
      symlinkSync(join(dir, 'l1'), join(dir, 'l2'));
      symlinkSync('nowhere', join(dir, 'dangling'));
      expect(await stat(join(dir, 'l2'), { follow: true })).to.include({ type: 'file', path: join(dir, 'real') });
      expect(await stat(join(dir, 'l2'))).to.include({ type: 'link', linkTarget: join(dir, 'l1') });
      expect(await stat(join(dir, 'dangling'), { follow: true })).to.include({ type: 'absent', path: join(dir, 'nowhere'), parentIsDir: true });
      symlinkSync(join(dir, 'nodir/x'), join(dir, 'dangling-deep'));
      expect(await stat(join(dir, 'dangling-deep'), { follow: true })).to.include({ type: 'absent', path: join(dir, 'nodir/x'), parentIsDir: false });
    });
    it('lists a tree with names holding spaces and newlines', async () => {
      mkdirSync(join(dir, 't/a b'), { recursive: true });
      writeFileSync(join(dir, 't/a b/c\nd'), '');
      chmodSync(join(dir, 't/a b/c\nd'), 0o640);
      chmodSync(join(dir, 't/a b'), 0o755);
      const s = await stat(join(dir, 't'), { tree: true });
      expect(s.tree?.map((e) => [e.rel, e.mode]).sort()).to.deep.equal([['a b', 0o755], ['a b/c\nd', 0o640]]);
    });
    it('keeps a trailing newline of a name, followed or read as a link target', async () => {
      const target = join(dir, "odd 'target'\n");
      writeFileSync(target, 'odd');
      symlinkSync(target, join(dir, 'to-odd'));
      expect(await stat(target, { content: true })).to.include({ type: 'file', path: target, size: 3 });
      expect(await stat(join(dir, 'to-odd'))).to.include({ type: 'link', linkTarget: target });
      const followed = await stat(join(dir, 'to-odd'), { follow: true, content: true });
      expect(followed).to.include({ type: 'file', path: target, sha256: sha('odd') });
      expect(followed.content?.toString()).to.equal('odd');
    });
    it('mode with setuid/sticky bits, owner and ids of a directory; a file in a missing directory', async () => {
      mkdirSync(join(dir, 'sticky'));
      chmodSync(join(dir, 'sticky'), 0o1777);
      expect(await stat(join(dir, 'sticky'))).to.include({ type: 'directory', mode: 0o1777, owner: 'root', uid: 0, gid: 0, parentIsDir: true });
      expect(await stat(join(dir, 'sticky/'))).to.include({ type: 'directory', parentIsDir: true });
      expect(await stat(join(dir, 'missing/x'))).to.deep.equal({ path: join(dir, 'missing/x'), type: 'absent', parentIsDir: false });
      expect(await stat('/')).to.include({ type: 'directory', parentIsDir: true });
    });
    it('content: the checksum comes with it; contentUnlessSha256 leaves it out when the file holds those bytes', async () => {
      const f = join(dir, 'same');
      writeFileSync(f, 'same bytes\n');
      const whole = await stat(f, { content: true });
      expect(whole).to.include({ sha256: sha('same bytes\n'), size: 11 });
      expect(whole.content?.toString()).to.equal('same bytes\n');
      const same = await stat(f, { content: true, contentUnlessSha256: sha('same bytes\n') });
      expect(same).to.include({ type: 'file', sha256: sha('same bytes\n') });
      expect(same.content).to.equal(undefined);
      const other = await stat(f, { content: true, contentUnlessSha256: sha('new bytes\n') });
      expect(other.content?.toString()).to.equal('same bytes\n');
      const big = await stat(f, { content: true, maxContentBytes: 4 });
      expect(big).to.include({ sha256: sha('same bytes\n') });
      expect(big.content).to.equal(undefined);
      expect(fileStat(f, { content: true }).name).to.not.equal(fileStat(f, { content: true, contentUnlessSha256: sha('x') }).name);
    });
    it('a file it cannot read is a FactError, not an empty checksum', async () => {
      const open = mkdtempSync(join(tmpdir(), 'tsible-stat-open-'));
      try {
        chmodSync(open, 0o755);
        const f = join(open, 'root-only');
        writeFileSync(f, 'x', { mode: 0o600 });
        // As nobody: the path can be seen and stat'ed, but not read.
        const fact = fileStat(f);
        const r = await transport.run(['setpriv', '--reuid=nobody', '--regid=nogroup', '--clear-groups', 'sh', '-c', fileStatScript(f)]);
        expect(r.code).to.equal(3);
        expect(() => fact.parse(r)).to.throw(FactError, /cannot stat .*root-only.*Permission denied/);
      } finally {
        rmSync(open, { recursive: true, force: true });
      }
    });
  });
});
