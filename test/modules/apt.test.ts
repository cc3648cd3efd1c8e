// apt: plan() over facts parsed from real dpkg-query and apt-get -s output (lab host web1 and the dev machine).
import { expect } from 'chai';
import { existsSync, readFileSync } from 'node:fs';
import { ArgsError } from '../../core/errors.ts';
import { prepareArgs } from '../../core/engine/run-module.ts';
import type { Change } from '../../core/module.ts';
import { toDisplay } from '../../core/quote.ts';
import type { RunResult } from '../../core/transport/transport.ts';
import { apt, cacheNeedsRefresh, parseSpec, type AptArgs, type AptFacts } from '../../modules/apt.ts';
import { parseAptSimulation } from '../../modules/facts/apt-simulation.ts';
import { parseDpkgStatus } from '../../modules/facts/dpkg-status.ts';

const dir = new URL('../fixtures/modules/apt/', import.meta.url);
/** A recorded command result: NAME.txt is stdout, NAME.stderr (if any) is `exit N` then stderr. */
const recorded = (name: string): RunResult => {
  const stdout = readFileSync(new URL(`${name}.txt`, dir), 'utf8');
  const errFile = new URL(`${name}.stderr`, dir);
  if (!existsSync(errFile)) return { code: 0, stdout, stderr: '' };
  const [first, ...rest] = readFileSync(errFile, 'utf8').split('\n');
  return { code: Number(first!.replace('exit ', '')), stdout, stderr: rest.join('\n') };
};
const args = (raw: Record<string, unknown>): AptArgs => prepareArgs(apt, raw, {}) as AptArgs;
const facts = (a: AptArgs, dpkgFixture: string, extra: Partial<AptFacts> = {}): AptFacts => {
  const specs = ((a.name ?? []) as string[]).map(parseSpec);
  return { specs, dpkg: parseDpkgStatus(specs.map((s) => s.name), recorded(dpkgFixture)), ...extra };
};
const sim = (name: string) => parseAptSimulation(recorded(name));
const show = (changes: Change[]): string[][] => changes.map((c) => [c.summary, ...c.steps.map((s) => (s.kind === 'run' ? toDisplay(s.command) : s.kind))]);
const INSTALL = 'apt-get -y -q -o DPkg::Lock::Timeout=120 -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold';

