// The local transport: same semantics as SSH on the control machine (sh, LC_ALL=C, env/cwd, stdin, timeout, sudo, atomic put).
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { CommandError, TimeoutError } from '../../../core/errors.ts';
import { LocalTransport } from '../../../core/transport/local.ts';
import { needsRoot } from '../../support/needs.ts';

describe('LocalTransport', () => {
  const t = new LocalTransport('localhost', { commandTimeoutMs: 60_000 });
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'tsible-local-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('runs through sh with LC_ALL=C, env and cwd; returns status, stdout, stderr', async () => {
    await t.connect();
    const r = await t.run({ shell: 'echo "$LC_ALL $A"; pwd; echo e >&2; exit 4' }, { env: { A: "it's" }, cwd: dir });
    expect(r).to.include({ code: 4, stdout: `C it's\n${dir}\n`, stderr: 'e\n' });
  });

  it('is binary-safe on stdin/stdout', async () => {
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => i & 0xff));
    const r = await t.run(['cat'], { stdin: bytes });
    expect(r.stdoutRaw!.equals(bytes)).to.equal(true);
  });

  it('copes with a command that exits without reading a large stdin', async () => {
    const r = await t.run({ shell: 'exit 5' }, { stdin: Buffer.alloc(8 * 1024 * 1024) });
    expect(r.code).to.equal(5);
  });

  it('kills a command past its timeout, with its whole process group', async () => {
    const marker = join(dir, 'survived');
    const err = await t.run({ shell: `(sleep 1; touch ${marker}) & sleep 5` }, { timeoutMs: 200 }).catch((e) => e);
    expect(err).to.be.instanceOf(TimeoutError);
    await new Promise((r) => setTimeout(r, 1300));
    expect(() => statSync(marker)).to.throw();
  });

  it('writes files atomically with the final mode', async () => {
    const path = join(dir, 'f.conf');
    await t.put(path, 'hello\n', { mode: 0o600 });
    expect(readFileSync(path, 'utf8')).to.equal('hello\n');
    expect((statSync(path).mode & 0o7777).toString(8)).to.equal('600');
  });

  describe('become (root here)', function () {
    before(function () {
      needsRoot(this);
    });
    it('runs as another user through sudo, stdin intact', async () => {
      const r = await t.run(['sh', '-c', 'id -un; cat'], { become: { user: 'nobody' }, stdin: 'in' });
      expect(r).to.include({ code: 0, stdout: 'nobody\nin' });
    });
    it('puts a file owned by another user', async () => {
      const path = join(dir, 'owned');
      await t.put(path, 'x', { mode: 0o640, owner: 'nobody', group: 'nogroup', become: {} });
      const st = statSync(path);
      expect([st.uid, st.gid, (st.mode & 0o7777).toString(8)]).to.deep.equal([65534, 65534, '640']);
    });
    it('reports an unknown become user clearly', async () => {
      const err = await t.run(['true'], { become: { user: 'no-such-user-tsible' } }).catch((e) => e);
      expect(err).to.be.instanceOf(CommandError);
      expect(String(err)).to.match(/become: sudo did not run the command as "no-such-user-tsible".*unknown user/);
    });
  });

  it('refuses to run after close()', async () => {
    const x = new LocalTransport('localhost', { commandTimeoutMs: 1000 });
    await x.close();
    expect(await x.run(['true']).catch((e) => e)).to.have.property('name', 'ConnectError');
  });
});
