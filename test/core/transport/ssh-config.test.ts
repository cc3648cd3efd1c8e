// ssh_config parsing: Host blocks with wildcards and negation, first value wins, IdentityFile accumulates, ProxyJump.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
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

  it('reads Include files in place (relative, with wildcards), their Host blocks ending with the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsible-sshcfg-'));
    try {
      mkdirSync(join(dir, 'config.d'));
      writeFileSync(join(dir, 'config.d', '10-web.conf'), 'Host web*\n  User web-admin\n');
      writeFileSync(join(dir, 'config.d', '20-db.conf'), 'Port 5022\nHost db\n  User dba\n');
      writeFileSync(join(dir, 'config.d', 'ignored.txt'), 'Host *\n  User nobody\n');
      const file = join(dir, 'config');
      writeFileSync(file, 'Host web1\n  Include config.d/*.conf\n  HostName 10.0.0.1\nHost *\n  User last\n');
      const cfg = SshConfig.load(file);
      expect(cfg.resolve('web1')).to.deep.include({ user: 'web-admin', port: 5022, hostName: '10.0.0.1' });
      expect(cfg.resolve('db')).to.deep.include({ user: 'dba', hostName: undefined });
      expect(cfg.resolve('other').user).to.equal('last');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
