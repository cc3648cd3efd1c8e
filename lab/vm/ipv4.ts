// IPv4 addresses and CIDR prefixes as numbers: parsing and "is this address in that subnet".

/** An IPv4 address in a subnet, as given in CIDR form (192.168.56.11/24). */
export interface Cidr {
  /** The address part as a 32-bit unsigned number. */
  addr: number;
  /** Prefix length, 0–32. */
  prefix: number;
}

/** The address as a number, or null when `text` is not a dotted-quad IPv4 address. */
export function parseIpv4(text: string): number | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let n = 0;
  for (const p of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(p) || Number(p) > 255) return null;
    n = n * 256 + Number(p);
  }
  return n;
}

/** The CIDR, or null when `text` is not ADDRESS/PREFIX. */
export function parseCidr(text: string): Cidr | null {
  const m = /^([^/]+)\/(\d{1,2})$/.exec(text);
  if (!m?.[1] || !m[2]) return null;
  const addr = parseIpv4(m[1]);
  const prefix = Number(m[2]);
  if (addr === null || prefix > 32) return null;
  return { addr, prefix };
}

/** Whether `addr` lies in the subnet of `cidr`. */
export function inSubnet(cidr: Cidr, addr: number): boolean {
  if (cidr.prefix === 0) return true;
  const shift = 32 - cidr.prefix;
  return Math.floor(cidr.addr / 2 ** shift) === Math.floor(addr / 2 ** shift);
}
