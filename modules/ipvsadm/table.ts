// The IPVS table model: virtual services and their real servers, as `ipvsadm -Sn` and the rules file describe them.
import { isIPv4, isIPv6 } from 'node:net';

/** How packets reach a real server: -m (NAT), -g (direct routing, ipvsadm's default), -i (IP-IP tunnel). */
export type Forwarding = 'masq' | 'route' | 'tunnel';

/** Virtual service protocol: -t, -u, or -f (firewall mark). */
export type Protocol = 'tcp' | 'udp' | 'fwmark';

/** One real server of a virtual service. */
export interface RealServer {
  /** Numeric address (IPv6 without brackets, compressed). */
  address: string;
  port: number;
  forwarding: Forwarding;
  weight: number;
  /** Options after the weight, kept verbatim for the round trip (--tun-type ipip, -x 100, -y 50…). */
  extra: string[];
}

/** One virtual service. */
export interface VirtualService {
  protocol: Protocol;
  /** Numeric address (IPv6 compressed, no brackets); '' for fwmark services. */
  address: string;
  /** Port (0 for fwmark services). */
  port: number;
  /** Firewall mark, for fwmark services. */
  fwmark?: number;
  scheduler: string;
  /** Persistence timeout in seconds; undefined = not persistent. */
  persistent?: number;
  /** Persistence granularity (-M): a netmask, or a prefix length for IPv6. */
  netmask?: string;
  /** Scheduler flags (-b), e.g. ['sh-fallback', 'sh-port']. */
  schedFlags: string[];
  /** Persistence engine (--pe), e.g. 'sip'. */
  pe?: string;
  /** One-packet scheduling (-o, UDP only). */
  ops: boolean;
  /** Other service options kept verbatim (-6 on IPv6 fwmark services…). */
  extra: string[];
  realServers: RealServer[];
}

/** A whole table (order kept: the kernel's for -Sn, the file's for the rules file). */
export type IpvsTable = VirtualService[];

const FLAG: Record<Protocol, string> = { tcp: '-t', udp: '-u', fwmark: '-f' };
const FWD: Record<Forwarding, string> = { masq: '-m', route: '-g', tunnel: '-i' };

/** `10.0.0.1:80`, `[fd00::1]:80`. */
export function hostPort(address: string, port: number): string {
  return isIPv6(address) ? `[${address}]:${port}` : `${address}:${port}`;
}

/** The service's identity as ipvsadm writes it: ['-t', '10.0.0.1:80'] or ['-f', '42']. */
export function serviceId(s: Pick<VirtualService, 'protocol' | 'address' | 'port' | 'fwmark'>): [string, string] {
  return s.protocol === 'fwmark' ? ['-f', String(s.fwmark)] : [FLAG[s.protocol], hostPort(s.address, s.port)];
}

/** A string key for maps: '-t 10.0.0.1:80'. */
export function serviceKey(s: Pick<VirtualService, 'protocol' | 'address' | 'port' | 'fwmark'>): string {
  return serviceId(s).join(' ');
}

/** A string key for a real server within its service: '10.0.0.2:80'. */
export function serverKey(r: Pick<RealServer, 'address' | 'port'>): string {
  return hostPort(r.address, r.port);
}

/** The options of -A/-E (everything but the identity), in the order ipvsadm -Sn prints them. */
function serviceOptions(s: VirtualService): string[] {
  const out = ['-s', s.scheduler];
  if (s.persistent !== undefined) out.push('-p', String(s.persistent));
  if (s.netmask !== undefined) out.push('-M', s.netmask);
  if (s.schedFlags.length) out.push('-b', s.schedFlags.join(','));
  if (s.pe !== undefined) out.push('--pe', s.pe);
  if (s.ops) out.push('-o');
  out.push(...s.extra);
  return out;
}

/** The options of -a/-e after the real server's address, as ipvsadm -Sn prints them. */
function serverOptions(r: RealServer): string[] {
  return [FWD[r.forwarding], '-w', String(r.weight), ...r.extra];
}

/** `-A -t 10.0.0.1:80 -s rr` as argv words (op is -A or -E). */
export function serviceLine(op: '-A' | '-E', s: VirtualService): string[] {
  return [op, ...serviceId(s), ...serviceOptions(s)];
}

/** `-a -t 10.0.0.1:80 -r 10.0.0.2:80 -m -w 1` as argv words (op is -a or -e). */
export function serverLine(op: '-a' | '-e', s: VirtualService, r: RealServer): string[] {
  return [op, ...serviceId(s), '-r', serverKey(r), ...serverOptions(r)];
}

/** True when two services have the same settings (identity and real servers not compared). */
export function sameServiceSettings(a: VirtualService, b: VirtualService): boolean {
  return serviceOptions(a).join(' ') === serviceOptions(b).join(' ');
}

/**
 * True when two real servers have the same settings. Thresholds (-x/-y) are not compared:
 * ipvsadm 1.31 (Debian 12) does not print them in -Sn, so they cannot be read back.
 */
export function sameServerSettings(a: RealServer, b: RealServer): boolean {
  return a.forwarding === b.forwarding && a.weight === b.weight && tunnelOptions(a).join(' ') === tunnelOptions(b).join(' ');
}

function tunnelOptions(r: RealServer): string[] {
  const out: string[] = [];
  for (let i = 0; i < r.extra.length; i++) {
    const w = r.extra[i]!;
    if (w === '-x' || w === '-y') i++;
    else out.push(w);
  }
  return out;
}

/** Canonical numeric address: IPv4 as is, IPv6 compressed and lower-case; undefined if not an IP address. */
export function normalizeAddress(text: string): string | undefined {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  if (isIPv4(bare)) return bare;
  if (isIPv6(bare)) return new URL(`http://[${bare}]/`).hostname.slice(1, -1);
  return undefined;
}

/** A deep copy of a table. */
export function cloneTable(t: IpvsTable): IpvsTable {
  return t.map((s) => ({ ...s, schedFlags: [...s.schedFlags], extra: [...s.extra], realServers: s.realServers.map((r) => ({ ...r, extra: [...r.extra] })) }));
}
