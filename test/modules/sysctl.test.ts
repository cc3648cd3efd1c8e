// sysctl: plan() over facts parsed from real output recorded on a lab host, and the file edits.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { ArgsError } from '../../core/errors.ts';
import { prepareArgs } from '../../core/engine/run-module.ts';
import type { Change } from '../../core/module.ts';
import { LocalTransport } from '../../core/transport/local.ts';
import { parseSysctlState, sysctlStateFact } from '../../modules/facts/sysctl-state.ts';
import { sysctl, type SysctlArgs, type SysctlFacts } from '../../modules/sysctl.ts';
import { removeSysctlKey, setSysctlKey, sysctlFileValue } from '../../modules/lib/sysctl-conf.ts';

const dir = new URL('../fixtures/modules/sysctl/', import.meta.url);
const fixture = (name: string): string => readFileSync(new URL(`${name}.txt`, dir), 'utf8');
const facts = (name: string, key: string, file: string): SysctlFacts => parseSysctlState(key, file, fixture(name));
const plan = (raw: Record<string, unknown>, f: SysctlFacts): Change[] => sysctl.plan(prepareArgs(sysctl, raw, {}) as SysctlArgs, f);
const stepKinds = (changes: Change[]): string[] => changes.flatMap((c) => c.steps.map((s) => (s.kind === 'call' ? `call:${s.describe}` : s.kind === 'put' ? `put:${s.path}:${s.mode.toString(8)}` : 'run')));

