// What a lab topology is made of: networks, hosts with their NICs, gateways, host kinds, floating addresses.

/** How a host is built: a container (namespaces + systemd-nspawn), a QEMU VM, or `auto` (VM only if it needs IPVS and this kernel lacks it). */
export type HostKind = 'container' | 'vm' | 'auto';

/** Kernel features a host may need (decides `auto`). */
export type HostNeed = 'ipvs';

/** One L2 network (a bridge). */
export interface TopologyNetwork {
  /** Name used by NICs, `lab cut`, the inventory (`lab_if_NAME`), e.g. `hostonly`. */
  name: string;
  /** IPv4 subnet in CIDR form, e.g. 192.168.56.0/24. */
  subnet: string;
  /** The control machine's address on this network (its "leg", like VirtualBox's host-only adapter); absent = no leg. */
  control?: string;
  /** Address of the lab's apt relay on a network without a control leg (default: the subnet's first address). */
  aptRelay?: string;
}

/** One network card of a host. */
export interface TopologyNic {
  /** Network name. */
  network: string;
  /** IPv4 address on that network (prefix from the network's subnet). */
  address: string;
  /** Interface name inside the host (default enp0s3, enp0s8, enp0s9, enp0s10 by position, as VirtualBox names them). */
  ifname?: string;
}

/** One machine of the lab. */
export interface TopologyHost {
  /** Inventory name (also the hostname unless `hostname` is set). */
  name: string;
  /** Hostname inside the host. */
  hostname?: string;
  /** Network cards, in order. */
  nics: TopologyNic[];
  /** Default gateway (IPv4, in one NIC's subnet); absent = no default route. */
  gateway?: string;
  /** Container, VM or auto (default auto). */
  kind?: HostKind;
  /** Kernel features the host needs. */
  needs?: HostNeed[];
  /** Inventory groups the host belongs to. */
  groups?: string[];
  /** VM memory in MiB (VM kind only). */
  memoryMb?: number;
}

/** An address that moves between hosts (a VIP), drawn in the diagram and listed in the inventory. */
export interface FloatingAddress {
  /** The address. */
  address: string;
  /** Network it lives on. */
  network: string;
  /** What it is, e.g. "Heartbeat VIP". */
  description?: string;
}

/** A whole lab. */
export interface Topology {
  /** Topology name (built-in name or the file's `name`). */
  name: string;
  /** One line about it. */
  description?: string;
  /** Networks. */
  networks: TopologyNetwork[];
  /** Hosts. */
  hosts: TopologyHost[];
  /** Floating addresses. */
  floating?: FloatingAddress[];
}
