// @lab test/support/lab.ts: useLab() shares one lab between suites, and its connection settings work with tsible's SSH transport.
import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import { loadInventory } from '../../core/inventory/index.ts';
import { connectionFor } from '../../core/transport/connection.ts';
import { openTransport } from '../../core/transport/open.ts';
import { useLab, type LabFixture } from '../support/lab.ts';

let first: LabFixture;

describe('useLab (first suite) @lab', function () {
  this.timeout(300_000);
  first = useLab('chapter2', { kind: 'container' });
  it('brings the topology up and points at its outputs', async () => {
    expect(first.info.topology).to.equal('chapter2');
    expect(await readFile(first.inventory, 'utf8')).to.match(/^web2 ansible_host=192\.168\.200\.12 /m);
    expect(await readFile(first.knownHosts, 'utf8')).to.match(/^web1,192\.168\.200\.11 ssh-ed25519 /m);
    expect((await first.exec('web1', ['sh', '-c', 'echo "$0 $1"', 'a b', 'c'])).stdout).to.equal('a b c\n');
  });
  it('gives connection settings tsible\'s transport uses, management path and pinned host keys included', async () => {
    const conn = first.connection('web2');
    expect(conn).to.deep.include({ address: '192.168.200.12', user: 'root', proxyCommand: 'ip netns exec tsl-web2 socat - TCP:%h:%p' });
    const t = openTransport('web2', conn, { sshConfigFile: null, agentSocket: null });
    try {
      const r = await t.run(['hostname']);
      expect(r.stdout).to.equal('web2\n');
    } finally {
      await t.close();
    }
  });
  it('emits an inventory tsible loads and connects with (management path, known_hosts and key from the inventory)', async () => {
    const inv = await loadInventory([first.inventory]);
    expect([...inv.groups.get('webservers')!.hosts]).to.deep.equal(['web1', 'web2']);
    for (const name of ['lb', 'web1']) {
      const conn = connectionFor(inv.hosts.get(name)!);
      const t = openTransport(name, conn, { sshConfigFile: null, agentSocket: null, defaultKeyFiles: [] });
      try {
        expect((await t.run(['hostname'])).stdout).to.equal(`${name}\n`);
      } finally {
        await t.close();
      }
    }
  });
});

describe('useLab (second suite, same topology) @lab', function () {
  this.timeout(300_000);
  const second = useLab('chapter2', { kind: 'container' });
  it('reuses the lab the first suite brought up', () => {
    expect(second.info).to.equal(first.info);
  });
});
