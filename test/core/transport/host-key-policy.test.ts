// ssh_config's StrictHostKeyChecking against --accept-new-host-keys / inventory: the stricter wins (unit, and against a real sshd).
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { expect } from 'chai';
import { HostKeyError } from '../../../core/errors.ts';
import type { Connection } from '../../../core/transport/connection.ts';
import { openTransport, resolveChain } from '../../../core/transport/open.ts';
import { needsRoot } from '../../support/needs.ts';
import { type SshdServer, SshdLab } from '../../../lab/sshd.ts';

describe('host key policy: ssh_config StrictHostKeyChecking and accept-new', () => {
  const file = join(tmpdir(), `tsible-hkp-${process.pid}.config`);
  after(() => rmSync(file, { force: true }));
  const accept = (config: string, fromInventory: boolean | undefined) => {
    writeFileSync(file, config);
    const conn: Connection = { transport: 'ssh', address: 'web1', port: 22, acceptNewHostKeys: fromInventory, jump: ['lb'] };
    return resolveChain('web1', conn, { sshConfigFile: file, agentSocket: null }).map((e) => e.acceptNewHostKeys);
  };

  it('StrictHostKeyChecking yes (or ask) refuses unknown keys even with --accept-new-host-keys, for the host and its jump host', () => {
    expect(accept('StrictHostKeyChecking yes\n', true)).to.deep.equal([false, false]);
    expect(accept('Host web1\n  StrictHostKeyChecking ask\n', true)).to.deep.equal([true, false]);
  });

  it('accept-new (or no) in ssh_config accepts new keys when tsible is told nothing; an explicit false still refuses', () => {
    expect(accept('StrictHostKeyChecking accept-new\n', undefined)).to.deep.equal([true, true]);
    expect(accept('StrictHostKeyChecking no\n', false)).to.deep.equal([false, false]);
    expect(accept('', undefined)).to.deep.equal([false, false]);
    expect(accept('', true)).to.deep.equal([true, true]);
  });

  it('a bad value names the file and line', () => {
    expect(() => accept('\nStrictHostKeyChecking maybe\n', true)).to.throw(/:2.*bad StrictHostKeyChecking "maybe"/);
  });

  describe('against a real sshd whose key is not in known_hosts', function () {
    let lab: SshdLab;
    let s: SshdServer;
    before(async function () {
      needsRoot(this);
      lab = SshdLab.create();
      [s] = await lab.start(1);
    });
    after(() => lab?.stop());

    it('StrictHostKeyChecking yes + accept-new: refused (HostKeyError), nothing recorded; without the ssh_config line: accepted and recorded', async () => {
      const known = join(lab.dir, 'empty_known_hosts');
      writeFileSync(known, '');
      const cfg = join(lab.dir, 'strict.config');
      writeFileSync(cfg, 'StrictHostKeyChecking yes\n');
      const conn = lab.connection(s, { knownHostsFiles: [known], acceptNewHostKeys: true });
      const strict = openTransport('h', conn, { sshConfigFile: cfg, agentSocket: null });
      const e = await strict.run(['true']).catch((x: Error) => x);
      expect(e).to.be.instanceOf(HostKeyError);
      expect((e as Error).message).to.include('unknown host key');
      const loose = openTransport('h', conn, { sshConfigFile: null, agentSocket: null });
      expect((await loose.run(['true'])).code).to.equal(0);
      await loose.close();
    });
  });
});
