// The tutorial's four networks as built-in topologies (host names, addresses and gateways from the spec).
import type { Topology, TopologyHost, TopologyNetwork } from './types.ts';

const hostonly: TopologyNetwork = { name: 'hostonly', subnet: '192.168.56.0/24', control: '192.168.56.1' };
const internal: TopologyNetwork = { name: 'internal', subnet: '192.168.200.0/24' };

function web(n: number, gateway: string): TopologyHost {
  return { name: `web${n}`, nics: [{ network: 'internal', address: `192.168.200.1${n}` }], gateway, kind: 'container', groups: ['webservers'] };
}

function lb(name: string, pub: string, priv: string, group: string): TopologyHost {
  return {
    name, nics: [{ network: 'hostonly', address: pub }, { network: 'internal', address: priv }],
    kind: 'auto', needs: ['ipvs'], groups: [group],
  };
}

const chapter1: Topology = {
  name: 'chapter1',
  description: 'Heartbeat: DebianWeb1 and DebianWeb2 share the VIP 192.168.56.10',
  networks: [hostonly],
  hosts: [1, 2].map((n) => ({
    name: `DebianWeb${n}`, nics: [{ network: 'hostonly', address: `192.168.56.1${n}` }],
    gateway: '192.168.56.254', kind: 'container', groups: ['webservers'],
  })),
  floating: [{ address: '192.168.56.10', network: 'hostonly', description: 'Heartbeat VIP' }],
};

const chapter2: Topology = {
  name: 'chapter2',
  description: 'LVS-NAT: lb balances web1 and web2',
  networks: [hostonly, internal],
  hosts: [lb('lb', '192.168.56.10', '192.168.200.254', 'balancers'), web(1, '192.168.200.254'), web(2, '192.168.200.254')],
};

const chapter3: Topology = {
  name: 'chapter3',
  description: 'LVS-NAT: lb balances web1, web2 and web3',
  networks: [hostonly, internal],
  hosts: [...chapter2.hosts, web(3, '192.168.200.254')],
};

const chapter4: Topology = {
  name: 'chapter4',
  description: 'Heartbeat pair of LVS balancers lb1/lb2 in front of web1..3',
  networks: [hostonly, internal],
  hosts: [
    lb('lb1', '192.168.56.11', '192.168.200.251', 'balancers'), lb('lb2', '192.168.56.12', '192.168.200.252', 'balancers'),
    web(1, '192.168.200.250'), web(2, '192.168.200.250'), web(3, '192.168.200.250'),
  ],
  floating: [
    { address: '192.168.56.10', network: 'hostonly', description: 'public VIP (Heartbeat)' },
    { address: '192.168.200.250', network: 'internal', description: 'internal VIP, the web servers\' gateway' },
  ],
};

/** Built-in topologies by name. */
export const BUILTIN_TOPOLOGIES: Readonly<Record<string, Topology>> = { chapter1, chapter2, chapter3, chapter4 };
