// connectionFor with the command line's and config's defaults: -c, remote_port, --become-method, -k, ssh args; host variables still win.
import { expect } from 'chai';
import { ArgsError } from '../../../core/errors.ts';
import { Host } from '../../../core/engine/host.ts';
import { connectionFor } from '../../../core/transport/connection.ts';
import type { Vars } from '../../../core/inventory/types.ts';
import { Secret } from '../../../core/secret.ts';

const host = (vars: Vars = {}) => ({ name: 'web1', groups: [], vars });

describe('connectionFor: command-line and config defaults', () => {
  it('-c local, unless the host says ansible_connection', () => {
    expect(connectionFor(host(), { transport: 'local' }).transport).to.equal('local');
    expect(connectionFor(host({ ansible_connection: 'ssh' }), { transport: 'local' }).transport).to.equal('ssh');
  });

  it('remote_port under ansible_port and under -p in the ssh args', () => {
    expect(connectionFor(host(), { port: 2200 }).port).to.equal(2200);
    expect(connectionFor(host({ ansible_port: 2222 }), { port: 2200 }).port).to.equal(2222);
    expect(connectionFor(host(), { port: 2200, sshCommonArgs: '-p 2300' }).port).to.equal(2300);
  });

  it('--become-method su gives su to the engine; ansible_become_method wins; others refused naming the field', () => {
    const su = connectionFor(host({ ansible_become: true, ansible_become_user: 'app' }), { becomeMethod: 'su' });
    expect(su.becomeMethod).to.equal('su');
    expect(new Host('h', { name: 'h', groups: [], vars: {} }, su, () => { throw new Error('no transport'); }).becomeFor()).to.deep.equal({ user: 'app', method: 'su' });
    expect(connectionFor(host({ ansible_become_method: 'sudo' }), { becomeMethod: 'su' }).becomeMethod).to.equal(undefined);
    expect(() => connectionFor(host(), { becomeMethod: 'doas' })).to.throw(ArgsError, 'field "become_method": become method "doas" is not supported');
  });

  it('-k password under ansible_password', () => {
    const typed = new Secret('typed');
    expect(connectionFor(host(), { password: typed }).password).to.equal(typed);
    expect(connectionFor(host({ ansible_password: 'inv' }), { password: typed }).password!.reveal()).to.equal('inv');
  });

  it('ssh_args, then the common and extra args; a host\'s ansible_ssh_common_args replaces --ssh-common-args', () => {
    const cli = { sshArgs: '-C -o ControlMaster=auto -o ConnectTimeout=3', sshCommonArgs: '-o ProxyJump=bastion', sshExtraArgs: '-o ConnectTimeout=4' };
    expect(connectionFor(host(), cli)).to.include({ connectTimeoutMs: 4000 }).and.deep.include({ jump: ['bastion'] });
    expect(connectionFor(host({ ansible_ssh_common_args: '-o ProxyJump=other' }), cli).jump).to.deep.equal(['other']);
    expect(() => connectionFor(host(), { sshExtraArgs: '-R 80:localhost:80' })).to.throw(ArgsError, 'unsupported ssh argument "-R"');
  });
});
