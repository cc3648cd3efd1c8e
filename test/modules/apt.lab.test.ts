// apt against a real lab container (web2) through the lab's caching apt proxy, with small packages nobody else uses.
import { expect } from 'chai';
import { ArgsError } from '../../core/errors.ts';
import { apt } from '../../modules/apt.ts';
import { useLab } from '../support/lab.ts';
import { expectNotFailed, useLabRunner } from './support/lab-run.ts';

const HOST = 'web2';
const PKGS = ['hello', 'sl'];

describe('apt on a lab host @lab', function () {
  this.timeout(300_000);
  const lab = useLab('chapter4');
  const runner = useLabRunner(lab);

  /** dpkg's view of the test packages: what the module may change. */
  const state = async (): Promise<string> => {
    const r = await runner.exec(HOST, ['sh', '-c', 'dpkg-query -W -f=\'${Package} ${Status} ${Version}\\n\' hello sl 2>&1; true']);
    return r.stdout;
  };
  const purge = async (): Promise<void> => {
    const r = await runner.exec(HOST, ['env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', 'purge', '-y', '-q', ...PKGS]);
    expect(r.code, r.stderr).to.equal(0);
  };

  before(purge);
  after(purge);

  it('check mode on a host without the packages changes nothing and names the versions @lab', async () => {
    const before = await state();
    const run = expectNotFailed(await runner.run(HOST, apt, { name: PKGS, updateCache: true }, { check: true }));
    expect(run.status).to.equal('changed');
    expect(run.changes).to.have.length(1);
    expect(run.changes[0]!.summary).to.match(/^(apt cache refreshed, then )?install hello 2\.10-\S+, sl \S+/);
    expect(run.changes[0]!.steps.at(-1)).to.deep.include({ kind: 'run' });
    expect(await state()).to.equal(before);
  });

  it('installs through the proxy, then a second run is ok (cache valid, nothing to do) @lab', async () => {
    const first = expectNotFailed(await runner.run(HOST, apt, { name: PKGS, updateCache: true, cacheValidTime: 86_400, installRecommends: false }));
    expect(first.status).to.equal('changed');
    const after = await state();
    expect(after).to.match(/^hello install ok installed 2\.10-/m);
    expect(after).to.match(/^sl install ok installed /m);
    const second = expectNotFailed(await runner.run(HOST, apt, { name: PKGS, updateCache: true, cacheValidTime: 86_400 }));
    expect(second.status).to.equal('ok');
    expect(second.data.versionsBefore).to.have.keys('hello', 'sl');
    expect((second.data.versionsBefore as Record<string, string>).hello).to.match(/^2\.10-/);
  });

  it('latest and a matching version pin report ok on installed packages @lab', async () => {
    expect(expectNotFailed(await runner.run(HOST, apt, { name: 'hello', state: 'latest' })).status).to.equal('ok');
    expect(expectNotFailed(await runner.run(HOST, apt, { name: 'hello=2.10*' })).status).to.equal('ok');
  });

  it('a pin no version matches fails with apt\'s reason, and changes nothing @lab', async () => {
    const before = await state();
    const run = await runner.run(HOST, apt, { name: 'hello=9.9*' });
    expect(run.status).to.equal('failed');
    expect(run.msg).to.match(/field "name": apt cannot do it: Version '9\.9\*' for 'hello' was not found/);
    expect(await state()).to.equal(before);
  });

  it('an unknown package fails in check mode as in a real run @lab', async () => {
    for (const check of [true, false]) {
      const run = await runner.run(HOST, apt, { name: 'tsible-no-such-package' }, { check });
      expect(run.status).to.equal('failed');
      expect(run.msg).to.match(/Unable to locate package tsible-no-such-package/);
    }
  });

  it('absent: check mode leaves them, a real run purges, a second run is ok @lab', async () => {
    const before = await state();
    const check = expectNotFailed(await runner.run(HOST, apt, { name: PKGS, state: 'absent', purge: true }, { check: true }));
    expect(check.changes).to.have.length(1);
    expect(check.changes[0]!.summary).to.match(/^purge hello 2\.10-\S+, sl \S+$/);
    expect(await state()).to.equal(before);
    const first = expectNotFailed(await runner.run(HOST, apt, { name: PKGS, state: 'absent', purge: true }));
    expect(first.status).to.equal('changed');
    expect(await state()).to.not.match(/install ok installed/);
    expect(expectNotFailed(await runner.run(HOST, apt, { name: PKGS, state: 'absent', purge: true })).status).to.equal('ok');
  });

  it('waits for the dpkg lock up to lockTimeout: 0 fails with apt\'s reason, 120 installs once the lock is free @lab', async () => {
    // Another "apt" holds dpkg's frontend lock (an fcntl write lock, as apt and dpkg take it) for 25 s.
    const lock = 'open(F,">>","/var/lib/dpkg/lock-frontend") or die "open: $!"; my $l=pack("s s x4 q q i x4",1,0,0,0,0);';
    const holder = runner.transport(HOST).run(['perl', '-e', `${lock} fcntl(F,7,$l) or die "lock: $!"; sleep 25`]);
    try {
      // Until the holder has it: a non-blocking try (F_SETLK) fails while someone else holds the lock.
      for (let i = 0; ; i++) {
        const probe = await runner.exec(HOST, ['perl', '-e', `${lock} exit(fcntl(F,6,$l) ? 1 : 0)`]);
        if (probe.code === 0) break;
        expect(i, 'the lock holder never took the lock').to.be.below(20);
        await new Promise((r) => setTimeout(r, 500));
      }
      const before = await state();
      const impatient = await runner.run(HOST, apt, { name: 'hello', lockTimeout: 0 });
      expect(impatient.status).to.equal('failed');
      expect(impatient.msg).to.match(/Could not get lock \/var\/lib\/dpkg\/lock-frontend/);
      expect(await state()).to.equal(before);
      const patient = expectNotFailed(await runner.run(HOST, apt, { name: 'hello', lockTimeout: 120 }));
      expect(patient.status).to.equal('changed');
      expect(await state()).to.match(/^hello install ok installed/m);
    } finally {
      expect((await holder).code, 'the lock holder kept the lock for its 25 s').to.equal(0);
    }
  });

  it('a fresh image (empty lists folder, minutes old): updateCache refreshes whatever cacheValidTime says, and installs @lab', async () => {
    await purge();
    const emptyLists = 'rm -rf /var/lib/apt/lists/* /var/lib/apt/periodic/update-success-stamp && mkdir -p /var/lib/apt/lists/partial && touch /var/lib/apt/lists';
    expect((await runner.exec(HOST, ['sh', '-c', emptyLists])).code).to.equal(0);
    const lists = async (): Promise<string> => (await runner.exec(HOST, ['sh', '-c', 'ls /var/lib/apt/lists | sort'])).stdout;
    const before = { dpkg: await state(), lists: await lists() };
    // Not asked to refresh: apt's refusal, and why (no list at all), before anything changes.
    const refused = await runner.run(HOST, apt, { name: 'hello' });
    expect(refused.status).to.equal('failed');
    expect(refused.msg).to.match(/Unable to locate package hello \(the host has no package list for deb\.debian\.org_debian_dists_bookworm_main.*set updateCache\)/);
    const check = expectNotFailed(await runner.run(HOST, apt, { name: 'hello', updateCache: true, cacheValidTime: 3600 }, { check: true }));
    expect(check.status).to.equal('changed');
    expect(check.changes[0]!.summary).to.equal('apt cache refreshed, then install hello');
    expect({ dpkg: await state(), lists: await lists() }).to.deep.equal(before);
    const first = expectNotFailed(await runner.run(HOST, apt, { name: 'hello', updateCache: true, cacheValidTime: 3600, installRecommends: false }));
    expect(first.status).to.equal('changed');
    expect(await state()).to.match(/^hello install ok installed 2\.10-/m);
    expect(await lists()).to.match(/_Packages/);
    expect(expectNotFailed(await runner.run(HOST, apt, { name: 'hello', updateCache: true, cacheValidTime: 3600 })).status).to.equal('ok');
  });

  it('bad arguments fail with an ArgsError before anything runs @lab', async () => {
    const before = await state();
    const run = await runner.run(HOST, apt, { name: 'hello; rm -rf /' });
    expect(run.status).to.equal('failed');
    expect(run.error).to.be.instanceOf(ArgsError);
    expect(run.msg).to.match(/field "name": not a package name/);
    expect(await state()).to.equal(before);
  });
});
