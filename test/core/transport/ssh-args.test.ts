// ansible_ssh_common_args: what tsible honours, ignores, and refuses.
import { expect } from 'chai';
import { ArgsError } from '../../../core/errors.ts';
import { parseSshArgs } from '../../../core/transport/ssh-args.ts';

describe('parseSshArgs', () => {
  const where = { host: 'web1', field: 'ansible_ssh_common_args' };
  const table: [string, object][] = [
    ['-J lb', { jump: ['lb'] }],
    ['-Jadmin@lb:2222,inner', { jump: ['admin@lb:2222', 'inner'] }],
    ['-o ProxyJump=admin@lb', { jump: ['admin@lb'] }],
    ['-oProxyJump=lb', { jump: ['lb'] }],
    ['-o "ProxyJump lb"', { jump: ['lb'] }],
    ['-o ProxyJump=none', { jump: [] }],
    [`-o ProxyCommand="ssh -W %h:%p -q admin@192.168.56.10"`, { jump: ['admin@192.168.56.10'] }],
    [`-o 'ProxyCommand=ssh -p 2222 -l root -W %h:%p lb'`, { jump: ['root@lb:2222'] }],
    ['-o "ProxyCommand=nc -x proxy %h %p"', { proxyCommand: 'nc -x proxy %h %p' }],
    ['-o "ProxyCommand=ip netns exec tsl-web1 socat - TCP:%h:%p"', { proxyCommand: 'ip netns exec tsl-web1 socat - TCP:%h:%p' }],
    ['-p 2222 -l admin -i ~/.ssh/k', { port: 2222, user: 'admin' }],
    ['-o StrictHostKeyChecking=no', { acceptNewHostKeys: true }],
    ['-o StrictHostKeyChecking=accept-new', { acceptNewHostKeys: true }],
    ['-o StrictHostKeyChecking=yes', { acceptNewHostKeys: false }],
    ['-o UserKnownHostsFile=/tmp/kh', { knownHostsFiles: ['/tmp/kh'] }],
    ['-o ConnectTimeout=7', { connectTimeoutMs: 7000 }],
    ['-F /lab/ssh_config', { sshConfigFile: '/lab/ssh_config' }],
    ['-o ControlMaster=auto -o ControlPersist=60s -q -C', {}],
  ];
  for (const [text, want] of table) {
    it(`reads ${text}`, () => expect(parseSshArgs(text, where)).to.deep.include(want));
  }
  it('expands ~ in key files', () => {
    expect(parseSshArgs('-i ~/.ssh/k', where).keyFiles![0]).to.match(/^\/.*\/\.ssh\/k$/);
  });
  const errors: [string, string][] = [
    ['-o ForwardX11=yes', 'host web1, field "ansible_ssh_common_args": unsupported ssh option "ForwardX11"'],
    ['-X', 'unsupported ssh argument "-X"'],
    ['-o UserKnownHostsFile=/dev/null', 'turns host key checking off'],
    ['-J', 'ssh option -J needs a value'],
    ['-o Port=x', 'bad ssh port "x"'],
    ['-o StrictHostKeyChecking=maybe', 'bad StrictHostKeyChecking'],
  ];
  for (const [text, message] of errors) {
    it(`refuses ${text}`, () => expect(() => parseSshArgs(text, where)).to.throw(ArgsError, message));
  }
});
