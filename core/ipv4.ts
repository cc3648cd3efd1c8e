// IPv4 arithmetic (the one IPv4 helper, for the lab and the playbooks): parse addresses and CIDRs, subnet membership, overlap, MACs derived from addresses.

/** An IPv4 subnet: network address as a number and prefix length. */
export interface Subnet {
  /** Network address (host bits zero) as an unsigned 32-bit number. */
  network: number;
  /** Prefix length, 0..32. */
  prefix: number;
}

/** The address as a number, or null when `text` is not a dotted-quad IPv4 address (no leading zeros: 010 is octal to some tools). */
export function parseIp(text: string): number | null {
  const m = /^(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})$/.exec(text);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return null;
  return ((parts[0] << 24) | (parts[1] << 16) | (parts[2] << 8) | parts[3]) >>> 0;
}

/** Dotted-quad text of a numeric address. */
export function formatIp(n: number): string {
  return [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');
}

function mask(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

/** Parses `a.b.c.d/n`; null when malformed or when host bits are set. */
export function parseSubnet(text: string): Subnet | null {
  const [ip, len, extra] = text.split('/');
  if (extra !== undefined || len === undefined || !/^\d{1,2}$/.test(len)) return null;
  const prefix = Number(len);
  const n = parseIp(ip);
  if (n === null || prefix > 32) return null;
  if ((n & mask(prefix)) >>> 0 !== n) return null;
  return { network: n, prefix };
}

/** An interface address `a.b.c.d/n` (host bits set): the address and its subnet; null when malformed. */
export function parseInterfaceAddress(text: string): { ip: number; subnet: Subnet } | null {
  const [addr, len, extra] = text.split('/');
  if (extra !== undefined || len === undefined || !/^\d{1,2}$/.test(len)) return null;
  const ip = parseIp(addr);
  const prefix = Number(len);
  if (ip === null || prefix > 32) return null;
  return { ip, subnet: { network: (ip & mask(prefix)) >>> 0, prefix } };
}

/** True when `ip` lies in `subnet`. */
export function inSubnet(ip: number, subnet: Subnet): boolean {
  return ((ip & mask(subnet.prefix)) >>> 0) === subnet.network;
}

/** True when the two subnets share any address. */
export function overlaps(a: Subnet, b: Subnet): boolean {
  const p = Math.min(a.prefix, b.prefix);
  return ((a.network & mask(p)) >>> 0) === ((b.network & mask(p)) >>> 0);
}

/** The subnet's network address or broadcast address? (not usable as a host address). */
export function isNetworkOrBroadcast(ip: number, subnet: Subnet): boolean {
  if (subnet.prefix >= 31) return false;
  const bcast = (subnet.network | (~mask(subnet.prefix) >>> 0)) >>> 0;
  return ip === subnet.network || ip === bcast;
}

/** `a.b.c.d/n` text of a subnet. */
export function formatSubnet(s: Subnet): string {
  return `${formatIp(s.network)}/${s.prefix}`;
}

/**
 * A locally administered MAC derived from an address (02:56:a:b:c:d in hex), so a re-created host
 * keeps its MAC and no neighbour's ARP cache goes stale.
 */
export function macFromIp(ip: string): string {
  const n = parseIp(ip);
  if (n === null) throw new Error(`not an IPv4 address: ${ip}`);
  return ['02', '56', ...[24, 16, 8, 0].map((s) => ((n >>> s) & 255).toString(16).padStart(2, '0'))].join(':');
}
