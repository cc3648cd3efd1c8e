// Turns HostFacts into the variables setup returns: tsible_* names, each with its Ansible-compatible ansible_* alias.
import type { HostFacts } from './host-facts.ts';
import type { NetInterface } from './interfaces.ts';

/** Pure: the setup variables, `tsible_x` and `ansible_x` with the same value for every fact. */
export function factVariables(f: HostFacts): Record<string, unknown> {
  const base: Record<string, unknown> = {
    hostname: f.hostname,
    fqdn: f.fqdn,
    domain: f.domain,
    nodename: f.hostname,
    os_family: f.os.family,
    distribution: f.os.distribution,
    distribution_release: f.os.release,
    distribution_version: f.os.version,
    distribution_major_version: f.os.majorVersion,
    os_release: f.os.fields,
    system: f.system,
    kernel: f.kernel,
    architecture: f.architecture,
    machine: f.architecture,
    default_ipv4: f.defaultIpv4 ?? {},
    default_ipv6: f.defaultIpv6 ?? {},
    all_ipv4_addresses: f.interfaces.filter((i) => i.type !== 'loopback').flatMap((i) => i.ipv4.map((a) => a.address)),
    all_ipv6_addresses: f.interfaces.filter((i) => i.type !== 'loopback').flatMap((i) => i.ipv6.map((a) => a.address)),
    service_mgr: f.init.serviceManager,
    init: f.init.pid1,
    memtotal_mb: f.memory.totalMb,
    memfree_mb: f.memory.freeMb,
    memavailable_mb: f.memory.availableMb,
    swaptotal_mb: f.memory.swapTotalMb,
    swapfree_mb: f.memory.swapFreeMb,
    processor_nproc: f.cpus,
    processor_vcpus: f.cpus,
  };
  const vars: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(base)) {
    vars[`tsible_${key}`] = value;
    vars[`ansible_${key}`] = value;
  }
  // Interfaces: tsible's full list; Ansible's list of names plus one ansible_<name> variable each.
  vars.tsible_interfaces = f.interfaces;
  vars.ansible_interfaces = f.interfaces.map((i) => i.name);
  for (const i of f.interfaces) vars[`ansible_${interfaceVarName(i.name)}`] = ansibleInterface(i);
  return vars;
}

/** Ansible's variable name for an interface: '-', '.' and ':' become '_' (eth0.100 → eth0_100). */
export function interfaceVarName(name: string): string {
  return name.replace(/[^A-Za-z0-9_]/g, '_');
}

/** Ansible's ansible_<ifname> shape: the first primary IPv4 address as `ipv4`, the others in ipv4_secondaries. */
function ansibleInterface(i: NetInterface): Record<string, unknown> {
  const [first, ...others] = [...i.ipv4.filter((a) => !a.secondary), ...i.ipv4.filter((a) => a.secondary)];
  const v4 = (a: (typeof i.ipv4)[number]) => ({ address: a.address, netmask: a.netmask, network: a.network, prefix: String(a.prefix), ...(a.broadcast ? { broadcast: a.broadcast } : {}) });
  return {
    device: i.name,
    macaddress: i.macaddress,
    mtu: i.mtu,
    active: i.active,
    type: i.type,
    flags: i.flags,
    ...(first ? { ipv4: v4(first) } : {}),
    ...(others.length ? { ipv4_secondaries: others.map(v4) } : {}),
    ...(i.ipv6.length ? { ipv6: i.ipv6.map((a) => ({ address: a.address, prefix: String(a.prefix), scope: a.scope })) } : {}),
  };
}
