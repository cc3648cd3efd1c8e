// The tutorial's example inventories (inventory/): they load, draw the expected tree, map to the right connections, keep the key secret.
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { ArgsError } from '../../../core/errors.ts';
import { loadInventory, renderInventoryGraph, renderInventoryList, selectHosts } from '../../../core/inventory/index.ts';
import { connectionFor } from '../../../core/transport/connection.ts';
import { isSecret, type Secret } from '../../../core/secret.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const KEY = 'example-key-0123456789abcdef';

describe('example inventories (inventory/)', () => {
  beforeEach(() => {
    process.env.TSIBLE_HEARTBEAT_AUTHKEY = KEY;
  });
  afterEach(() => {
    delete process.env.TSIBLE_HEARTBEAT_AUTHKEY;
  });

  for (const file of ['inventory/chapter2.ini', 'inventory/chapter2.ts']) {
    it(`${file}: lb, and web1/web2 reached through lb`, async () => {
      const inv = await loadInventory([file], { cwd: ROOT });
      expect(renderInventoryGraph(inv)).to.equal('@all:\n  |--@ungrouped:\n  |--@balancers:\n  |  |--lb\n  |--@webservers:\n  |  |--web1\n  |  |--web2');
      expect(connectionFor(inv.hosts.get('lb')!)).to.deep.equal({ transport: 'ssh', address: '192.168.56.10', port: 22, user: 'root' });
      expect(connectionFor(inv.hosts.get('web2')!)).to.deep.equal({ transport: 'ssh', address: '192.168.200.12', port: 22, user: 'root', jump: ['lb'] });
      expect(inv.hosts.get('web1')!.vars).to.include({ vip: '192.168.56.10', gateway: '192.168.200.254', lvs_scheduler: 'rr', lvs_weight: 1 });
    });
  }

  it('chapter 3 adds web3', async () => {
    const inv = await loadInventory(['inventory/chapter3.ini'], { cwd: ROOT });
    expect(selectHosts(inv, 'webservers').map((h) => h.name)).to.deep.equal(['web1', 'web2', 'web3']);
  });

  it('chapters 1 and 4 read the Heartbeat key from the environment, as a Secret that never prints', async () => {
    for (const [file, host] of [['inventory/chapter1.ini', 'DebianWeb2'], ['inventory/chapter4.ini', 'lb2']]) {
      const inv = await loadInventory([file], { cwd: ROOT });
      const key = inv.hosts.get(host)!.vars.heartbeat_authkey as Secret;
      expect(isSecret(key), file).to.equal(true);
      expect(key.reveal()).to.equal(KEY);
      expect(renderInventoryList(inv)).to.not.include(KEY);
    }
  });

  it('chapter 4: weights 3/1/1 with wrr, web servers jump through lb1, both balancers in heartbeat', async () => {
    const inv = await loadInventory(['inventory/chapter4.ini'], { cwd: ROOT });
    expect(selectHosts(inv, 'webservers').map((h) => h.vars.lvs_weight)).to.deep.equal([3, 1, 1]);
    expect(inv.hosts.get('web3')!.vars).to.include({ lvs_scheduler: 'wrr', gateway: '192.168.200.250' });
    expect(connectionFor(inv.hosts.get('web3')!).jump).to.deep.equal(['lb1']);
    expect(selectHosts(inv, 'heartbeat').map((h) => h.name)).to.deep.equal(['lb1', 'lb2']);
  });

  it('says which variable is missing when the key is not in the environment', async () => {
    delete process.env.TSIBLE_HEARTBEAT_AUTHKEY;
    try {
      await loadInventory(['inventory/chapter1.ini'], { cwd: ROOT });
      expect.fail('loaded without the key');
    } catch (err) {
      expect(err).to.be.instanceOf(ArgsError);
      expect((err as Error).message).to.match(/^inventory\/group_vars\/heartbeat\.yml:\d+: environment variable TSIBLE_HEARTBEAT_AUTHKEY is not set$/);
    }
  });
});
