// Fact: network interfaces and their addresses, from `ip -j addr show` (iproute2's JSON).
import { FactError } from '../../core/errors.ts';
import type { FactDefinition } from '../../core/facts.ts';

/** One IPv4 address of an interface. */
export interface Ipv4Address {
  address: string;
  /** Prefix length: 24. */
  prefix: number;
  /** Dotted netmask: '255.255.255.0'. */
  netmask: string;
  /** Network address: '192.168.200.0'. */
  network: string;
  /** Broadcast address, when the interface has one. */
  broadcast?: string;
  /** The kernel's label (an alias such as 'eth0:1'). */
  label?: string;
  /** A secondary address (added after the first one of the same subnet; a VIP is often one). */
  secondary: boolean;
}

/** One IPv6 address of an interface. */
export interface Ipv6Address {
  address: string;
  prefix: number;
  /** 'global', 'link', 'host'. */
  scope: string;
}

/** One network interface. */
export interface NetInterface {
  name: string;
  /** Kernel interface index. */
  index: number;
  /** MAC address ('' when the link has none). */
  macaddress: string;
  mtu: number;
  /** Administratively up (UP flag). */
  active: boolean;
  /** Link type: 'ether', 'loopback', 'none'… */
  type: string;
  /** Kernel flags: UP, LOWER_UP, BROADCAST… */
  flags: string[];
  ipv4: Ipv4Address[];
  ipv6: Ipv6Address[];
}

/** Dotted IPv4 netmask of a prefix length. */
export function netmaskOf(prefix: number): string {
  const bits = prefix <= 0 ? 0 : (0xffffffff << (32 - Math.min(prefix, 32))) >>> 0;
  return [24, 16, 8, 0].map((s) => (bits >>> s) & 0xff).join('.');
}

/** The network address of `address`/`prefix`. */
export function networkOf(address: string, prefix: number): string {
  const mask = netmaskOf(prefix).split('.').map(Number);
  return address.split('.').map((o, i) => Number(o) & mask[i]).join('.');
}

interface IpAddrJson {
  ifindex?: number;
  ifname?: string;
  flags?: string[];
  mtu?: number;
  link_type?: string;
  address?: string;
  addr_info?: { family?: string; local?: string; prefixlen?: number; broadcast?: string; scope?: string; label?: string; secondary?: boolean }[];
}

/** Pure: interfaces from `ip -j addr show` output. Empty output (no iproute2) gives []. */
export function parseIpAddr(json: string): NetInterface[] {
  if (json.trim() === '') return [];
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (e) {
    throw new FactError(`cannot parse \`ip -j addr show\` output: ${(e as Error).message}`, {}, { cause: e });
  }
  if (!Array.isArray(raw)) throw new FactError('`ip -j addr show` did not print a list');
  return (raw as IpAddrJson[]).filter((i) => typeof i.ifname === 'string').map((i) => {
    const flags = i.flags ?? [];
    const infos = i.addr_info ?? [];
    return {
      name: i.ifname as string,
      index: i.ifindex ?? 0,
      macaddress: i.link_type === 'ether' || (i.address && i.address.includes(':')) ? (i.address ?? '') : '',
      mtu: i.mtu ?? 0,
      active: flags.includes('UP'),
      type: i.link_type ?? '',
      flags,
      ipv4: infos.filter((a) => a.family === 'inet' && a.local).map((a) => ({
        address: a.local as string,
        prefix: a.prefixlen ?? 32,
        netmask: netmaskOf(a.prefixlen ?? 32),
        network: networkOf(a.local as string, a.prefixlen ?? 32),
        ...(a.broadcast ? { broadcast: a.broadcast } : {}),
        ...(a.label ? { label: a.label } : {}),
        secondary: a.secondary === true,
      })),
      ipv6: infos.filter((a) => a.family === 'inet6' && a.local).map((a) => ({ address: a.local as string, prefix: a.prefixlen ?? 128, scope: a.scope ?? '' })),
    };
  });
}

/** The interfaces alone, in one read (setup's hostFacts reads them together with everything else). */
export const interfacesFact: FactDefinition<NetInterface[]> = {
  name: 'interfaces',
  command: ['ip', '-j', 'addr', 'show'],
  parse: (result) => parseIpAddr(result.stdout),
};
