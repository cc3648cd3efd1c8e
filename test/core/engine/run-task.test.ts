// A task's variables through `tsible play`: loops keep hostvars, ansible_check_mode/ansible_diff_mode, registered results over task vars.
import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../support/cli.ts';

describe('run-task: the variables a task sees', function () {
  this.timeout(60_000);
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'tsible-loop-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a looped task reads hostvars[item] (the peers\' ansible_host) in `when` and in its arguments', async () => {
    const inventory = join(dir, 'inventory.ini');
    writeFileSync(inventory, [
      '[first]', 'me ansible_connection=local',
      '[peers]', 'peerA ansible_host=192.0.2.1', 'peerB ansible_host=192.0.2.2', '',
    ].join('\n'));
    const playbook = join(import.meta.dirname, '../../fixtures/engine/loop-hostvars.ts');
    const r = await runCli(['play', playbook, '-i', inventory, '-e', `dir=${dir}`, '--json']);
    expect(r.code, r.stdout + r.stderr).to.equal(0);
    expect(readFileSync(join(dir, 'peer-peerA'), 'utf8')).to.equal('192.0.2.1');
    expect(readFileSync(join(dir, 'peer-peerB'), 'utf8')).to.equal('192.0.2.2');
  });

  it('{{ }} in play vars, task vars (with the loop item) and inventory values renders per host, lazily, in arguments, `when` and templates', async () => {
    const inventory = join(dir, 'inventory.ini');
    writeFileSync(inventory, [
      '[first]', 'me ansible_connection=local port=8443',
      '[peers]', 'peerA port=80', '',
      '[all:vars]', 'site_url="https://{{ inventory_hostname }}:{{ port }}"', 'unused="{{ never_defined }}"', '',
    ].join('\n'));
    const playbook = join(import.meta.dirname, '../../fixtures/engine/templated-vars.ts');
    const r = await runCli(['play', playbook, '-i', inventory, '-e', `dir=${dir}`]);
    expect(r.code, r.stdout + r.stderr).to.equal(0);
    expect(readFileSync(join(dir, 'greeting'), 'utf8')).to.equal('hi me at https://me:8443 / https://peerA:80');
    expect(readFileSync(join(dir, 'pkg-libssl'), 'utf8')).to.equal('libssl-dev');
    expect(readFileSync(join(dir, 'pkg-zlib'), 'utf8')).to.equal('zlib-dev');
    expect(readFileSync(join(dir, 'site.conf'), 'utf8')).to.equal('# Ansible managed\nhi me at https://me:8443\npeer peerA https://peerA:80\n');
  });

  for (const [flags, expected] of [[[], 'check=false diff=false'], [['--check', '--diff'], 'check=true diff=true']] as const) {
    it(`ansible_check_mode and ansible_diff_mode are the run's (${flags.join(' ') || 'no flags'}), even in a task with checkMode: false`, async () => {
      const inventory = join(dir, 'inventory.ini');
      writeFileSync(inventory, 'me ansible_connection=local\n');
      const playbook = join(import.meta.dirname, '../../fixtures/engine/magic-vars.ts');
      const r = await runCli(['play', playbook, '-i', inventory, '-e', `dir=${dir}`, ...flags]);
      expect(r.code, r.stdout + r.stderr).to.equal(0);
      expect(readFileSync(join(dir, 'modes'), 'utf8')).to.equal(expected);
      expect(readFileSync(join(dir, 'precedence'), 'utf8'), 'registered result over task var (Ansible: 19 over 17)').to.equal('object');
    });
  }
});
