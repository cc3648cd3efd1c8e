// ssh_config parsing: Host blocks with wildcards and negation, first value wins, IdentityFile accumulates, ProxyJump.
import { homedir } from 'node:os';
import { expect } from 'chai';
import { ArgsError } from '../../../core/errors.ts';
import { SshConfig } from '../../../core/transport/ssh-config.ts';

const TEXT = `
# tutorial hosts
Host lb
  HostName 192.168.1.1
  User admin

Host web-* !web-legacy
  HostName %h.internal
  Port 2222
  ProxyJump lb
  IdentityFile ~/.ssh/web_key

Host web-legacy
  Port=22022

Match host foo
  User ignored-in-match

Host *
  User=fallback
  Port 22
  IdentityFile "/keys/all %r.key"
  ProxyJump none
`;

describe('SshConfig', () => {
  const cfg = SshConfig.parse(TEXT, 'test_config');

  it('takes the first value found across matching blocks', () => {
    expect(cfg.resolve('lb')).to.deep.include({ hostName: '192.168.1.1', user: 'admin', port: 22, proxyJump: [] });
  });

  it('matches wildcards, expands %h and ~, accumulates IdentityFile in order', () => {
    expect(cfg.resolve('web-1')).to.deep.equal({
      hostName: 'web-1.internal',
      user: 'fallback',
      port: 2222,
      proxyJump: ['lb'],
      identityFiles: [`${homedir()}/.ssh/web_key`, '/keys/all fallback.key'],
    });
  });

  it('honours negated patterns and Key=value', () => {
    const legacy = cfg.resolve('web-legacy');
    expect(legacy.port).to.equal(22022);
    expect(legacy.hostName).to.equal(undefined);
    expect(legacy.proxyJump).to.deep.equal([]);
  });

  it('never applies Match blocks (unsupported)', () => {
    expect(cfg.resolve('foo').user).to.equal('fallback');
  });

  it('reads chained ProxyJump lists', () => {
    const c = SshConfig.parse('Host deep\n  ProxyJump a@j1:2200,j2\n');
    expect(c.resolve('deep').proxyJump).to.deep.equal(['a@j1:2200', 'j2']);
  });

  it('names file and line of a bad Port', () => {
    const c = SshConfig.parse('Host x\n  Port eighty\n', '/home/u/.ssh/config');
    expect(() => c.resolve('x')).to.throw(ArgsError, '/home/u/.ssh/config:2, field "Port": bad Port "eighty"');
  });
});
