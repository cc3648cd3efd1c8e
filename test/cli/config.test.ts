// ansible.cfg / tsible.cfg / ANSIBLE_* against a real sshd: each setting changes how tsible logs in, and flags and inventory variables win as in Ansible.
import { expect } from 'chai';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, useSshdTargets } from '../support/cli.ts';

describe('config files and ANSIBLE_* variables (real sshd)', function () {
  this.timeout(60_000);
  const t = useSshdTargets(1, 'config', (lab) => {
    lab.addUser('cfgdeploy');
    lab.addUser('cfgapp', { password: 'su-Secret-77' });
  });
  let project: string;
  let home: string;
  /** A project folder with `ansible.cfg` (lines) and an inventory of the server with only its address (and port unless `noPort`). */
  const setUp = (cfg: string[], o: { noPort?: boolean; hostVars?: string; file?: string } = {}) => {
    project = join(t.dir, 'project');
    home = join(t.dir, 'home');
    mkdirSync(project, { recursive: true, mode: 0o755 });
    mkdirSync(home, { recursive: true });
    const s = t.servers[0];
    writeFileSync(join(project, 'hosts.ini'), `[targets]\n${s.name} ansible_host=${s.address}${o.noPort ? '' : ` ansible_port=${s.port}`}${o.hostVars ? ` ${o.hostVars}` : ''}\n`);
    writeFileSync(join(project, o.file ?? 'ansible.cfg'), cfg.join('\n') + '\n');
  };
  /** The usual login settings, as an ansible.cfg user writes them. */
  const loginCfg = (user = 'cfgdeploy') => [
    '[defaults]', 'inventory = hosts.ini', `remote_user = ${user}`, `private_key_file = ${t.lab.clientKeyFile}`,
    '[ssh_connection]', `ssh_common_args = -o UserKnownHostsFile=${t.lab.knownHostsFile}`,
  ];
  const whoami = (extra: string[] = [], env: Record<string, string> = {}) => runCli(['targets', '-a', 'id -un', ...extra], project, { env, home });

  it('remote_user, private_key_file, inventory and ssh_common_args from ./ansible.cfg: logs in as that user with that key', async () => {
    setUp(loginCfg());
    const r = await whoami();
    expect(r.code, r.stderr + r.stdout).to.equal(0);
    expect(r.stdout).to.include('| CHANGED | rc=0 >>\ncfgdeploy\n');
  });

  it('the same command without the config file finds no inventory (the file is what made it work)', async () => {
    setUp(loginCfg(), { file: 'unused.cfg' });
    const r = await whoami();
    expect(r.code).to.equal(5);
    expect(r.stderr).to.include('pattern "targets" matches no host or group');
  });

  it('precedence as Ansible: inventory ansible_user > -u > ANSIBLE_REMOTE_USER > ansible.cfg', async () => {
    setUp(loginCfg());
    expect((await whoami([], { ANSIBLE_REMOTE_USER: 'root' })).stdout).to.include('\nroot\n');
    expect((await whoami(['-u', 'root'], { ANSIBLE_REMOTE_USER: 'cfgdeploy' })).stdout).to.include('\nroot\n');
    setUp(loginCfg('root'), { hostVars: 'ansible_user=cfgdeploy' });
    const r = await whoami(['-u', 'root']);
    expect(r.stdout, r.stderr).to.include('\ncfgdeploy\n');
  });

  it('tsible.cfg wins over ansible.cfg, and TSIBLE_* over ANSIBLE_*', async () => {
    setUp(loginCfg('root'));
    writeFileSync(join(project, 'tsible.cfg'), '[defaults]\nremote_user = cfgdeploy\n');
    expect((await whoami()).stdout).to.include('\ncfgdeploy\n');
    expect((await whoami([], { ANSIBLE_REMOTE_USER: 'cfgdeploy', TSIBLE_REMOTE_USER: 'root' })).stdout).to.include('\nroot\n');
  });

  it('ANSIBLE_CONFIG names the file; ANSIBLE_INVENTORY and ANSIBLE_PRIVATE_KEY_FILE work alone', async () => {
    setUp(loginCfg(), { file: 'elsewhere.cfg' });
    expect((await whoami([], { ANSIBLE_CONFIG: join(project, 'elsewhere.cfg') })).stdout).to.include('\ncfgdeploy\n');
    const r = await whoami(['--ssh-common-args', `-o UserKnownHostsFile=${t.lab.knownHostsFile}`, '-u', 'cfgdeploy'], {
      ANSIBLE_CONFIG: join(project, 'missing.cfg'), ANSIBLE_INVENTORY: join(project, 'hosts.ini'), ANSIBLE_PRIVATE_KEY_FILE: t.lab.clientKeyFile,
    });
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stdout).to.include('\ncfgdeploy\n');
  });

  it('remote_port from the config when the inventory gives none', async () => {
    setUp([...loginCfg(), '[defaults]', `remote_port = ${t.servers[0].port}`], { noPort: true });
    const r = await whoami();
    expect(r.code, r.stderr + r.stdout).to.equal(0);
  });

  it('host_key_checking = False records an unknown host key; True (the default) refuses it: unreachable, exit 4', async () => {
    const knownHosts = join(t.dir, 'empty_known_hosts');
    writeFileSync(knownHosts, '');
    const cfg = ['[defaults]', 'inventory = hosts.ini', 'remote_user = root', `private_key_file = ${t.lab.clientKeyFile}`,
      '[ssh_connection]', `ssh_common_args = -o UserKnownHostsFile=${knownHosts}`];
    setUp(cfg);
    const refused = await whoami();
    expect(refused.code).to.equal(4);
    expect(refused.stdout).to.include('UNREACHABLE');
    const accepted = await whoami([], { ANSIBLE_HOST_KEY_CHECKING: 'False' });
    expect(accepted.code, accepted.stdout).to.equal(0);
    expect(readFileSync(knownHosts, 'utf8')).to.include(t.servers[0].hostPublicKey.split(' ')[1]);
  });

  it('[privilege_escalation] become/become_user; become_method = su (as root: no password asked)', async () => {
    setUp(['[defaults]', 'inventory = hosts.ini', 'remote_user = root', `private_key_file = ${t.lab.clientKeyFile}`,
      '[privilege_escalation]', 'become = True', 'become_user = cfgapp', 'become_method = su',
      '[ssh_connection]', `ssh_common_args = -o UserKnownHostsFile=${t.lab.knownHostsFile}`]);
    const r = await whoami();
    expect(r.code, r.stderr + r.stdout).to.equal(0);
    expect(r.stdout).to.include('\ncfgapp\n');
    const sudo = await whoami(['--become-method', 'sudo', '--become-user', 'cfgdeploy']);
    expect(sudo.stdout, sudo.stderr).to.include('\ncfgdeploy\n');
  });

  it('--become-method su with a password (read by su from standard input, never printed); a wrong one fails clearly', async () => {
    setUp(loginCfg('cfgdeploy'));
    const ok = await whoami(['-b', '--become-method', 'su', '--become-user', 'cfgapp', '-e', 'ansible_become_password=su-Secret-77']);
    expect(ok.code, ok.stderr + ok.stdout).to.equal(0);
    expect(ok.stdout).to.include('\ncfgapp\n');
    const bad = await whoami(['-b', '--become-method', 'su', '--become-user', 'cfgapp', '-e', 'ansible_become_password=wrong-Pass-1']);
    expect(bad.code).to.equal(2);
    expect(bad.stdout).to.include('become: su did not run the command as').and.include('su: Authentication failure');
    expect(bad.stdout + bad.stderr).not.to.include('wrong-Pass-1');
    const none = await whoami(['-b', '--become-method', 'su', '--become-user', 'cfgapp']);
    expect(none.code).to.equal(2);
    expect(none.stdout).to.include('su asks for a password');
  });

  it('other become methods are refused before anything runs', async () => {
    setUp(loginCfg());
    const r = await whoami(['-b', '--become-method', 'doas']);
    expect(r.code).to.equal(5);
    expect(r.stderr).to.include('become method "doas" is not supported (tsible speaks sudo and su)');
    writeFileSync(join(project, 'ansible.cfg'), [...loginCfg(), '[privilege_escalation]', 'become_method = pbrun'].join('\n'));
    expect((await whoami()).stderr).to.include('become method "pbrun" is not supported');
  });

  it('--ssh-extra-args, and ansible_ssh_common_args in the inventory replaces --ssh-common-args', async () => {
    setUp(['[defaults]', 'inventory = hosts.ini', 'remote_user = root', `private_key_file = ${t.lab.clientKeyFile}`]);
    const r = await whoami(['--ssh-extra-args', `-o UserKnownHostsFile=${t.lab.knownHostsFile}`]);
    expect(r.code, r.stdout).to.equal(0);
    setUp(['[defaults]', 'inventory = hosts.ini', 'remote_user = root', `private_key_file = ${t.lab.clientKeyFile}`],
      { hostVars: `ansible_ssh_common_args='-o UserKnownHostsFile=${t.lab.knownHostsFile}'` });
    const overridden = await whoami(['--ssh-common-args', '-o UserKnownHostsFile=/nonexistent/known_hosts']);
    expect(overridden.code, overridden.stdout).to.equal(0);
  });

  it('-c local runs on this machine whatever the inventory says; a bad -c is refused', async () => {
    setUp(['[defaults]', 'inventory = hosts.ini']);
    const r = await runCli(['targets', '-c', 'local', '-a', 'echo local-run'], project, { env: {}, home });
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stdout).to.include('local-run');
    const bad = await runCli(['targets', '-c', 'docker', '-a', 'true'], project, { env: {}, home });
    expect(bad.code).to.equal(5);
    expect(bad.stderr).to.include('connection type "docker" is not supported');
  });

  it('tsible config dump shows each value and where it came from', async () => {
    setUp(loginCfg());
    const r = await runCli(['config', 'dump', '--only-changed'], project, { env: { ANSIBLE_FORKS: '4' }, home });
    expect(r.code, r.stderr).to.equal(0);
    const cfg = join(project, 'ansible.cfg');
    expect(r.stdout).to.include(`CONFIG_FILE(ansible.cfg) = ${cfg}\n`)
      .and.include(`remote_user(${cfg}:3) = cfgdeploy\n`)
      .and.include(`inventory(${cfg}:2) = ${join(project, 'hosts.ini')}\n`)
      .and.include('forks(env: ANSIBLE_FORKS) = 4\n');
    expect(r.stdout).not.to.include('(default)');
  });
});
