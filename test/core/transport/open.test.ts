// openTransport(): picks ssh or local, and resolves ~/.ssh/config (HostName/User/Port/IdentityFile/ProxyJump) against a real sshd.
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { ArgsError } from '../../../core/errors.ts';
import type { Connection } from '../../../core/transport/connection.ts';
import { LocalTransport } from '../../../core/transport/local.ts';
import { openTransport, resolveChain } from '../../../core/transport/open.ts';
import { SshTransport } from '../../../core/transport/ssh.ts';
import { needsRoot } from '../../support/needs.ts';
import { type SshdServer, SshdLab } from '../../../lab/sshd.ts';

describe('openTransport', () => {
  it('chooses the transport from Connection.transport', () => {
    const base: Connection = { transport: 'local', address: 'localhost', port: 22 };
    expect(openTransport('me', base)).to.be.instanceOf(LocalTransport);
    expect(openTransport('h', { ...base, transport: 'ssh', user: 'u', keyFiles: [] }, { sshConfigFile: null })).to.be.instanceOf(SshTransport);
    expect(() => openTransport('h', { ...base, transport: 'telnet' as 'ssh' })).to.throw(ArgsError, 'host h, field "transport": unknown transport "telnet"');
  });

  it('lets inventory values win over ssh_config, and resolves jump hosts through it', () => {
    const file = join(tmpdir(), `tsible-open-${process.pid}.config`);
    writeFileSync(file, 'Host web*\n  HostName 10.0.0.%h\n  User deploy\n  Port 2200\n  ProxyJump lb\n  IdentityFile /k/web\nHost lb\n  HostName 192.0.2.1\n  User jump\n');
    const chain = resolveChain('web1', { transport: 'ssh', address: 'web1', port: 22 }, { sshConfigFile: file, agentSocket: null });
    expect(chain.map((e) => [e.label, e.address, e.port, e.user, e.keyFiles])).to.deep.equal([
      ['lb', '192.0.2.1', 22, 'jump', ['/k/web']],
      ['web1', '10.0.0.web1', 2200, 'deploy', ['/k/web']],
    ]);
    const explicit = resolveChain('web1', { transport: 'ssh', address: 'web1', port: 2022, user: 'me', keyFiles: ['/k/mine'], jump: [] }, { sshConfigFile: file });
    expect(explicit.map((e) => [e.address, e.port, e.user, e.keyFiles])).to.deep.equal([['10.0.0.web1', 2022, 'me', ['/k/mine']]]);
    const inv = resolveChain('web1', { transport: 'ssh', address: 'web1', port: 22, jump: ['director'] }, {
      sshConfigFile: file,
      resolveJump: (n) => (n === 'director' ? { transport: 'ssh', address: '192.0.2.9', port: 22, user: 'ops' } : undefined),
    });
    expect(inv[0]).to.include({ label: 'director', address: '192.0.2.9', user: 'ops' });
    rmSync(file);
  });

  describe('with a real sshd', function () {
    let lab: SshdLab;
    let s: SshdServer;
    before(async function () {
      needsRoot(this);
      lab = SshdLab.create();
      [s] = await lab.start(1);
    });
    after(async () => lab?.stop());

    it('connects to an alias known only to ssh_config (Host pattern → HostName, Port, User, IdentityFile)', async () => {
      const cfg = join(lab.dir, 'ssh_config');
      writeFileSync(cfg, `Host tut-*\n  HostName ${s.address}\n  Port ${s.port}\n  User root\n  IdentityFile ${lab.clientKeyFile}\n`);
      const t = openTransport('tut-web1', { transport: 'ssh', address: 'tut-web1', port: 22, knownHostsFiles: [lab.knownHostsFile] }, { sshConfigFile: cfg, agentSocket: null, defaultKeyFiles: [] });
      try {
        expect((await t.run(['id', '-un'])).stdout).to.equal('root\n');
      } finally {
        await t.close();
      }
    });
  });
});
