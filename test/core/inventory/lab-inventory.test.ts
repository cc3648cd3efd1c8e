// The inventory `tsible lab up` writes (lab/outputs.ts) loads, and maps to the connections the lab expects.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { loadInventory, selectHosts } from '../../../core/inventory/index.ts';
import { connectionFor } from '../../../core/transport/connection.ts';
import { inventory } from '../../../lab/outputs.ts';
import { labPaths } from '../../../lab/paths.ts';
import { planLab } from '../../../lab/plan.ts';
import { BUILTIN_TOPOLOGIES } from '../../../lab/topology/builtin.ts';

describe('the lab’s generated inventory', () => {
  it('loads chapter 2 and maps web1 to the lab’s management path (ProxyCommand), ssh_config and known_hosts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsible-labinv-'));
    try {
      const paths = labPaths({ stateDir: '/s', cacheDir: '/c' });
      writeFileSync(join(dir, 'inventory'), inventory(planLab(BUILTIN_TOPOLOGIES.chapter2, { hasIpvs: false }), paths));
      const inv = await loadInventory([join(dir, 'inventory')]);
      expect(selectHosts(inv, 'webservers').map((h) => h.name)).to.deep.equal(['web1', 'web2']);
      expect(connectionFor(inv.hosts.get('web1')!)).to.deep.equal({
        transport: 'ssh',
        address: '192.168.200.11',
        port: 22,
        user: 'root',
        keyFiles: ['/s/id_ed25519'],
        proxyCommand: 'ip netns exec tsl-web1 socat - TCP:%h:%p',
        sshConfigFile: '/s/ssh_config',
        knownHostsFiles: ['/s/known_hosts'],
        acceptNewHostKeys: false,
        connectTimeoutMs: 30_000,
      });
      expect(connectionFor(inv.hosts.get('lb')!)).to.not.have.any.keys('jump', 'proxyCommand');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
