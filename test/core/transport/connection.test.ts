// connectionFor: Ansible and tsible variable names, tsible winning, CLI defaults, and type errors naming host and variable.
import { homedir } from 'node:os';
import { expect } from 'chai';
import { ArgsError } from '../../../core/errors.ts';
import { connectionFor, type Connection } from '../../../core/transport/connection.ts';
import type { Vars } from '../../../core/inventory/types.ts';
import { Secret, isSecret } from '../../../core/secret.ts';
import { iniInventory } from '../inventory/helpers.ts';

const host = (vars: Vars, name = 'web1') => ({ name, groups: [], vars });

describe('connectionFor', () => {
  it('defaults to ssh to the inventory name on port 22', () => {
    expect(connectionFor(host({}))).to.deep.equal({ transport: 'ssh', address: 'web1', port: 22 });
  });

  const table: [string, Vars, Partial<Connection>][] = [
    ['ansible_host', { ansible_host: '192.168.200.11' }, { address: '192.168.200.11' }],
    ['ansible_ssh_host (old name)', { ansible_ssh_host: '10.0.0.1' }, { address: '10.0.0.1' }],
    ['tsible_host wins', { ansible_host: 'a', tsible_host: 't' }, { address: 't' }],
    ['ansible_port number', { ansible_port: 2222 }, { port: 2222 }],
    ['ansible_port string', { ansible_port: '2200' }, { port: 2200 }],
    ['tsible_port wins', { ansible_port: 1, tsible_port: 2 }, { port: 2 }],
    ['ansible_user', { ansible_user: 'admin' }, { user: 'admin' }],
    ['tsible_user wins', { ansible_user: 'a', tsible_user: 't' }, { user: 't' }],
    ['ansible_ssh_private_key_file', { ansible_ssh_private_key_file: '/k' }, { keyFiles: ['/k'] }],
    ['tsible_key_file list', { tsible_key_file: ['/a', '/b'], ansible_ssh_private_key_file: '/k' }, { keyFiles: ['/a', '/b'] }],
    ['~ in key file', { tsible_key_file: '~/.ssh/lab' }, { keyFiles: [`${homedir()}/.ssh/lab`] }],
    ['ansible_connection=local', { ansible_connection: 'local' }, { transport: 'local' }],
    ['ansible_connection=smart is ssh', { ansible_connection: 'smart' }, { transport: 'ssh' }],
    ['tsible_connection wins', { ansible_connection: 'local', tsible_connection: 'ssh' }, { transport: 'ssh' }],
    ['tsible_jump string', { tsible_jump: 'lb' }, { jump: ['lb'] }],
    ['tsible_jump comma string', { tsible_jump: 'admin@gw:2222, lb' }, { jump: ['admin@gw:2222', 'lb'] }],
    ['tsible_jump list', { tsible_jump: ['gw', 'lb'] }, { jump: ['gw', 'lb'] }],
    ['tsible_jump empty: no jump', { tsible_jump: '' }, { jump: [] }],
    ['ProxyJump in common args', { ansible_ssh_common_args: '-o ProxyJump=lb' }, { jump: ['lb'] }],
    ['-J in extra args wins over common args', { ansible_ssh_common_args: '-J a', ansible_ssh_extra_args: '-J b' }, { jump: ['b'] }],
    ['tsible_jump wins over ssh args', { ansible_ssh_common_args: '-J a', tsible_jump: 'lb' }, { jump: ['lb'] }],
    ['port from ssh args', { ansible_ssh_common_args: '-p 2022' }, { port: 2022 }],
    ['ansible_port wins over ssh args', { ansible_ssh_common_args: '-p 2022', ansible_port: 22 }, { port: 22 }],
    ['tsible_known_hosts', { tsible_known_hosts: '/a,/b' }, { knownHostsFiles: ['/a', '/b'] }],
    ['tsible_ssh_config wins over -F', { tsible_ssh_config: '/t', ansible_ssh_common_args: '-F /a' }, { sshConfigFile: '/t' }],
    ['tsible_accept_new_host_keys', { tsible_accept_new_host_keys: 'yes' }, { acceptNewHostKeys: true }],
    ['ansible_host_key_checking=false means accept-new', { ansible_host_key_checking: false }, { acceptNewHostKeys: true }],
    ['ansible_become yes', { ansible_become: 'yes' }, { become: true }],
    ['ansible_become true', { ansible_become: true, ansible_become_user: 'postgres' }, { become: true, becomeUser: 'postgres' }],
    ['tsible_become wins', { ansible_become: true, tsible_become: false }, { become: false }],
    ['timeouts in seconds', { ansible_timeout: 5, tsible_command_timeout: '1.5' }, { connectTimeoutMs: 5000, commandTimeoutMs: 1500 }],
  ];
  for (const [what, vars, want] of table) {
    it(what, () => expect(connectionFor(host(vars))).to.deep.include(want));
  }

  it('reads the lab inventory’s ssh arguments (lab/outputs.ts)', () => {
    const inv = iniInventory(
      "web1 ansible_host=192.168.200.11 ansible_ssh_common_args='-F /lab/ssh_config -o UserKnownHostsFile=/lab/known_hosts -o StrictHostKeyChecking=yes -o ProxyJump=root@lb'\n",
    );
    expect(connectionFor(inv.hosts.get('web1')!)).to.deep.equal({
      transport: 'ssh', address: '192.168.200.11', port: 22, jump: ['root@lb'], sshConfigFile: '/lab/ssh_config',
      knownHostsFiles: ['/lab/known_hosts'], acceptNewHostKeys: false,
    });
  });

  it('makes Secrets of passwords, from any of their names', () => {
    for (const name of ['ansible_password', 'ansible_ssh_pass', 'tsible_password']) {
      const c = connectionFor(host({ [name]: 'pw' }));
      expect(isSecret(c.password), name).to.equal(true);
      expect(c.password!.reveal()).to.equal('pw');
    }
    for (const name of ['ansible_become_password', 'ansible_become_pass', 'tsible_become_password']) {
      const c = connectionFor(host({ [name]: new Secret('bp') }));
      expect(c.becomePassword!.reveal(), name).to.equal('bp');
    }
    const both = connectionFor(host({ ansible_become_password: 'a', tsible_become_password: 'b' }));
    expect(both.becomePassword!.reveal()).to.equal('b');
  });

  it('uses CLI options as defaults that host variables override', () => {
    const cli = {
      user: 'cli',
      privateKey: '/cli/key',
      become: true,
      becomeUser: 'root',
      askBecomePass: new Secret('typed'),
      connectTimeoutMs: 3000,
      acceptNewHostKeys: true,
      knownHostsFiles: ['/cli/kh'],
    };
    expect(connectionFor(host({}), cli)).to.deep.equal({
      transport: 'ssh', address: 'web1', port: 22, user: 'cli', keyFiles: ['/cli/key'], become: true, becomeUser: 'root',
      becomePassword: cli.askBecomePass, connectTimeoutMs: 3000, acceptNewHostKeys: true, knownHostsFiles: ['/cli/kh'],
    });
    const c = connectionFor(host({ ansible_user: 'inv', ansible_become: false, tsible_known_hosts: '/inv/kh', ansible_become_pass: 'inv' }), cli);
    expect(c).to.deep.include({ user: 'inv', become: false, knownHostsFiles: ['/inv/kh'] });
    expect(c.becomePassword!.reveal()).to.equal('inv');
  });

  const errors: [Vars, string][] = [
    [{ ansible_port: 'ssh' }, 'host web1, field "ansible_port": ansible_port must be a port number (1-65535), got "ssh"'],
    [{ tsible_port: 70000 }, 'field "tsible_port": tsible_port must be a port number (1-65535), got number 70000'],
    [{ ansible_port: 22.5 }, 'must be a port number'],
    [{ ansible_host: ['a'] }, 'field "ansible_host": ansible_host must be a non-empty string, got a list'],
    [{ ansible_user: '' }, 'field "ansible_user": ansible_user must be a non-empty string'],
    [{ ansible_become: 'maybe' }, 'field "ansible_become": ansible_become must be a boolean (true/false, yes/no), got "maybe"'],
    [{ ansible_connection: 'docker' }, 'field "ansible_connection": connection type "docker" is not supported'],
    [{ ansible_become_method: 'doas' }, 'field "ansible_become_method": become method "doas" is not supported (tsible speaks sudo and su)'],
    [{ tsible_jump: 7 }, 'field "tsible_jump": tsible_jump must be a string or a list of strings'],
    [{ tsible_jump: 'web1' }, 'host web1 cannot be its own jump host'],
    [{ ansible_timeout: 'soon' }, 'field "ansible_timeout": ansible_timeout must be a number of seconds'],
    [{ ansible_ssh_common_args: '-o ForwardAgent=yes' }, 'field "ansible_ssh_common_args": unsupported ssh option "ForwardAgent"'],
    [{ ansible_password: { a: 1 } }, 'field "ansible_password": ansible_password must be a string, got an object'],
  ];
  for (const [vars, message] of errors) {
    it(`refuses ${JSON.stringify(vars)}`, () => expect(() => connectionFor(host(vars))).to.throw(ArgsError, message));
  }
  it('never prints a password in an error', () => {
    expect(() => connectionFor(host({ ansible_password: new Secret('hunter2'), ansible_port: 'x' }))).to.throw(ArgsError).with.property('message').that.does.not.include('hunter2');
    expect(() => connectionFor(host({ ansible_port: new Secret('hunter2') }))).to.throw(ArgsError, 'ansible_port must be a port number (1-65535), got a secret value')
      .with.property('message').that.does.not.include('hunter2');
  });
  it('uses secret settings (a vault-encrypted inventory) as their values', () => {
    const c = connectionFor(host({ ansible_host: new Secret('10.1.2.3'), ansible_user: new Secret('deploy'), ansible_port: new Secret('2222'), ansible_password: new Secret('pw') }));
    expect(c).to.include({ address: '10.1.2.3', user: 'deploy', port: 2222 });
    expect(c.password!.reveal()).to.equal('pw');
  });
});
