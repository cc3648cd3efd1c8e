// sysctl against real lab hosts: a container (own network namespace, net.* writable) and a VM (whole kernel).
import { expect } from 'chai';
import { ArgsError } from '../../core/errors.ts';
import { sysctl } from '../../modules/sysctl.ts';
import { useLab } from '../support/lab.ts';
import { expectNotFailed, useLabRunner } from './support/lab-run.ts';

const KEY = 'net.ipv4.conf.all.log_martians';
const FILE = '/etc/sysctl.d/99-tsible-test.conf';

describe('sysctl on lab hosts @lab', function () {
  this.timeout(120_000);
  const lab = useLab('chapter4');
  const runner = useLabRunner(lab);
  const original = new Map<string, string>();

  /** Live value, and the file's checksum and mode (or "absent"): everything the module may touch. */
  const state = async (host: string): Promise<string> => {
    const r = await runner.exec(host, ['sh', '-c', `sysctl -n ${KEY}; if [ -e ${FILE} ]; then sha256sum ${FILE}; stat -c %a ${FILE}; else echo absent; fi`]);
    expect(r.code, r.stderr).to.equal(0);
    return r.stdout;
  };
  const liveValue = async (host: string): Promise<string> => (await runner.exec(host, ['sysctl', '-n', KEY])).stdout.trim();

  for (const host of ['web2', 'lb2']) {
    describe(`${host} @lab`, () => {
      before(async () => {
        original.set(host, await liveValue(host));
        await runner.exec(host, ['rm', '-f', FILE]);
      });
      after(async () => {
        await runner.exec(host, ['sysctl', '-w', `${KEY}=${original.get(host) ?? '0'}`]);
        await runner.exec(host, ['rm', '-f', FILE]);
      });

      it(`check mode changes nothing and reports both changes @lab`, async () => {
        const want = original.get(host) === '1' ? '0' : '1';
        const before = await state(host);
        const run = expectNotFailed(await runner.run(host, sysctl, { name: KEY, value: want, sysctlFile: FILE }, { check: true }));
        expect(run.status).to.equal('changed');
        expect(run.changes.map((c) => c.summary)).to.deep.equal([`${KEY}: ${original.get(host)} → ${want}`, `${FILE}: ${KEY}=${want}`]);
        expect(await state(host)).to.equal(before);
      });

      it(`converges live and persisted, then a second run is ok @lab`, async () => {
        const want = original.get(host) === '1' ? '0' : '1';
        const first = expectNotFailed(await runner.run(host, sysctl, { name: KEY, value: want, sysctlFile: FILE }));
        expect(first.status).to.equal('changed');
        expect(first.changes[1]!.diff).to.deep.equal({ path: FILE, before: '', after: `${KEY}=${want}\n` });
        expect(await liveValue(host)).to.equal(want);
        const file = await runner.exec(host, ['stat', '-c', '%a %U:%G', FILE]);
        expect(file.stdout.trim()).to.equal('644 root:root');
        expect((await runner.exec(host, ['cat', FILE])).stdout).to.equal(`${KEY}=${want}\n`);
        // systemd-sysctl reads the same file back: the persisted line is valid syntax.
        const reread = await runner.exec(host, ['sysctl', '-p', FILE]);
        expect(reread.stderr).to.equal('');
        const second = expectNotFailed(await runner.run(host, sysctl, { name: KEY, value: want, sysctlFile: FILE }));
        expect(second.status).to.equal('ok');
        expect(second.changes).to.deep.equal([]);
      });

      it(`a value the kernel rejects is an error, and the file is left alone @lab`, async () => {
        const before = await state(host);
        const run = await runner.run(host, sysctl, { name: KEY, value: 'notanumber', sysctlFile: FILE });
        expect(run.status).to.equal('failed');
        expect(run.msg).to.match(/kernel refused net\.ipv4\.conf\.all\.log_martians=notanumber.*Invalid argument/);
        expect(await state(host)).to.equal(before);
      });

      it(`an unknown key is an error naming the key, before anything changes @lab`, async () => {
        const run = await runner.run(host, sysctl, { name: 'net.ipv4.tsible_nope', value: '1', sysctlFile: FILE });
        expect(run.status).to.equal('failed');
        expect(run.msg).to.match(/cannot read sysctl net\.ipv4\.tsible_nope.*No such file or directory/);
      });

      it(`state absent removes the line; a second run is ok @lab`, async () => {
        await runner.exec(host, ['sh', '-c', `printf '# kept\\n${KEY} = 1\\n' > ${FILE}`]);
        const run = expectNotFailed(await runner.run(host, sysctl, { name: KEY, state: 'absent', sysctlFile: FILE }));
        expect(run.status).to.equal('changed');
        expect((await runner.exec(host, ['cat', FILE])).stdout).to.equal('# kept\n');
        expect((await runner.run(host, sysctl, { name: KEY, state: 'absent', sysctlFile: FILE })).status).to.equal('ok');
      });
    });
  }

  it('bad arguments fail with an ArgsError before anything runs @lab', async () => {
    const before = await state('web2');
    const run = await runner.run('web2', sysctl, { name: KEY, sysctlFile: FILE });
    expect(run.status).to.equal('failed');
    expect(run.error).to.be.instanceOf(ArgsError);
    expect(run.msg).to.match(/field "value".*state present needs a value/);
    expect(await state('web2')).to.equal(before);
  });
});