describe('sysctl module', () => {
  describe('facts (real output of web1)', () => {
    it('reads the live value and /etc/sysctl.conf with its mode and owner', () => {
      const f = facts('ip-forward-default', 'net.ipv4.ip_forward', '/etc/sysctl.conf');
      expect(f.live).to.equal('0');
      expect(f.file).to.include({ exists: true, mode: 0o644, owner: 'root', group: 'root' });
      expect(f.file.exists && f.file.content).to.contain('#net.ipv4.ip_forward=1');
    });
    it('keeps the tab of a two-field value and reports a missing file', () => {
      const f = facts('port-range-no-file', 'net.ipv4.ip_local_port_range', '/etc/sysctl.d/99-tsible-test.conf');
      expect(f.live).to.equal('32768\t60999');
      expect(f.file).to.deep.equal({ exists: false, path: '/etc/sysctl.d/99-tsible-test.conf' });
    });
    it("keeps sysctl's message for an unknown key", () => {
      const f = facts('unknown-key', 'net.ipv4.nope', '/etc/sysctl.d/99-tsible-test.conf');
      expect(f.live).to.equal(undefined);
      expect(f.liveError).to.equal('sysctl: cannot stat /proc/sys/net/ipv4/nope: No such file or directory');
    });
    it('live: false (reload: false) reads only the file, no sysctl run (script run on this machine)', async () => {
      const fact = sysctlStateFact('vm.swappiness', '/etc/hostname', { live: false });
      expect((fact.command as { shell: string }).shell).to.not.contain('sysctl -n');
      expect(fact.name).to.not.equal(sysctlStateFact('vm.swappiness', '/etc/hostname').name);
      const f = fact.parse(await new LocalTransport('localhost', { commandTimeoutMs: 20_000 }).run(fact.command));
      expect(f.key).to.equal('vm.swappiness');
      expect(f.live).to.equal(undefined);
      expect(f.liveError).to.equal(undefined);
      expect(f.file).to.include({ exists: true, path: '/etc/hostname', owner: 'root' });
      const withLive = sysctlStateFact('vm.swappiness', '/etc/hostname');
      expect(withLive.parse(await new LocalTransport('localhost', { commandTimeoutMs: 20_000 }).run(withLive.command)).live).to.match(/^\d+$/);
    });
    it('fails with a FactError when the output is not what the script prints', () => {
      expect(() => parseSysctlState('a.b', '/etc/x', 'garbage\n', 'sh: 1: base64: not found')).to.throw(/cannot read sysctl a\.b: sh: 1: base64: not found/);
    });
  });

  describe('plan', () => {
    const fwd = facts('ip-forward-default', 'net.ipv4.ip_forward', '/etc/sysctl.conf');
    const conf = fwd.file.exists ? fwd.file.content : '';

    it('ip_forward 0 → 1: sets the live value, then appends the line (the commented example stays), mode kept', () => {
      const changes = plan({ name: 'net.ipv4.ip_forward', value: '1' }, fwd);
      expect(changes.map((c) => c.summary)).to.deep.equal(['net.ipv4.ip_forward: 0 → 1', '/etc/sysctl.conf: net.ipv4.ip_forward=1']);
      expect(stepKinds(changes)).to.deep.equal(['call:sysctl -w net.ipv4.ip_forward=1', 'put:/etc/sysctl.conf:644']);
      const diff = changes[1]!.diff!;
      expect(diff.before).to.equal(conf);
      expect(diff.after).to.equal(conf + 'net.ipv4.ip_forward=1\n');
    });
    it('converged (live 1, file sets 1 with spaces) → no change', () => {
      const f: SysctlFacts = { ...fwd, live: '1', file: { ...fwd.file, content: conf + 'net.ipv4.ip_forward = 1\n' } as SysctlFacts['file'] };
      expect(plan({ name: 'net.ipv4.ip_forward', value: 1 }, f)).to.deep.equal([]);
    });
    it('only the file differs → one put; reload=false ignores the live value', () => {
      const f: SysctlFacts = { ...fwd, live: '1' };
      expect(stepKinds(plan({ name: 'net.ipv4.ip_forward', value: '1' }, f))).to.deep.equal(['put:/etc/sysctl.conf:644']);
      expect(stepKinds(plan({ name: 'net.ipv4.ip_forward', value: '1', reload: 'no' }, fwd))).to.deep.equal(['put:/etc/sysctl.conf:644']);
    });
    it('a two-field value compares with blanks collapsed', () => {
      const f = facts('port-range-no-file', 'net.ipv4.ip_local_port_range', '/etc/sysctl.d/99-tsible-test.conf');
      const changes = plan({ name: 'net.ipv4.ip_local_port_range', value: '32768  60999', sysctl_file: '/etc/sysctl.d/99-tsible-test.conf' }, f);
      expect(changes.map((c) => c.summary)).to.deep.equal(['/etc/sysctl.d/99-tsible-test.conf: net.ipv4.ip_local_port_range=32768  60999']);
      expect(changes[0]!.diff).to.deep.equal({ path: '/etc/sysctl.d/99-tsible-test.conf', before: '', after: 'net.ipv4.ip_local_port_range=32768  60999\n' });
      expect(stepKinds(changes)).to.deep.equal(['put:/etc/sysctl.d/99-tsible-test.conf:644']);
    });
    it('state absent removes the line and leaves the live value', () => {
      const f: SysctlFacts = { ...fwd, live: '1', file: { ...fwd.file, content: conf + 'net.ipv4.ip_forward=1\n' } as SysctlFacts['file'] };
      const changes = plan({ name: 'net.ipv4.ip_forward', state: 'absent' }, f);
      expect(changes.map((c) => c.summary)).to.deep.equal(['/etc/sysctl.conf: net.ipv4.ip_forward removed']);
      expect(changes[0]!.diff!.after).to.equal(conf);
      expect(plan({ name: 'net.ipv4.ip_forward', state: 'absent' }, fwd)).to.deep.equal([]);
    });
  });

  describe('file edits', () => {
    it('replaces the value in place keeping the spacing, and drops later duplicates', () => {
      const c = 'a=1\n  net.ipv4.ip_forward = 0 # x\nb=2\nnet/ipv4/ip_forward=0\n';
      expect(setSysctlKey('a=1\n  net.ipv4.ip_forward = 0\nb=2\nnet/ipv4/ip_forward=0\n', 'net.ipv4.ip_forward', '1')).to.equal('a=1\n  net.ipv4.ip_forward = 1\nb=2\n');
      expect(sysctlFileValue(c, 'net.ipv4.ip_forward')).to.equal('0');
    });
    it('leaves comments alone, appends after a file without a final newline', () => {
      expect(setSysctlKey('#net.ipv4.ip_forward=1', 'net.ipv4.ip_forward', '1')).to.equal('#net.ipv4.ip_forward=1\nnet.ipv4.ip_forward=1\n');
      expect(setSysctlKey('', 'k.x', '1')).to.equal('k.x=1\n');
    });
    it('is unchanged when the only line already has the value; removes every line of the key', () => {
      expect(setSysctlKey('-k.x=1\n', 'k.x', '1')).to.equal('-k.x=1\n');
      expect(removeSysctlKey('k.x=1\n# k.x=2\nk.y=3\nk.x = 4\n', 'k.x')).to.equal('# k.x=2\nk.y=3\n');
    });
  });

  describe('arguments', () => {
    const bad = (raw: Record<string, unknown>, field: string): void => {
      const e = (() => { try { prepareArgs(sysctl, raw, {}, { task: 't' }); } catch (x) { return x; } return undefined; })();
      expect(e).to.be.instanceOf(ArgsError);
      expect((e as ArgsError).where.field).to.equal(field);
    };
    it('refuses a missing value, a bad key, a relative file, an unknown state or argument', () => {
      bad({ name: 'net.ipv4.ip_forward' }, 'value');
      bad({ name: '-p', value: '1' }, 'name');
      bad({ name: 'a.b', value: '1', sysctlFile: 'sysctl.conf' }, 'sysctlFile');
      bad({ name: 'a.b', value: '1', state: 'gone' }, 'state');
      bad({ name: 'a.b', value: '1\nb.c=2' }, 'value');
      bad({ name: 'a.b', value: '1', ignoreerrors: true }, 'ignoreerrors');
    });
    it('accepts the Ansible spellings', () => {
      expect(prepareArgs(sysctl, { name: 'a.b', val: '1', sysctl_file: '/etc/sysctl.d/x.conf', reload: 'no' }, {})).to.deep.equal({
        name: 'a.b', value: '1', state: 'present', sysctlFile: '/etc/sysctl.d/x.conf', reload: false,
      });
    });
  });
});