describe('apt module', () => {
  describe('facts', () => {
    it('dpkg-query on web1 (exit 1 for never-seen names): apache2 installed, the others known as absent', () => {
      const d = parseDpkgStatus(['apache2', 'heartbeat', 'ipvsadm', 'hello'], recorded('dpkg-web1-chapter'));
      expect(d.apache2).to.deep.equal([{ name: 'apache2', arch: 'amd64', want: 'install', state: 'installed', version: '2.4.68-1~deb12u1' }]);
      expect(d.heartbeat).to.deep.equal([]);
      expect(d.hello).to.deep.equal([]);
    });
    it('a package dpkg only remembers (no architecture, "unknown ok not-installed", seen on lb1 after an interrupted run) is not installed', () => {
      const d = parseDpkgStatus(['heartbeat'], { code: 0, stdout: 'heartbeat\t\tunknown ok not-installed\t\n', stderr: '' });
      expect(d.heartbeat).to.deep.equal([{ name: 'heartbeat', arch: '', want: 'unknown', state: 'not-installed', version: '' }]);
    });
    it('dpkg-query failing otherwise is a FactError', () => {
      expect(() => parseDpkgStatus(['x'], { code: 2, stdout: '', stderr: 'dpkg-query: error: cannot access archive' })).to.throw(/dpkg-query failed \(exit 2\)/);
    });
    it('apt-get -s: new packages with versions, nothing for an installed one, apt\'s E: line when it refuses', () => {
      const hb = sim('sim-web1-heartbeat-ipvsadm-norecommends');
      expect(hb.actions).to.have.length(34);
      expect(hb.actions.at(-1)).to.deep.equal({ action: 'install', name: 'ipvsadm', to: '1:1.31-1+b1' });
      expect(sim('sim-web1-apache2')).to.deep.equal({ actions: [] });
      expect(sim('sim-web1-hello').actions).to.deep.equal([{ action: 'install', name: 'hello', to: '2.10-3' }]); // its Conf line is not a second action
      expect(sim('sim-web1-unknown')).to.deep.equal({ actions: [], error: 'Unable to locate package tsible-nosuchpkg' });
      expect(sim('sim-web1-badpin').error).to.equal("Version '9.9*' for 'hello' was not found");
    });
    it('apt-get -s: upgrade, reinstall, remove and purge lines', () => {
      const s = parseAptSimulation({ code: 0, stderr: '', stdout: 'Inst a [1.0] (1.1 Debian:12 [amd64])\nInst b [2] (2 Debian [all])\nRemv c [3]\nPurg d [4]\nPurg e\nConf a (1.1 Debian:12 [amd64])\n' });
      expect(s.actions).to.deep.equal([
        { action: 'upgrade', name: 'a', from: '1.0', to: '1.1' },
        { action: 'reinstall', name: 'b', from: '2', to: '2' },
        { action: 'remove', name: 'c', from: '3' },
        { action: 'purge', name: 'd', from: '4' },
        { action: 'purge', name: 'e' },
      ]);
    });
  });

  describe('plan: present', () => {
    it('installed apache2 → no change (no simulation needed)', () => {
      const a = args({ name: 'apache2' });
      expect(apt.plan(a, facts(a, 'dpkg-web1-chapter'))).to.deep.equal([]);
    });
    it('heartbeat + ipvsadm missing: one apt-get install, versions and dependencies in the summary', () => {
      const a = args({ name: ['heartbeat', 'ipvsadm'], install_recommends: false });
      const changes = apt.plan(a, facts(a, 'dpkg-web1-chapter', { install: sim('sim-web1-heartbeat-ipvsadm-norecommends') }));
      expect(show(changes)).to.deep.equal([[
        'install heartbeat 1:3.0.6-13+b2, ipvsadm 1:1.31-1+b1 (+ 32 other packages: libmpfr6 4.2.0-1, libsigsegv2 2.14-1, gawk 1:5.2.1-2, sgml-base 1.31, bzip2 1.0.8-5+b1, bc 1.07.1-3+b1 and 26 more)',
        `${INSTALL} --no-install-recommends install heartbeat ipvsadm`,
      ]]);
      expect(changes[0]!.steps[0]).to.deep.include({ options: { env: { DEBIAN_FRONTEND: 'noninteractive', APT_LISTCHANGES_FRONTEND: 'none' } } });
    });
    it('only the missing one of a list is installed', () => {
      const a = args({ name: 'apache2,hello' });
      expect(show(apt.plan(a, facts(a, 'dpkg-web1-chapter', { install: sim('sim-web1-hello') })))).to.deep.equal([
        ['install hello 2.10-3', `${INSTALL} install hello`],
      ]);
    });
    it('a version pin: matching glob → ok; another installed version → install name=pin', () => {
      const ok = args({ name: 'apache2=2.4.68*' });
      expect(apt.plan(ok, facts(ok, 'dpkg-web1-chapter'))).to.deep.equal([]);
      const other = args({ name: 'apache2=2.4.57*' });
      const f = facts(other, 'dpkg-web1-chapter', { install: { actions: [{ action: 'upgrade', name: 'apache2', from: '2.4.68-1~deb12u1', to: '2.4.57-2' }] } });
      expect(show(apt.plan(other, f))).to.deep.equal([['install apache2 2.4.68-1~deb12u1 → 2.4.57-2', `${INSTALL} install 'apache2=2.4.57*'`]]);
    });
    it('lb1: heartbeat left unpacked by an interrupted install (real output) → apt-get install configures it', () => {
      const a = args({ name: ['heartbeat', 'ipvsadm'] });
      const f = facts(a, 'dpkg-lb1-heartbeat-unpacked', { install: sim('sim-lb1-heartbeat-unpacked') });
      expect(f.dpkg.heartbeat![0]!.state).to.equal('unpacked');
      const changes = show(apt.plan(a, f));
      expect(changes).to.have.length(1);
      expect(changes[0]![0]).to.match(/^install heartbeat 1:3\.0\.6-13\+b2 \(unpacked, to configure\) \(\+ 137 other packages: configure libnetfilter-conntrack3, /);
      expect(changes[0]![1]).to.equal(`${INSTALL} install heartbeat`);
    });
    it('a name dpkg does not know but apt has nothing to do for (virtual package provided) → ok', () => {
      const a = args({ name: 'hello' });
      expect(apt.plan(a, facts(a, 'dpkg-web1-chapter', { install: { actions: [] } }))).to.deep.equal([]);
    });
    it('updateCache with a stale cache: refreshed (and stamped) before installing; with a fresh cache: not', () => {
      const a = args({ name: 'hello', update_cache: true, cache_valid_time: 3600 });
      expect(show(apt.plan(a, facts(a, 'dpkg-web1-chapter', { cacheAge: 7200, install: sim('sim-web1-hello') })))).to.deep.equal([[
        'apt cache refreshed, then install hello 2.10-3',
        'apt-get -q -o DPkg::Lock::Timeout=120 update', 'touch /var/lib/apt/periodic/update-success-stamp', `${INSTALL} install hello`,
      ]]);
      expect(show(apt.plan(a, facts(a, 'dpkg-web1-chapter', { cacheAge: 60, install: sim('sim-web1-hello') })))[0]![0]).to.equal('install hello 2.10-3');
    });
    it('updateCache on a fresh image (empty, new lists folder: age 0, every source missing, the package unknown): refresh, then install', () => {
      const a = args({ name: 'hello', update_cache: true, cache_valid_time: 3600 });
      const missing = ['deb.debian.org_debian_dists_bookworm_main'];
      expect(show(apt.plan(a, facts(a, 'dpkg-web1-chapter', { cacheAge: 0, missingLists: missing, install: sim('sim-web1-unknown') })))).to.deep.equal([[
        'apt cache refreshed, then install hello',
        'apt-get -q -o DPkg::Lock::Timeout=120 update', 'touch /var/lib/apt/periodic/update-success-stamp', `${INSTALL} install hello`,
      ]]);
      expect(cacheNeedsRefresh(a, { cacheAge: 0, missingLists: missing })).to.equal(true);
    });
    it('updateCache, lists fresh by age but a package they do not know (or a pin they lack): refresh once, then decide', () => {
      const a = args({ name: 'tsible-nosuchpkg', update_cache: true, cache_valid_time: 3600 });
      expect(cacheNeedsRefresh(a, { cacheAge: 60, missingLists: [], install: sim('sim-web1-unknown') })).to.equal(true);
      expect(show(apt.plan(a, facts(a, 'dpkg-web1-chapter', { cacheAge: 60, missingLists: [], install: sim('sim-web1-unknown') })))[0]!.slice(1)).to.deep.equal([
        'apt-get -q -o DPkg::Lock::Timeout=120 update', 'touch /var/lib/apt/periodic/update-success-stamp', `${INSTALL} install tsible-nosuchpkg`,
      ]);
      expect(cacheNeedsRefresh(a, { cacheAge: 60, missingLists: [], install: sim('sim-web1-badpin') })).to.equal(true);
    });
    it('cache validity table: age against cacheValidTime only when every source has lists and apt knows the packages', () => {
      const valid = (raw: Record<string, unknown>, f: Partial<AptFacts>): boolean => cacheNeedsRefresh(args({ name: 'hello', ...raw }), f);
      expect(valid({ update_cache: true, cache_valid_time: 3600 }, { cacheAge: 60, missingLists: [] })).to.equal(false);
      expect(valid({ update_cache: true, cache_valid_time: 3600 }, { cacheAge: 7200, missingLists: [] })).to.equal(true);
      expect(valid({ update_cache: true, cache_valid_time: 3600 }, { missingLists: [] })).to.equal(true); // never refreshed
      expect(valid({ update_cache: true }, { cacheAge: 1, missingLists: [] })).to.equal(true); // 0: always
      expect(valid({ update_cache: true, cache_valid_time: 3600 }, { cacheAge: 1, missingLists: ['x_dists_y_main'] })).to.equal(true);
      expect(valid({}, { cacheAge: 99999, missingLists: ['x_dists_y_main'], install: sim('sim-web1-unknown') })).to.equal(false); // not asked: never
    });
    it('updateCache alone on a fresh image: refreshed, and the summary says why', () => {
      const a = args({ update_cache: true, cache_valid_time: 600 });
      expect(show(apt.plan(a, { specs: [], dpkg: {}, cacheAge: 0, missingLists: ['deb.debian.org_debian_dists_bookworm_main'] }))[0]![0])
        .to.equal('apt cache refreshed (no package list for deb.debian.org_debian_dists_bookworm_main)');
    });
    it('updateCache but everything installed: no refresh, no change', () => {
      const a = args({ name: 'apache2', update_cache: true });
      expect(apt.plan(a, facts(a, 'dpkg-web1-chapter', { cacheAge: 99999 }))).to.deep.equal([]);
    });
    it('updateCache alone: refreshed when older than cacheValidTime', () => {
      const a = args({ update_cache: true, cache_valid_time: 600 });
      expect(show(apt.plan(a, { specs: [], dpkg: {}, cacheAge: 3 * 3600 }))).to.deep.equal([[
        'apt cache refreshed (was 3 h old)', 'apt-get -q -o DPkg::Lock::Timeout=120 update', 'touch /var/lib/apt/periodic/update-success-stamp',
      ]]);
      expect(apt.plan(a, { specs: [], dpkg: {}, cacheAge: 10 })).to.deep.equal([]);
    });
  });

  describe('plan: latest and absent', () => {
    it('latest: openssh-server already newest (real simulation) → ok; a newer candidate → upgrade', () => {
      const a = args({ name: 'openssh-server', state: 'latest' });
      expect(apt.plan(a, facts(a, 'dpkg-local-mixed', { install: sim('sim-web1-ssh-latest') }))).to.deep.equal([]);
      const newer = { actions: [{ action: 'upgrade' as const, name: 'openssh-server', from: '1:9.2p1-2+deb12u10', to: '1:9.2p1-2+deb12u11' }] };
      expect(show(apt.plan(a, facts(a, 'dpkg-local-mixed', { install: newer })))).to.deep.equal([
        ['install openssh-server 1:9.2p1-2+deb12u10 → 1:9.2p1-2+deb12u11', `${INSTALL} install openssh-server`],
      ]);
    });
    it('latest with a stale cache and updateCache: refresh then install, reported as a change', () => {
      const a = args({ name: 'openssh-server', state: 'latest', updateCache: true, cacheValidTime: 60 });
      expect(show(apt.plan(a, facts(a, 'dpkg-local-mixed', { cacheAge: 120, install: sim('sim-web1-ssh-latest') })))[0]![0])
        .to.equal('apt cache refreshed (was 120 s old); openssh-server upgraded if a newer version appears');
    });
    it('absent: removes what is installed (purge, --auto-remove); a never-installed name → ok', () => {
      const a = args({ name: ['apache2', 'heartbeat'], state: 'absent', purge: true, autoremove: true });
      expect(show(apt.plan(a, facts(a, 'dpkg-web1-chapter')))).to.deep.equal([[
        'purge apache2 2.4.68-1~deb12u1 (and dependencies nothing else needs)', `${INSTALL} --auto-remove purge apache2`,
      ]]);
      const b = args({ name: 'heartbeat', state: 'absent' });
      expect(apt.plan(b, facts(b, 'dpkg-web1-chapter'))).to.deep.equal([]);
    });
    it('absent + purge: leftover config files are purged; without purge they are left', () => {
      const a = args({ name: 'hello', state: 'absent', purge: true });
      const f: AptFacts = { specs: [parseSpec('hello')], dpkg: { hello: [{ name: 'hello', arch: 'amd64', want: 'deinstall', state: 'config-files', version: '2.10-3' }] } };
      expect(show(apt.plan(a, f))).to.deep.equal([['purge hello 2.10-3', `${INSTALL} purge hello`]]);
      expect(apt.plan(args({ name: 'hello', state: 'absent' }), f)).to.deep.equal([]);
    });
    it('autoremove alone: nothing to remove (real simulation) → ok; orphans → apt-get autoremove', () => {
      const a = args({ autoremove: true });
      expect(apt.plan(a, { specs: [], dpkg: {}, autoremove: sim('sim-web1-autoremove') })).to.deep.equal([]);
      const orphans = parseAptSimulation({ code: 0, stderr: '', stdout: 'Remv libfoo1 [1.2-3]\n' });
      expect(show(apt.plan(a, { specs: [], dpkg: {}, autoremove: orphans }))).to.deep.equal([['autoremove libfoo1 1.2-3', `${INSTALL} autoremove`]]);
    });
  });

  describe('arguments', () => {
    const bad = (raw: Record<string, unknown>, field: string, message: RegExp): void => {
      let err: unknown;
      try { prepareArgs(apt, raw, {}, { task: 'Install' }); } catch (e) { err = e; }
      expect(err).to.be.instanceOf(ArgsError);
      expect((err as ArgsError).where.field).to.equal(field);
      expect((err as Error).message).to.match(message);
    };
    it('refuses bad names, pins with absent/latest, no name at all, bad states and numbers', () => {
      bad({ name: '-o APT::x=1' }, 'name', /not a package name/);
      bad({ name: 'Hello World' }, 'name', /not a package name/);
      bad({ name: 'hello=2.10*', state: 'absent' }, 'name', /version pin makes no sense with state absent/);
      bad({ name: 'hello=2.10*', state: 'latest' }, 'name', /contradicts state latest/);
      bad({}, 'name', /give a package name/);
      bad({ name: 'hello', state: 'installed' }, 'state', /one of present, absent, latest/);
      bad({ name: 'hello', cache_valid_time: 'an hour' }, 'cacheValidTime', /integer/);
      bad({ name: 'hello', updateCache: 'sometimes' }, 'updateCache', /boolean/);
    });
    it('a list, a comma string and the Ansible spellings', () => {
      expect(args({ pkg: 'heartbeat, ipvsadm', update_cache: 'yes', cache_valid_time: '3600' })).to.deep.include({
        name: ['heartbeat', 'ipvsadm'], state: 'present', updateCache: true, cacheValidTime: 3600, lockTimeout: 120,
      });
      expect(parseSpec('libc6:i386=2.36*')).to.deep.equal({ spec: 'libc6:i386=2.36*', name: 'libc6', arch: 'i386', version: '2.36*' });
    });
  });
});
