// Resolves a topology into concrete names: namespaces, bridges, links, MACs, host kinds, SSH paths (jump hosts), apt proxy URLs.
import { ArgsError } from '../core/errors.ts';
import { formatIp, inSubnet, macFromIp, parseIp, parseSubnet } from '../core/ipv4.ts';
import { PREFIX } from './paths.ts';
import type { Topology } from './topology/types.ts';

/** Port the apt proxy (control leg) and the relays (internal networks) listen on. */
export const APT_PORT = 3142;

/** Interface names by NIC position, as VirtualBox names its adapters. */
const DEFAULT_IFNAMES = ['enp0s3', 'enp0s8', 'enp0s9', 'enp0s10'];

/** One NIC, resolved. */
export interface PlannedNic {
  /** Network name. */
  network: string;
  /** Name inside the host. */
  ifname: string;
  /** Address. */
  address: string;
  /** Prefix length of the network. */
  prefix: number;
  /** MAC derived from the address. */
  mac: string;
  /** The switch-side end (veth peer or VM tap) in the switch namespace: `lab cut` downs it. */
  port: string;
}

/** One host, resolved. */
export interface PlannedHost {
  /** Inventory name. */
  name: string;
  /** Hostname inside. */
  hostname: string;
  /** Resolved kind. */
  kind: 'container' | 'vm';
  /** NICs. */
  nics: PlannedNic[];
  /** Default gateway. */
  gateway?: string;
  /** Address the control machine connects to (directly or through `jump`). */
  sshAddress: string;
  /** Jump host's address on the control network, when the host is not on one. */
  jump?: string;
  /** Name of the jump host. */
  jumpHost?: string;
  /** apt proxy URL the host uses. */
  aptProxy: string;
  /** Network namespace of a container host. */
  netns: string;
  /** Inventory groups. */
  groups: string[];
  /** VM memory. */
  memoryMb?: number;
}

/** One network, resolved. */
export interface PlannedNetwork {
  /** Name. */
  name: string;
  /** Subnet CIDR. */
  subnet: string;
  /** Prefix length. */
  prefix: number;
  /** Bridge in the switch namespace. */
  bridge: string;
  /** Control machine's address, when it has a leg here. */
  control?: string;
  /** Root-namespace end of the control leg. */
  controlLink?: string;
  /** Switch-side end of the control leg. */
  controlPort?: string;
  /** apt relay address (networks without a control leg). */
  aptRelay?: string;
  /**
   * Hosts' gateways on this network that no host or floating address holds: the document's router (chapter I's
   * 192.168.56.254). The switch answers them (pings, ARP) and routes nothing, so a node can ping its router as on a
   * real network and a cut cable silences it.
   */
  routers?: string[];
}

/** The whole lab, resolved. */
export interface LabPlan {
  /** The topology it came from. */
  topology: Topology;
  /** Namespace holding the bridges. */
  switchNetns: string;
  /** Networks. */
  networks: PlannedNetwork[];
  /** Hosts, in topology order. */
  hosts: PlannedHost[];
}

/** Options of planLab(). */
export interface PlanOptions {
  /** Force every host's kind (default: each host's own, `auto` decided by `hasIpvs`). */
  kind?: 'container' | 'vm';
  /** Whether the kernel has IPVS (decides `auto`). */
  hasIpvs: boolean;
}

/** Resolves `topo` (already validated). Throws ArgsError if a host cannot be reached from the control machine. */
export function planLab(topo: Topology, opts: PlanOptions): LabPlan {
  const used = new Set<string>();
  for (const h of topo.hosts) for (const c of h.nics) used.add(c.address);
  for (const f of topo.floating ?? []) used.add(f.address);
  const networks: PlannedNetwork[] = topo.networks.map((n, k) => {
    const sub = parseSubnet(n.subnet)!;
    const p: PlannedNetwork = { name: n.name, subnet: n.subnet, prefix: sub.prefix, bridge: `${PREFIX}br${k}` };
    if (n.control) Object.assign(p, { control: n.control, controlLink: `${PREFIX}c${k}`, controlPort: `${PREFIX}cp${k}` });
    else {
      p.aptRelay = n.aptRelay ?? formatIp(sub.network + 1);
      if (used.has(p.aptRelay)) {
        throw new ArgsError(`network ${n.name}: the apt relay address ${p.aptRelay} is taken by a host; set networks[].aptRelay`, { field: 'aptRelay' });
      }
    }
    const routers = [...new Set(topo.hosts.map((h) => h.gateway).filter((g): g is string => !!g && !used.has(g) && g !== n.control && g !== p.aptRelay
      && inSubnet(parseIp(g)!, sub)))];
    if (routers.length) p.routers = routers;
    return p;
  });
  const byName = new Map(networks.map((n) => [n.name, n]));
  const hosts: PlannedHost[] = topo.hosts.map((h, i) => {
    const nics = h.nics.map((c, j): PlannedNic => ({
      network: c.network, ifname: c.ifname ?? DEFAULT_IFNAMES[j], address: c.address,
      prefix: byName.get(c.network)!.prefix, mac: macFromIp(c.address), port: `${PREFIX}${i}n${j}`,
    }));
    const wanted = opts.kind ?? h.kind ?? 'auto';
    const kind = wanted === 'auto' ? (h.needs?.includes('ipvs') && !opts.hasIpvs ? 'vm' : 'container') : wanted;
    const onControl = nics.find((c) => byName.get(c.network)!.control);
    const firstNet = byName.get(nics[0].network)!;
    return {
      name: h.name, hostname: h.hostname ?? h.name, kind, nics, gateway: h.gateway,
      sshAddress: onControl?.address ?? nics[0].address,
      aptProxy: `http://${onControl ? byName.get(onControl.network)!.control : firstNet.aptRelay}:${APT_PORT}`,
      netns: `${PREFIX}-${h.name}`, groups: h.groups ?? [], memoryMb: h.memoryMb,
    };
  });
  for (const h of hosts) {
    if (byName.get(h.nics.find((c) => c.address === h.sshAddress)!.network)!.control) continue;
    const jump = hosts.find((o) => o !== h && byName.get(o.nics.find((c) => c.address === o.sshAddress)!.network)!.control
      && o.nics.some((c) => h.nics.some((d) => d.network === c.network)));
    if (!jump) {
      throw new ArgsError(`host ${h.name} shares no network with a host the control machine reaches; it could not be managed`, { host: h.name });
    }
    h.jump = jump.sshAddress;
    h.jumpHost = jump.name;
  }
  return { topology: topo, switchNetns: `${PREFIX}-switch`, networks, hosts };
}
