// Resolving topologies: host kinds (auto = VM only for IPVS on a kernel without it), jump hosts, apt URLs, names.
import { expect } from 'chai';
import { ArgsError } from '../../core/errors.ts';
import { BUILTIN_TOPOLOGIES } from '../../lab/topology/builtin.ts';
import { planLab } from '../../lab/plan.ts';

describe('lab/plan', () => {
  it('makes the balancers VMs only when the kernel lacks IPVS', () => {
    const kinds = (hasIpvs: boolean) => planLab(BUILTIN_TOPOLOGIES.chapter4, { hasIpvs }).hosts.map((h) => `${h.name}:${h.kind}`);
    expect(kinds(false)).to.deep.equal(['lb1:vm', 'lb2:vm', 'web1:container', 'web2:container', 'web3:container']);
    expect(kinds(true).every((k) => k.endsWith(':container'))).to.equal(true);
    expect(planLab(BUILTIN_TOPOLOGIES.chapter4, { hasIpvs: false, kind: 'container' }).hosts.every((h) => h.kind === 'container')).to.equal(true);
  });
  it('reaches internal hosts through the balancer and gives them the relay as apt proxy', () => {
    const p = planLab(BUILTIN_TOPOLOGIES.chapter2, { hasIpvs: false });
    const [lb, web1] = p.hosts;
    expect(lb.jump).to.equal(undefined);
    expect(lb).to.deep.include({ sshAddress: '192.168.56.10', aptProxy: 'http://192.168.56.1:3142' });
    expect(lb.nics.map((n) => n.ifname)).to.deep.equal(['enp0s3', 'enp0s8']);
    expect(web1).to.deep.include({ sshAddress: '192.168.200.11', jump: '192.168.56.10', jumpHost: 'lb', aptProxy: 'http://192.168.200.1:3142', gateway: '192.168.200.254' });
    expect(web1.nics[0]).to.deep.include({ ifname: 'enp0s3', mac: '02:56:c0:a8:c8:0b', prefix: 24 });
    expect(p.networks.map((n) => [n.name, n.bridge, n.control ?? n.aptRelay])).to.deep.equal([['hostonly', 'tslbr0', '192.168.56.1'], ['internal', 'tslbr1', '192.168.200.1']]);
    const links = p.hosts.flatMap((h) => h.nics.map((n) => n.port));
    expect(new Set(links).size).to.equal(links.length);
    expect(links.every((l) => l.length <= 15)).to.equal(true);
  });
  it('a gateway no host or floating address holds is a router the switch answers (chapter I\'s .254); a balancer or a VIP as gateway is not', () => {
    expect(planLab(BUILTIN_TOPOLOGIES.chapter1, { hasIpvs: false }).networks.map((n) => n.routers)).to.deep.equal([['192.168.56.254']]);
    for (const t of ['chapter2', 'chapter3', 'chapter4'] as const) {
      expect(planLab(BUILTIN_TOPOLOGIES[t], { hasIpvs: false }).networks.map((n) => n.routers), t).to.deep.equal([undefined, undefined]);
    }
  });
  it('refuses a host nobody can reach, and a relay address taken by a host', () => {
    const island = { name: 'i', networks: [{ name: 'a', subnet: '10.1.0.0/24', control: '10.1.0.1' }, { name: 'b', subnet: '10.2.0.0/24' }],
      hosts: [{ name: 'x', nics: [{ network: 'a', address: '10.1.0.5' }] }, { name: 'y', nics: [{ network: 'b', address: '10.2.0.5' }] }] };
    expect(() => planLab(island, { hasIpvs: true })).to.throw(ArgsError, /y shares no network/);
    const taken = structuredClone(island);
    taken.hosts[0].nics.push({ network: 'b', address: '10.2.0.1' });
    expect(() => planLab(taken, { hasIpvs: true })).to.throw(ArgsError, /apt relay address 10.2.0.1 is taken/);
  });
});
