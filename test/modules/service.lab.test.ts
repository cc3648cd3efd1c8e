// service against a real systemd host of the lab (container web3), on cron: a small service nobody else's tests use.
import { expect } from 'chai';
import { ArgsError } from '../../core/errors.ts';
import { service } from '../../modules/service.ts';
import { useLab } from '../support/lab.ts';
import { expectNotFailed, useLabRunner } from './support/lab-run.ts';

const HOST = 'web3';
const PKG = 'cron';

describe('service on a lab host @lab', function () {
  this.timeout(180_000);
  const lab = useLab('chapter4');
  const runner = useLabRunner(lab);
  let installedHere = false;

  /** What the module may touch: is-active and is-enabled of the unit. */
  const state = async (unit = 'cron.service'): Promise<string> => {
    const r = await runner.exec(HOST, ['sh', '-c', `systemctl is-active ${unit}; systemctl is-enabled ${unit}; true`]);
    return r.stdout.trim().split('\n').join(' ');
  };

  before(async () => {
    const has = await runner.exec(HOST, ['dpkg-query', '-W', '-f=${Status}', PKG]);
    if (!has.stdout.includes('ok installed')) {
      const r = await runner.exec(HOST, ['env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', 'install', '-y', '-q', '--no-install-recommends', PKG]);
      expect(r.code, r.stderr).to.equal(0);
      installedHere = true;
    }
    await runner.exec(HOST, ['systemctl', 'enable', '--now', 'cron.service']);
  });
  after(async () => {
    if (installedHere) await runner.exec(HOST, ['env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', 'purge', '-y', '-q', '--auto-remove', PKG]);
    else await runner.exec(HOST, ['systemctl', 'enable', '--now', 'cron.service']);
  });

  it('check mode changes nothing and says what it would do @lab', async () => {
    expect(await state()).to.equal('active enabled');
    const run = expectNotFailed(await runner.run(HOST, service, { name: PKG, state: 'stopped', enabled: false }, { check: true }));
    expect(run.status).to.equal('changed');
    expect(run.changes.map((c) => c.summary)).to.deep.equal(['cron: stopped', 'cron: disabled at boot']);
    expect(await state()).to.equal('active enabled');
  });

  it('stopped + disabled (apache2 in chapter I): converges, then a second run is ok @lab', async () => {
    const first = expectNotFailed(await runner.run(HOST, service, { name: PKG, state: 'stopped', enabled: false }));
    expect(first.status).to.equal('changed');
    expect(await state()).to.equal('inactive disabled');
    const second = expectNotFailed(await runner.run(HOST, service, { name: PKG, state: 'stopped', enabled: false }));
    expect(second.status).to.equal('ok');
  });

  it('started + enabled (heartbeat in chapter I): converges, then a second run is ok @lab', async () => {
    const first = expectNotFailed(await runner.run(HOST, service, { name: 'cron.service', state: 'started', enabled: true }));
    expect(first.changes.map((c) => c.summary)).to.deep.equal(['cron.service: started', 'cron.service: enabled at boot']);
    expect(await state()).to.equal('active enabled');
    expect(expectNotFailed(await runner.run(HOST, service, { name: PKG, state: 'started', enabled: true })).status).to.equal('ok');
  });

  it('restarted always reports changed and the service runs with a new PID @lab', async () => {
    const pid = async (): Promise<string> => (await runner.exec(HOST, ['systemctl', 'show', '-p', 'MainPID', '--value', 'cron.service'])).stdout.trim();
    const before = await pid();
    for (let i = 0; i < 2; i++) {
      const run = expectNotFailed(await runner.run(HOST, service, { name: PKG, state: 'restarted' }));
      expect(run.status).to.equal('changed');
    }
    expect(await pid()).to.not.equal(before);
    expect(await state()).to.equal('active enabled');
  });

  it('a unit that is not installed: check mode reports it would be started, a real run fails clearly @lab', async () => {
    const check = expectNotFailed(await runner.run(HOST, service, { name: 'tsible-not-installed', state: 'started', enabled: true }, { check: true }));
    expect(check.status).to.equal('changed');
    expect(check.changes.map((c) => c.summary)).to.deep.equal([
      'tsible-not-installed: would be started (not installed yet)',
      'tsible-not-installed: would be enabled at boot (not installed yet)',
    ]);
    const real = await runner.run(HOST, service, { name: 'tsible-not-installed', state: 'started' });
    expect(real.status).to.equal('failed');
    expect(real.msg).to.equal('host web3, task "test service", field "name": service tsible-not-installed: no unit tsible-not-installed.service (systemd); is its package installed?');
  });

  it('bad arguments fail with an ArgsError before anything runs @lab', async () => {
    const before = await state();
    const run = await runner.run(HOST, service, { name: PKG, state: 'running' });
    expect(run.status).to.equal('failed');
    expect(run.error).to.be.instanceOf(ArgsError);
    expect(run.msg).to.match(/field "state".*one of started, stopped, restarted, reloaded/);
    expect(await state()).to.equal(before);
  });
});
