// Checks a parsed topology (from a file or code) field by field; errors name the file and the field.
import { ArgsError } from '../../core/errors.ts';
import { inSubnet, isNetworkOrBroadcast, overlaps, parseIp, parseSubnet, type Subnet } from '../../core/ipv4.ts';
import type { Topology } from './types.ts';

const NAME = /^[A-Za-z][A-Za-z0-9-]{0,30}$/;
const NET_NAME = /^[a-z][a-z0-9_]{0,15}$/;
const IFNAME = /^[a-z][a-z0-9]{0,14}$/;
const KINDS = ['container', 'vm', 'auto'];
const NEEDS = ['ipvs'];

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Returns `raw` as a Topology if every field is valid; else throws an ArgsError naming `file` and the field. */
export function validateTopology(raw: unknown, file: string): Topology {
  const fail = (field: string, msg: string): never => {
    throw new ArgsError(`invalid topology: ${msg}`, { file, field });
  };
  const allowOnly = (o: Record<string, unknown>, at: string, keys: string[]): void => {
    for (const k of Object.keys(o)) if (!keys.includes(k)) fail(at ? `${at}.${k}` : k, `unknown field "${k}" (allowed: ${keys.join(', ')})`);
  };
  const str = (v: unknown, field: string): string => (typeof v === 'string' && v !== '' ? v : fail(field, 'must be a non-empty string'));
  if (!isObj(raw)) return fail('(top)', 'must be an object with name, networks, hosts');
  allowOnly(raw, '', ['name', 'description', 'networks', 'hosts', 'floating']);
  const name = str(raw.name, 'name');
  if (!NAME.test(name)) fail('name', `"${name}" must be letters, digits and dashes`);
  if (raw.description !== undefined) str(raw.description, 'description');
  if (!Array.isArray(raw.networks) || raw.networks.length === 0) fail('networks', 'must be a non-empty list');
  if (!Array.isArray(raw.hosts) || raw.hosts.length === 0) fail('hosts', 'must be a non-empty list');
  const nets = new Map<string, Subnet>();
  const used = new Map<number, string>();
  const claim = (ip: number, who: string, field: string): void => {
    const prev = used.get(ip);
    if (prev) fail(field, `address already used by ${prev}`);
    used.set(ip, who);
  };
  const addrIn = (v: unknown, field: string, net: string): number => {
    const text = str(v, field);
    const ip = parseIp(text);
    if (ip === null) return fail(field, `"${text}" is not an IPv4 address`);
    const sub = nets.get(net)!;
    if (!inSubnet(ip, sub) || isNetworkOrBroadcast(ip, sub)) fail(field, `${text} is not a host address of network "${net}"`);
    return ip;
  };
  (raw.networks as unknown[]).forEach((n, i) => {
    const at = `networks[${i}]`;
    if (!isObj(n)) return fail(at, 'must be an object');
    allowOnly(n, at, ['name', 'subnet', 'control', 'aptRelay']);
    const nn = str(n.name, `${at}.name`);
    if (!NET_NAME.test(nn)) fail(`${at}.name`, `"${nn}" must be lower-case letters, digits, _ (max 16)`);
    if (nets.has(nn)) fail(`${at}.name`, `duplicate network "${nn}"`);
    const sub = parseSubnet(str(n.subnet, `${at}.subnet`));
    if (!sub) return fail(`${at}.subnet`, `"${String(n.subnet)}" is not a CIDR subnet like 192.168.56.0/24`);
    if (sub.prefix < 8 || sub.prefix > 30) fail(`${at}.subnet`, 'prefix must be between /8 and /30');
    for (const [other, s] of nets) if (overlaps(s, sub)) fail(`${at}.subnet`, `overlaps network "${other}"`);
    nets.set(nn, sub);
    if (n.control !== undefined) claim(addrIn(n.control, `${at}.control`, nn), 'the control machine', `${at}.control`);
    if (n.aptRelay !== undefined) {
      if (n.control !== undefined) fail(`${at}.aptRelay`, 'a network with a control leg uses the control address for apt');
      claim(addrIn(n.aptRelay, `${at}.aptRelay`, nn), 'the apt relay', `${at}.aptRelay`);
    }
  });
  const hostNames = new Set<string>();
  (raw.hosts as unknown[]).forEach((h, i) => {
    const at = `hosts[${i}]`;
    if (!isObj(h)) return fail(at, 'must be an object');
    allowOnly(h, at, ['name', 'hostname', 'nics', 'gateway', 'kind', 'needs', 'groups', 'memoryMb']);
    const hn = str(h.name, `${at}.name`);
    if (!NAME.test(hn)) fail(`${at}.name`, `"${hn}" must start with a letter; letters, digits, dashes (max 31)`);
    if (hostNames.has(hn.toLowerCase())) fail(`${at}.name`, `duplicate host "${hn}"`);
    hostNames.add(hn.toLowerCase());
    if (h.hostname !== undefined && !NAME.test(str(h.hostname, `${at}.hostname`))) fail(`${at}.hostname`, 'not a valid hostname');
    if (!Array.isArray(h.nics) || h.nics.length === 0 || h.nics.length > 4) fail(`${at}.nics`, 'must list 1 to 4 NICs');
    const ifnames = new Set<string>();
    const hostNets = new Set<string>();
    (h.nics as unknown[]).forEach((c, j) => {
      const cat = `${at}.nics[${j}]`;
      if (!isObj(c)) return fail(cat, 'must be an object');
      allowOnly(c, cat, ['network', 'address', 'ifname']);
      const net = str(c.network, `${cat}.network`);
      if (!nets.has(net)) fail(`${cat}.network`, `unknown network "${net}"`);
      if (hostNets.has(net)) fail(`${cat}.network`, `host already has a NIC on "${net}"`);
      hostNets.add(net);
      claim(addrIn(c.address, `${cat}.address`, net), hn, `${cat}.address`);
      if (c.ifname !== undefined) {
        const ifn = str(c.ifname, `${cat}.ifname`);
        if (!IFNAME.test(ifn) || ifn === 'lo') fail(`${cat}.ifname`, `"${ifn}" is not a usable interface name`);
        if (ifnames.has(ifn)) fail(`${cat}.ifname`, `duplicate interface name "${ifn}"`);
        ifnames.add(ifn);
      }
    });
    if (h.gateway !== undefined) {
      const gw = parseIp(str(h.gateway, `${at}.gateway`));
      if (gw === null) fail(`${at}.gateway`, `"${String(h.gateway)}" is not an IPv4 address`);
      if (![...hostNets].some((n) => inSubnet(gw!, nets.get(n)!))) fail(`${at}.gateway`, 'is in none of the host\'s networks');
    }
    if (h.kind !== undefined && !KINDS.includes(h.kind as string)) fail(`${at}.kind`, `must be one of ${KINDS.join(', ')}`);
    if (h.needs !== undefined && (!Array.isArray(h.needs) || h.needs.some((x) => !NEEDS.includes(x as string)))) {
      fail(`${at}.needs`, `must be a list of: ${NEEDS.join(', ')}`);
    }
    if (h.groups !== undefined && (!Array.isArray(h.groups) || h.groups.some((g) => typeof g !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(g)))) {
      fail(`${at}.groups`, 'must be a list of group names (letters, digits, _)');
    }
    if (h.memoryMb !== undefined && (!Number.isInteger(h.memoryMb) || (h.memoryMb as number) < 128)) fail(`${at}.memoryMb`, 'must be an integer >= 128');
  });
  if (raw.floating !== undefined) {
    if (!Array.isArray(raw.floating)) fail('floating', 'must be a list');
    (raw.floating as unknown[]).forEach((f, i) => {
      const at = `floating[${i}]`;
      if (!isObj(f)) return fail(at, 'must be an object');
      allowOnly(f, at, ['address', 'network', 'description']);
      const net = str(f.network, `${at}.network`);
      if (!nets.has(net)) fail(`${at}.network`, `unknown network "${net}"`);
      claim(addrIn(f.address, `${at}.address`, net), `floating address ${i}`, `${at}.address`);
    });
  }
  return raw as unknown as Topology;
}
