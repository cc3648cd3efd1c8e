// hostname against real lab hosts: renames container web3 and back (restoring its exact files); check mode only on VM lb2.
import { expect } from 'chai';
import { ArgsError } from '../../core/errors.ts';
import { hostname } from '../../modules/hostname.ts';
import { useLab } from '../support/lab.ts';
import { expectNotFailed, useLabRunner } from './support/lab-run.ts';

const NEW_NAME = 'tsible-test-web3';

describe('hostname on lab hosts @lab', function () {
  this.timeout(180_000);
  const lab = useLab('chapter4');
  const runner = useLabRunner(lab);
  const saved: { hostname?: string; hosts?: string } = {};

  /** Everything the module may touch: the live name, both files' checksums and modes. */
  const state = async (host: string): Promise<string> => {
    const r = await runner.exec(host, ['sh', '-c', 'hostname; sha256sum /etc/hostname /etc/hosts; stat -c "%n %a %U:%G" /etc/hostname /etc/hosts']);
    expect(r.code, r.stderr).to.equal(0);
    return r.stdout;
  };

  before(async () => {
    saved.hostname = (await runner.exec('web3', ['cat', '/etc/hostname'])).stdout;
    saved.hosts = (await runner.exec('web3', ['cat', '/etc/hosts'])).stdout;
    expect(saved.hostname.trim()).to.equal('web3');
  });
  after(async () => {
    // Back exactly as it was, whatever a failed test left.
    const t = runner.transport('web3');
    await t.run(['hostname', 'web3']);
    if (saved.hostname !== undefined) await t.put('/etc/hostname', saved.hostname, { mode: 0o644 });
    if (saved.hosts !== undefined) await t.put('/etc/hosts', saved.hosts, { mode: 0o644 });
  });

  it('check mode changes nothing on the container and on the VM @lab', async () => {
    for (const host of ['web3', 'lb2']) {
      const before = await state(host);
      const run = expectNotFailed(await runner.run(host, hostname, { name: NEW_NAME }, { check: true }));
      expect(run.status).to.equal('changed');
      expect(run.changes.map((c) => c.summary)).to.deep.equal([
        `hostname: ${host} → ${NEW_NAME}`, `/etc/hostname: ${NEW_NAME}`, `/etc/hosts: 127.0.1.1 ${NEW_NAME}`,
      ]);
      expect(await state(host)).to.equal(before);
    }
  });

  it('renames web3 live and persisted, then a second run is ok; the old name\'s lab line stays @lab', async () => {
    const first = expectNotFailed(await runner.run('web3', hostname, { name: NEW_NAME }));
    expect(first.status).to.equal('changed');
    expect(first.changes[1]!.diff).to.deep.equal({ path: '/etc/hostname', before: 'web3\n', after: `${NEW_NAME}\n` });
    expect((await runner.exec('web3', ['hostname'])).stdout.trim()).to.equal(NEW_NAME);
    expect((await runner.exec('web3', ['cat', '/etc/hostname'])).stdout).to.equal(`${NEW_NAME}\n`);
    const hosts = (await runner.exec('web3', ['cat', '/etc/hosts'])).stdout;
    expect(hosts).to.match(new RegExp(`^127\\.0\\.1\\.1\\t${NEW_NAME}$`, 'm'));
    expect(hosts).to.match(/^192\.168\.200\.13\tweb3$/m);
    expect((await runner.exec('web3', ['stat', '-c', '%a %U:%G', '/etc/hostname', '/etc/hosts'])).stdout).to.equal('644 root:root\n644 root:root\n');
    expect(expectNotFailed(await runner.run('web3', hostname, { name: NEW_NAME })).status).to.equal('ok');
  });

  it('renaming back restores the original files byte for byte @lab', async () => {
    expect(expectNotFailed(await runner.run('web3', hostname, { name: 'web3' })).status).to.equal('changed');
    expect((await runner.exec('web3', ['hostname'])).stdout.trim()).to.equal('web3');
    expect((await runner.exec('web3', ['cat', '/etc/hostname'])).stdout).to.equal(saved.hostname);
    expect((await runner.exec('web3', ['cat', '/etc/hosts'])).stdout).to.equal(saved.hosts);
    expect(expectNotFailed(await runner.run('web3', hostname, { name: 'web3' })).status).to.equal('ok');
  });

  it('a bad name fails with an ArgsError before anything runs @lab', async () => {
    const before = await state('web3');
    const run = await runner.run('web3', hostname, { name: 'web 3' });
    expect(run.status).to.equal('failed');
    expect(run.error).to.be.instanceOf(ArgsError);
    expect(run.msg).to.match(/field "name": not a valid host name/);
    expect(await state('web3')).to.equal(before);
  });
});
