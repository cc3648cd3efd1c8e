// hostname: plan() over facts parsed from real output (lab container web1, VM lb2, the dev machine) and the /etc/hosts edit.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { ArgsError } from '../../core/errors.ts';
import { prepareArgs } from '../../core/engine/run-module.ts';
import type { Change } from '../../core/module.ts';
import { toDisplay } from '../../core/quote.ts';
import { parseHostnameState } from '../../modules/facts/hostname-state.ts';
import { hostname, type HostnameArgs, type HostnameFacts } from '../../modules/hostname.ts';
import { setLoopbackLine } from '../../modules/lib/hosts-file.ts';

const dir = new URL('../fixtures/modules/hostname/', import.meta.url);
const facts = (name: string): HostnameFacts => parseHostnameState(readFileSync(new URL(`${name}.txt`, dir), 'utf8'));
const plan = (raw: Record<string, unknown>, f: HostnameFacts): Change[] => hostname.plan(prepareArgs(hostname, raw, {}) as HostnameArgs, f);
const show = (changes: Change[]): string[][] => changes.map((c) => [c.summary, ...c.steps.map((s) => (s.kind === 'run' ? toDisplay(s.command) : s.kind === 'put' ? `put ${s.path} ${s.mode.toString(8)} ${s.owner}:${s.group}` : s.kind))]);
const content = (f: HostnameFacts['hostsFile']): string => (f.exists ? f.content : '');

describe('hostname module', () => {
  it('facts: live name, /etc/hostname and /etc/hosts with their modes (web1, lb2, dev machine)', () => {
    const web1 = facts('web1');
    expect(web1.live).to.equal('web1');
    expect(web1.hostnameFile).to.include({ exists: true, mode: 0o644, content: 'web1\n' });
    expect(content(web1.hostsFile)).to.match(/^127\.0\.1\.1\tweb1$/m);
    expect(facts('lb2').live).to.equal('lb2');
    expect(facts('dev-machine').hostsFile).to.include({ mode: 0o755 });
  });

  it('converged (the lab hosts as they are) → no change', () => {
    expect(plan({ name: 'web1' }, facts('web1'))).to.deep.equal([]);
    expect(plan({ name: 'lb2' }, facts('lb2'))).to.deep.equal([]);
  });

  it('renaming web1: live, /etc/hostname and the 127.0.1.1 line, modes and owners kept, other lines untouched', () => {
    const f = facts('web1');
    const changes = plan({ name: 'DebianWeb1' }, f);
    expect(show(changes)).to.deep.equal([
      ['hostname: web1 → DebianWeb1', 'hostname DebianWeb1'],
      ['/etc/hostname: DebianWeb1', 'put /etc/hostname 644 root:root'],
      ['/etc/hosts: 127.0.1.1 DebianWeb1', 'put /etc/hosts 644 root:root'],
    ]);
    expect(changes[1]!.diff).to.deep.equal({ path: '/etc/hostname', before: 'web1\n', after: 'DebianWeb1\n' });
    const before = content(f.hostsFile);
    expect(changes[2]!.diff!.after).to.equal(before.replace('127.0.1.1\tweb1\n', '127.0.1.1\tDebianWeb1\n'));
    expect(changes[2]!.diff!.after).to.contain('192.168.200.11\tweb1'); // the lab's own line stays
  });

  it('only the live name differs (set by hand, files right) → only hostname runs', () => {
    expect(show(plan({ name: 'lb2' }, { ...facts('lb2'), live: 'localhost' }))).to.deep.equal([['hostname: localhost → lb2', 'hostname lb2']]);
  });

  it('dev machine: no 127.0.1.1 line → added after 127.0.0.1 lines\' first, the 0755 mode kept', () => {
    const f = facts('dev-machine');
    const changes = plan({ name: 'vm' }, f);
    expect(show(changes)).to.deep.equal([['/etc/hosts: 127.0.1.1 vm', 'put /etc/hosts 755 root:root']]);
    expect(changes[0]!.diff!.after).to.equal('127.0.0.1 localhost\n127.0.1.1\tvm\n127.0.0.1 runsc\n127.0.0.1 vm\n');
  });

  it('a fully qualified name puts both names on the line; a missing /etc/hostname is created 0644', () => {
    const f: HostnameFacts = { ...facts('web1'), hostnameFile: { exists: false, path: '/etc/hostname' } };
    const changes = plan({ name: 'lb1.example.org' }, f);
    expect(changes.map((c) => c.summary)).to.deep.equal(['hostname: web1 → lb1.example.org', '/etc/hostname: lb1.example.org', '/etc/hosts: 127.0.1.1 lb1.example.org']);
    expect(changes[1]!.steps[0]).to.deep.include({ kind: 'put', mode: 0o644, content: 'lb1.example.org\n' });
    expect(changes[2]!.diff!.after).to.match(/^127\.0\.1\.1\tlb1\.example\.org lb1$/m);
  });

  it('/etc/hosts edits: same names with other spacing or a comment → untouched; nothing at all → line on top', () => {
    expect(setLoopbackLine('127.0.1.1   web1   # me\n', 'web1')).to.equal('127.0.1.1   web1   # me\n');
    expect(setLoopbackLine('127.0.1.1 web1.lan web1\n', 'web1')).to.equal('127.0.1.1\tweb1\n');
    expect(setLoopbackLine('', 'web1')).to.equal('127.0.1.1\tweb1\n');
    expect(setLoopbackLine('# 127.0.1.1 old\n::1 localhost\n', 'web1')).to.equal('127.0.1.1\tweb1\n# 127.0.1.1 old\n::1 localhost\n');
  });

  it('bad names are an ArgsError naming the field', () => {
    for (const name of ['-rf', 'web_1', 'a..b', 'x'.repeat(65), 'web1.', 'we b']) {
      let err: unknown;
      try { prepareArgs(hostname, { name }, {}); } catch (e) { err = e; }
      expect(err, name).to.be.instanceOf(ArgsError);
      expect((err as ArgsError).where.field).to.equal('name');
    }
  });
});
