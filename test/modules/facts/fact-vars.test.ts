// setup's variables: tsible_* names with ansible_* aliases, from a recorded lab container and a namespace with a VIP.
import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { factVariables, interfaceVarName } from '../../../modules/facts/fact-vars.ts';
import { defaultAddress, parseDefaultRoutes } from '../../../modules/facts/default-route.ts';
import { parseHostFacts } from '../../../modules/facts/host-facts.ts';
import { parseIpAddr } from '../../../modules/facts/interfaces.ts';

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/modules/setup/${name}`, import.meta.url), 'utf8');

describe('setup variables', () => {
  const facts = parseHostFacts(fixture('web1-container.txt'));
  const vars = factVariables(facts);

  it('every fact has a tsible_ name and the same value under its ansible_ alias', () => {
    for (const [key, value] of Object.entries(vars)) {
      if (!key.startsWith('tsible_') || key === 'tsible_interfaces') continue;
      expect(vars[key.replace(/^tsible_/, 'ansible_')], key).to.deep.equal(value);
    }
    expect(vars).to.include({
      tsible_hostname: 'web1', ansible_hostname: 'web1', tsible_os_family: 'Debian', ansible_distribution: 'Debian',
      tsible_distribution_release: 'bookworm', ansible_distribution_major_version: '12', tsible_service_mgr: 'systemd',
      ansible_architecture: 'x86_64', ansible_processor_nproc: 2, ansible_system: 'Linux',
    });
    expect(vars.ansible_default_ipv4).to.include({ address: '192.168.200.11', interface: 'enp0s3', gateway: '192.168.200.250' });
    expect(vars.ansible_default_ipv6).to.deep.equal({});
  });

  it('interfaces: the full list as tsible_interfaces, names as ansible_interfaces, one ansible_<name> each; loopback not in all_ipv4', () => {
    expect((vars.tsible_interfaces as { name: string }[]).map((i) => i.name)).to.deep.equal(['lo', 'enp0s3']);
    expect(vars.ansible_interfaces).to.deep.equal(['lo', 'enp0s3']);
    expect(vars.ansible_enp0s3).to.deep.include({ device: 'enp0s3', macaddress: '02:56:c0:a8:c8:0b', active: true, ipv4: { address: '192.168.200.11', netmask: '255.255.255.0', network: '192.168.200.0', prefix: '24', broadcast: '192.168.200.255' } });
    expect(vars.ansible_all_ipv4_addresses).to.deep.equal(['192.168.200.11']);
  });

  it('a VIP lands in ipv4_secondaries; odd interface names become valid variable names', () => {
    const ifs = parseIpAddr(fixture('netns-vip-addr.json'));
    const v = factVariables({ ...facts, interfaces: ifs, defaultIpv4: defaultAddress(parseDefaultRoutes(fixture('netns-vip-route4.json')), ifs, 4) });
    expect(v.ansible_dummy0).to.deep.include({ ipv4: { address: '10.1.0.5', netmask: '255.255.255.0', network: '10.1.0.0', prefix: '24', broadcast: '10.1.0.255' } });
    expect((v.ansible_dummy0 as { ipv4_secondaries: { address: string }[] }).ipv4_secondaries.map((a) => a.address)).to.deep.equal(['10.1.0.10']);
    expect(interfaceVarName('eth0.100')).to.equal('eth0_100');
    expect(interfaceVarName('br-lan')).to.equal('br_lan');
  });
});
