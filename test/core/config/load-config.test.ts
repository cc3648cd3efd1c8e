// loadConfig: Ansible's file lookup order, TSIBLE_* over ANSIBLE_* over tsible.cfg over ansible.cfg over defaults, types and origins.
import { expect } from 'chai';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../../core/config/load-config.ts';
import { renderConfigDump } from '../../../core/config/render-dump.ts';
import { ArgsError } from '../../../core/errors.ts';

describe('loadConfig', () => {
  let dir: string;
  let cwd: string;
  let home: string;
  let etc: { ansible: string; tsible: string };
  const load = (env: Record<string, string> = {}) => loadConfig({ env, cwd, home, systemDir: etc });
  beforeEach(() => {
    dir = mkdtempSync('/tmp/tsible-config-test-');
    cwd = join(dir, 'project');
    home = join(dir, 'home');
    etc = { ansible: join(dir, 'etc-ansible'), tsible: join(dir, 'etc-tsible') };
    for (const d of [cwd, home, etc.ansible, etc.tsible]) mkdirSync(d, { mode: 0o755 });
    chmodSync(cwd, 0o755);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('defaults when nothing is set (forks 50, host key checking on, sudo as root)', () => {
    const c = load();
    expect(c.files).to.deep.equal({ ansible: undefined, tsible: undefined });
    expect(c.values).to.include({ forks: 50, host_key_checking: true, become: false, become_method: 'sudo', become_user: 'root', timeout: 10 });
    expect(c.values.remote_user).to.equal(undefined);
    expect(c.origins.forks).to.equal('default');
  });

  it('reads only the first file of ANSIBLE_CONFIG, ./ansible.cfg, ~/.ansible.cfg, /etc/ansible/ansible.cfg', () => {
    writeFileSync(join(etc.ansible, 'ansible.cfg'), '[defaults]\nremote_user = etc\n');
    expect(load().values.remote_user).to.equal('etc');
    writeFileSync(join(home, '.ansible.cfg'), '[defaults]\nremote_user = home\n');
    expect(load().values.remote_user).to.equal('home');
    writeFileSync(join(cwd, 'ansible.cfg'), '[defaults]\nforks = 3\n');
    const c = load();
    expect(c.values.remote_user).to.equal(undefined); // one file only: ~/.ansible.cfg is not merged in
    expect(c.values.forks).to.equal(3);
    expect(c.origins.forks).to.equal(`${join(cwd, 'ansible.cfg')}:2`);
    const other = join(dir, 'other.cfg');
    writeFileSync(other, '[defaults]\nremote_user = env\n');
    expect(load({ ANSIBLE_CONFIG: other }).values.remote_user).to.equal('env');
    mkdirSync(join(dir, 'cfgdir'));
    writeFileSync(join(dir, 'cfgdir', 'ansible.cfg'), '[defaults]\nremote_user = folder\n');
    expect(load({ ANSIBLE_CONFIG: join(dir, 'cfgdir') }).values.remote_user).to.equal('folder');
    expect(load({ ANSIBLE_CONFIG: join(dir, 'missing.cfg') }).files.ansible).to.equal(join(cwd, 'ansible.cfg'));
  });

  it('ignores ./ansible.cfg in a world-writable folder, with a warning (as Ansible)', () => {
    writeFileSync(join(cwd, 'ansible.cfg'), '[defaults]\nremote_user = mallory\n');
    chmodSync(cwd, 0o777);
    const c = load();
    expect(c.values.remote_user).to.equal(undefined);
    expect(c.warnings.join()).to.include('world writable directory');
  });

  it('precedence: TSIBLE_* > ANSIBLE_* > tsible.cfg > ansible.cfg > default, each with its origin', () => {
    writeFileSync(join(cwd, 'ansible.cfg'), '[defaults]\nforks = 3\nremote_user = a\ntimeout = 7\n');
    writeFileSync(join(cwd, 'tsible.cfg'), '[defaults]\nforks = 4\nremote_user = t\n');
    let c = load();
    expect(c.values).to.include({ forks: 4, remote_user: 't', timeout: 7 });
    expect(c.origins.timeout).to.equal(`${join(cwd, 'ansible.cfg')}:4`);
    c = load({ ANSIBLE_FORKS: '5' });
    expect(c.values.forks).to.equal(5);
    expect(c.origins.forks).to.equal('env: ANSIBLE_FORKS');
    c = load({ ANSIBLE_FORKS: '5', TSIBLE_FORKS: '6' });
    expect(c.values.forks).to.equal(6);
    expect(c.origins.forks).to.equal('env: TSIBLE_FORKS');
  });

  it('types: booleans as Ansible spells them, paths against the config file\'s folder and ~, inventory lists', () => {
    writeFileSync(join(cwd, 'ansible.cfg'), [
      '[defaults]', 'inventory = hosts.ini, ~/inv', 'private_key_file = keys/id', 'host_key_checking = False',
      '[privilege_escalation]', 'become = yes', 'become_method = su', 'become_user = app', 'become_ask_pass = on',
      '[ssh_connection]', 'ssh_common_args = -o ProxyJump=bastion', 'pipelining = True', '',
    ].join('\n'));
    const c = load();
    expect(c.values.inventory).to.deep.equal([join(cwd, 'hosts.ini'), join(home, 'inv')]);
    expect(c.values).to.include({ private_key_file: join(cwd, 'keys/id'), host_key_checking: false, become: true, become_method: 'su', become_user: 'app', become_ask_pass: true });
    expect(c.values.ssh_common_args).to.equal('-o ProxyJump=bastion');
    expect(load({ ANSIBLE_INVENTORY: 'a.ini,b.ini' }).values.inventory).to.deep.equal([join(cwd, 'a.ini'), join(cwd, 'b.ini')]);
    expect(load({ TSIBLE_INVENTORY: '/x/a.ini:/x/b.ini' }).values.inventory).to.deep.equal(['/x/a.ini', '/x/b.ini']);
  });

  it('a value of the wrong type is an ArgsError naming the file and line, or the variable', () => {
    writeFileSync(join(cwd, 'ansible.cfg'), '[defaults]\n\nforks = many\n');
    expect(() => load()).to.throw(ArgsError, `${join(cwd, 'ansible.cfg')}:3`).with.property('exitCode', 5);
    rmSync(join(cwd, 'ansible.cfg'));
    expect(() => load({ ANSIBLE_HOST_KEY_CHECKING: 'maybe' })).to.throw(ArgsError, 'ANSIBLE_HOST_KEY_CHECKING');
  });

  it('config dump: every setting with its origin, or only the changed ones', () => {
    writeFileSync(join(cwd, 'ansible.cfg'), '[defaults]\nremote_user = deploy\n[ssh_connection]\npipelining = true\n');
    const c = load({ ANSIBLE_FORKS: '9' });
    const changed = renderConfigDump(c, { onlyChanged: true });
    expect(changed.split('\n')).to.deep.equal([
      `CONFIG_FILE(ansible.cfg) = ${join(cwd, 'ansible.cfg')}`,
      'CONFIG_FILE(tsible.cfg) = None',
      `remote_user(${join(cwd, 'ansible.cfg')}:2) = deploy`,
      'forks(env: ANSIBLE_FORKS) = 9',
      `pipelining(${join(cwd, 'ansible.cfg')}:4) = true   (no effect: tsible always sends scripts on standard input)`,
      '',
    ]);
    const full = renderConfigDump(c);
    expect(full).to.include('timeout(default) = 10\n').and.include('become_method(default) = sudo\n');
  });
});
