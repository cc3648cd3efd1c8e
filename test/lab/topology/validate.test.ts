// Topology validation: the built-ins pass; every kind of mistake names the file and the field.
import { expect } from 'chai';
import { ArgsError } from '../../../core/errors.ts';
import { BUILTIN_TOPOLOGIES } from '../../../lab/topology/builtin.ts';
import { validateTopology } from '../../../lab/topology/validate.ts';

const base = () => ({
  name: 't', networks: [{ name: 'pub', subnet: '10.9.0.0/24', control: '10.9.0.1' }, { name: 'priv', subnet: '10.9.1.0/24' }],
  hosts: [{ name: 'a', nics: [{ network: 'pub', address: '10.9.0.10' }, { network: 'priv', address: '10.9.1.254' }] },
    { name: 'b', nics: [{ network: 'priv', address: '10.9.1.11' }], gateway: '10.9.1.254' }],
});

function fails(mutate: (t: any) => void, field: string, message: RegExp): void {
  const t = base();
  mutate(t);
  try {
    validateTopology(t, '/x/topo.yaml');
  } catch (e) {
    expect(e).to.be.instanceOf(ArgsError);
    expect((e as ArgsError).where).to.deep.include({ file: '/x/topo.yaml', field });
    expect((e as Error).message).to.match(message);
    return;
  }
  expect.fail(`no error for ${field}`);
}

describe('lab/topology/validate', () => {
  it('accepts the built-in topologies and a minimal one', () => {
    for (const t of Object.values(BUILTIN_TOPOLOGIES)) expect(() => validateTopology(structuredClone(t), t.name)).not.to.throw();
    expect(validateTopology(base(), 'f').hosts).to.have.length(2);
  });
  it('names the file and field of each mistake', () => {
    fails((t) => { t.networks[0].subnet = '10.9.0.1/24'; }, 'networks[0].subnet', /CIDR/);
    fails((t) => { t.networks[1].subnet = '10.9.0.0/23'; }, 'networks[1].subnet', /overlaps network "pub"/);
    fails((t) => { t.hosts[1].nics[0].network = 'nope'; }, 'hosts[1].nics[0].network', /unknown network "nope"/);
    fails((t) => { t.hosts[1].nics[0].address = '10.9.0.11'; }, 'hosts[1].nics[0].address', /not a host address of network "priv"/);
    fails((t) => { t.hosts[1].nics[0].address = '10.9.1.254'; }, 'hosts[1].nics[0].address', /already used by a/);
    fails((t) => { t.hosts[1].gateway = '10.9.0.254'; }, 'hosts[1].gateway', /none of the host's networks/);
    fails((t) => { t.hosts[1].kind = 'docker'; }, 'hosts[1].kind', /container, vm, auto/);
    fails((t) => { t.hosts[1].name = 'a'; }, 'hosts[1].name', /duplicate host/);
    fails((t) => { t.hosts[0].colour = 'red'; }, 'hosts[0].colour', /unknown field/);
    fails((t) => { t.hosts[0].nics[1].ifname = 'enp0s3'; t.hosts[0].nics[0].ifname = 'enp0s3'; }, 'hosts[0].nics[1].ifname', /duplicate interface/);
    fails((t) => { t.networks[0].control = '10.9.0.10'; }, 'hosts[0].nics[0].address', /already used by the control machine/);
    fails((t) => { delete t.hosts; }, 'hosts', /non-empty list/);
  });
});
