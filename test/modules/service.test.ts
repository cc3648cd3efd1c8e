// service: plan() over facts parsed from real output (systemd on a lab host, SysV on the Debian 12 dev machine).
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { ArgsError } from '../../core/errors.ts';
import { prepareArgs } from '../../core/engine/run-module.ts';
import type { Change } from '../../core/module.ts';
import { toDisplay } from '../../core/quote.ts';
import { LocalTransport } from '../../core/transport/local.ts';
import { parseServiceStatus, serviceStatusFact, serviceStatusScript, unitName } from '../../modules/facts/service-status.ts';
import { service, type ServiceArgs, type ServiceFacts } from '../../modules/service.ts';

const dir = new URL('../fixtures/modules/service/', import.meta.url);
const facts = (fixture: string, name: string): ServiceFacts => parseServiceStatus(name, readFileSync(new URL(`${fixture}.txt`, dir), 'utf8'));
const plan = (raw: Record<string, unknown>, f: ServiceFacts): Change[] => service.plan(prepareArgs(service, raw, {}) as ServiceArgs, f);
const show = (changes: Change[]): string[][] => changes.map((c) => [c.summary, ...c.steps.map((s) => (s.kind === 'run' ? toDisplay(s.command) : s.kind))]);

describe('service module', () => {
  describe('facts', () => {
    it('systemd (web1): ssh.service loaded, running, enabled, can reload', () => {
      expect(facts('systemd-ssh-running', 'ssh')).to.deep.include({ init: 'systemd', unit: 'ssh.service', exists: true, active: true, enabled: true, canReload: true });
    });
    it('systemd: a unit that does not exist is LoadState=not-found', () => {
      const f = facts('systemd-not-found', 'tsible-nosuch');
      expect(f).to.deep.include({ exists: false, active: false, enabled: false });
      expect(f.detail.LoadState).to.equal('not-found');
    });
    it('systemd: an alias (procps → systemd-sysctl) counts as enabled', () => {
      expect(facts('systemd-alias', 'procps')).to.deep.include({ exists: true, active: true, enabled: true });
    });
    it('SysV (dev machine, not booted with systemd): status 3 = stopped, S links = enabled; missing script', () => {
      expect(facts('sysv-ssh', 'ssh')).to.deep.include({ init: 'sysv', unit: 'ssh', exists: true, active: false, enabled: true });
      expect(facts('sysv-missing', 'tsible-nosuch')).to.deep.include({ init: 'sysv', exists: false });
    });
    it('unit names: a bare name gets .service, a unit suffix is kept', () => {
      expect(unitName('apache2')).to.equal('apache2.service');
      expect(unitName('ssh.socket')).to.equal('ssh.socket');
      expect(unitName('getty@tty1.service')).to.equal('getty@tty1.service');
    });
    it('SysV, only the boot setting asked: the init script\'s status is not run (this machine, not booted with systemd)', async function () {
      const script = serviceStatusScript('ssh', { running: false });
      expect(script).to.not.contain('status >/dev/null');
      expect(serviceStatusScript('ssh')).to.contain('/etc/init.d/ssh status');
      const fact = serviceStatusFact('ssh', { running: false });
      expect(fact.name).to.not.equal(serviceStatusFact('ssh').name);
      const f = fact.parse(await new LocalTransport('localhost', { commandTimeoutMs: 20_000 }).run(fact.command));
      expect(f).to.deep.include({ init: 'sysv', unit: 'ssh', exists: true, active: false, enabled: true });
      expect(f.detail.status).to.equal('unread');
      expect(parseServiceStatus('nosuch', '@@init sysv\n@@status missing\n')).to.deep.include({ exists: false });
    });
    it('output that is not the script\'s is a FactError', () => {
      expect(() => parseServiceStatus('x', '', 'sh: 1: systemctl: not found')).to.throw(/cannot read the state of service x: sh: 1: systemctl: not found/);
    });
  });

  describe('plan (systemd)', () => {
    const running = facts('systemd-ssh-running', 'ssh');
    const stopped: ServiceFacts = { ...running, active: false, enabled: false };
    it('converged → no change', () => {
      expect(plan({ name: 'ssh', state: 'started', enabled: true }, running)).to.deep.equal([]);
      expect(plan({ name: 'ssh', state: 'stopped', enabled: false }, stopped)).to.deep.equal([]);
    });
    it('apache2 stopped + disabled (chapter I) from running + enabled', () => {
      expect(show(plan({ name: 'ssh', state: 'stopped', enabled: 'no' }, running))).to.deep.equal([
        ['ssh: stopped', 'systemctl stop ssh.service'],
        ['ssh: disabled at boot', 'systemctl disable ssh.service'],
      ]);
    });
    it('heartbeat started + enabled from stopped + disabled', () => {
      expect(show(plan({ name: 'ssh', state: 'started', enabled: true }, stopped))).to.deep.equal([
        ['ssh: started', 'systemctl start ssh.service'],
        ['ssh: enabled at boot', 'systemctl enable ssh.service'],
      ]);
    });
    it('restarted and reloaded always change; reloading a stopped service starts it', () => {
      expect(show(plan({ name: 'ssh', state: 'restarted' }, running))).to.deep.equal([['ssh: restarted', 'systemctl restart ssh.service']]);
      expect(show(plan({ name: 'ssh', state: 'reloaded' }, running))).to.deep.equal([['ssh: reloaded', 'systemctl reload ssh.service']]);
      expect(show(plan({ name: 'ssh', state: 'reloaded' }, stopped))).to.deep.equal([['ssh: started (was not running, nothing to reload)', 'systemctl start ssh.service']]);
    });
    it('lb1: ipvsadm (SysV script behind a generated unit) and heartbeat, real output: enable/disable through systemctl', () => {
      const ipvsadm = facts('systemd-sysv-generated-ipvsadm', 'ipvsadm');
      expect(ipvsadm).to.deep.include({ exists: true, active: true, enabled: false });
      expect(ipvsadm.detail.UnitFileState).to.equal('generated');
      expect(plan({ name: 'ipvsadm', enabled: false }, ipvsadm)).to.deep.equal([]);
      expect(show(plan({ name: 'ipvsadm', enabled: true }, ipvsadm))).to.deep.equal([['ipvsadm: enabled at boot', 'systemctl enable ipvsadm.service']]);
      const heartbeat = facts('systemd-heartbeat', 'heartbeat');
      expect(show(plan({ name: 'heartbeat', state: 'started', enabled: true }, heartbeat))).to.deep.equal([
        ['heartbeat: started', 'systemctl start heartbeat.service'],
        ['heartbeat: enabled at boot', 'systemctl enable heartbeat.service'],
      ]);
    });
    it('check mode, unit not installed yet: "would be started (not installed yet)"', () => {
      const missing: ServiceFacts = { ...facts('systemd-not-found', 'tsible-nosuch'), notInstalled: true };
      expect(plan({ name: 'tsible-nosuch', state: 'started', enabled: true }, missing).map((c) => c.summary)).to.deep.equal([
        'tsible-nosuch: would be started (not installed yet)',
        'tsible-nosuch: would be enabled at boot (not installed yet)',
      ]);
      expect(plan({ name: 'tsible-nosuch', state: 'stopped' }, missing).map((c) => c.summary)).to.deep.equal(['tsible-nosuch: would be stopped (not installed yet)']);
    });
    it('disabling a static or alias unit is an error, enabling it is converged', () => {
      const alias = facts('systemd-alias', 'procps');
      expect(plan({ name: 'procps', enabled: true }, alias)).to.deep.equal([]);
      expect(() => plan({ name: 'procps', enabled: false }, alias)).to.throw(/unit procps\.service is alias: systemctl cannot disable it/);
    });
  });

  describe('plan (SysV)', () => {
    const sysv = facts('sysv-ssh', 'ssh');
    it('starts with service(8), enables with update-rc.d, disables with update-rc.d disable', () => {
      expect(show(plan({ name: 'ssh', state: 'started', enabled: true }, sysv))).to.deep.equal([['ssh: started', 'service ssh start']]);
      expect(show(plan({ name: 'ssh', state: 'stopped', enabled: false }, sysv))).to.deep.equal([['ssh: disabled at boot', 'update-rc.d ssh disable']]);
      expect(show(plan({ name: 'ssh', enabled: true }, { ...sysv, enabled: false }))).to.deep.equal([
        ['ssh: enabled at boot', 'update-rc.d ssh defaults', 'update-rc.d ssh enable'],
      ]);
    });
  });

  describe('arguments', () => {
    const bad = (raw: Record<string, unknown>, field: string): void => {
      let err: unknown;
      try { prepareArgs(service, raw, {}); } catch (e) { err = e; }
      expect(err).to.be.instanceOf(ArgsError);
      expect((err as ArgsError).where.field).to.equal(field);
    };
    it('refuses no state and no enabled, a bad state, a name that is an option or has a space', () => {
      bad({ name: 'apache2' }, 'state');
      bad({ name: 'apache2', state: 'running' }, 'state');
      bad({ name: '--now', state: 'started' }, 'name');
      bad({ name: 'a b', state: 'started' }, 'name');
      bad({ name: 'apache2', enabled: 'maybe' }, 'enabled');
    });
  });
});
