// Moves one network of a topology to another subnet of the same size, keeping every address's host part.
import { ArgsError } from '../../core/errors.ts';
import { formatIp, formatSubnet, parseIp, parseSubnet } from '../../core/ipv4.ts';
import type { Topology } from './types.ts';
import { validateTopology } from './validate.ts';

/** A copy of `topo` with network `network` moved to `subnet` (e.g. 192.168.57.0/24); gateways follow. */
export function remapSubnet(topo: Topology, network: string, subnet: string): Topology {
  const net = topo.networks.find((n) => n.name === network);
  if (!net) throw new ArgsError(`--subnet: topology ${topo.name} has no network "${network}"`, { field: 'subnet' });
  const from = parseSubnet(net.subnet)!;
  const to = parseSubnet(subnet);
  if (!to) throw new ArgsError(`--subnet: "${subnet}" is not a CIDR subnet`, { field: 'subnet' });
  if (to.prefix !== from.prefix) throw new ArgsError(`--subnet: ${network} is a /${from.prefix}, ${subnet} is not`, { field: 'subnet' });
  const move = (ip: string): string => {
    const n = parseIp(ip)!;
    const m = from.prefix === 0 ? 0 : (0xffffffff << (32 - from.prefix)) >>> 0;
    if (((n & m) >>> 0) !== from.network) return ip;
    return formatIp((to.network | (n & ~m)) >>> 0);
  };
  const out = structuredClone(topo);
  for (const n of out.networks) {
    if (n.name !== network) continue;
    n.subnet = formatSubnet(to);
    if (n.control) n.control = move(n.control);
    if (n.aptRelay) n.aptRelay = move(n.aptRelay);
  }
  for (const h of out.hosts) {
    for (const c of h.nics) if (c.network === network) c.address = move(c.address);
    if (h.gateway) h.gateway = move(h.gateway);
  }
  for (const f of out.floating ?? []) if (f.network === network) f.address = move(f.address);
  return validateTopology(out, `${topo.name} (--subnet ${network}=${subnet})`);
}
