// A task's variables through `tsible play`: loops keep hostvars, ansible_check_mode/ansible_diff_mode, registered results over task vars.
import { expect } from 'chai';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
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

  it('{{ }} in literal module arguments renders per host and loop item (checked after rendering); literal ones are checked before any host', async () => {
    const inventory = join(dir, 'inventory.ini');
    writeFileSync(inventory, ['me ansible_connection=local file_mode=0640', 'bad ansible_connection=local file_mode=0640 flag_mode=banana', ''].join('\n'));
    const playbook = join(import.meta.dirname, '../../fixtures/engine/templated-args.ts');
    const r = await runCli(['play', playbook, '-i', inventory, '-e', `dir=${dir}`]);
    expect(r.code, r.stdout + r.stderr).to.equal(2);
    expect(readFileSync(join(dir, 'me-a'), 'utf8')).to.equal('A for host me\n');
    expect(readFileSync(join(dir, 'bad-c'), 'utf8')).to.equal('C for host bad\n');
    expect(statSync(join(dir, 'me-a')).mode & 0o777).to.equal(0o640);
    expect(statSync(join(dir, 'me.flag')).mode & 0o777).to.equal(0o600);
    expect(existsSync(join(dir, 'bad.flag'))).to.equal(false);
    expect(r.stdout).to.match(/fatal: \[bad\]: FAILED! .*mode/);
    expect(readdirSync(dir).filter((f) => f.includes('{{'))).to.deep.equal([]);
    const len = readdirSync(dir).find((f) => f.startsWith('len-'));
    expect(len && readFileSync(join(dir, len), 'utf8'), 'shell ${#a} left alone').to.equal('3\n');
    const again = await runCli(['play', playbook, '-i', inventory, '-e', `dir=${dir}`, '-l', 'me']);
    expect(again.stdout, again.stdout).to.match(/me\s+: ok=3\s+changed=0/);
  });

  it('when, loop, changedWhen, failedWhen and until written as Jinja (Ansible\'s habit) work as the functions do; a bad condition is refused before any host', async () => {
    const inventory = join(dir, 'inventory.ini');
    writeFileSync(inventory, ['[web]', 'w1 ansible_connection=local', '[db]', 'd1 ansible_connection=local', ''].join('\n'));
    const playbook = join(import.meta.dirname, '../../fixtures/engine/jinja-conditions.ts');
    const r = await runCli(['play', playbook, '-i', inventory, '-e', `dir=${dir}`]);
    expect(r.code, r.stdout + r.stderr).to.equal(0);
    expect(readdirSync(dir).filter((f) => !f.endsWith('.ini')).sort()).to.deep.equal(['d1-a', 'd1-c', 'd1-out', 'w1-a', 'w1-c', 'w1-out', 'w1-web']);
    expect(readFileSync(join(dir, 'w1-out'), 'utf8')).to.equal('already there\n');
    expect(r.stdout).to.match(/w1\s+: ok=5\s+changed=4\s/).and.match(/d1\s+: ok=4\s+changed=3\s+unreachable=0\s+failed=0\s+skipped=1/);
    const bad = join(dir, 'bad.ts');
    writeFileSync(bad, readFileSync(playbook, 'utf8').replaceAll('../../../', join(import.meta.dirname, '../../../') + '/').replace("when: 'item != skip'", "when: 'item !='"));
    const refused = await runCli(['play', bad, '-i', inventory, '-e', `dir=${dir}/none`]);
    expect(refused.code).to.equal(5);
    expect(refused.stderr).to.match(/field "when": bad condition "item !="/);
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
