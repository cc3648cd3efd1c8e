// Refuses a lab whose subnets are already in use on this machine (an address or route of the root namespace overlaps).
import { LabError } from './lab-error.ts';
import { overlaps, parseSubnet, type Subnet } from '../core/ipv4.ts';
import type { LabPlan } from './plan.ts';
import { run } from './run.ts';

interface IpRoute { dst: string; dev?: string }
interface IpAddr { ifname: string; addr_info: { family: string; local: string; prefixlen: number }[] }

function toSubnet(dst: string, prefix?: number): Subnet | null {
  if (dst === 'default') return null;
  const [ip, len] = dst.split('/');
  const p = Number(len ?? prefix ?? 32);
  const m = p === 0 ? 0 : (0xffffffff << (32 - p)) >>> 0;
  const parts = ip.split('.').map(Number);
  const n = ((parts[0] << 24) | (parts[1] << 16) | (parts[2] << 8) | parts[3]) >>> 0;
  return { network: (n & m) >>> 0, prefix: p };
}

/** Throws a LabError naming the network, subnet and the interface already using it. */
export async function checkSubnetsFree(plan: LabPlan): Promise<void> {
  const routes = JSON.parse((await run(['ip', '-4', '-j', 'route', 'show', 'table', 'all'])).stdout || '[]') as IpRoute[];
  const addrs = JSON.parse((await run(['ip', '-4', '-j', 'addr', 'show'])).stdout || '[]') as IpAddr[];
  const inUse: { s: Subnet; what: string }[] = [];
  for (const r of routes) {
    const s = toSubnet(r.dst);
    if (s && s.prefix > 0 && !r.dst.startsWith('127.') && r.dst !== '255.255.255.255') inUse.push({ s, what: `route ${r.dst}${r.dev ? ` dev ${r.dev}` : ''}` });
  }
  for (const a of addrs) {
    for (const i of a.addr_info) if (i.family === 'inet' && !i.local.startsWith('127.')) inUse.push({ s: toSubnet(i.local, i.prefixlen)!, what: `${i.local}/${i.prefixlen} on ${a.ifname}` });
  }
  for (const n of plan.networks) {
    const s = parseSubnet(n.subnet)!;
    const hit = inUse.find((u) => overlaps(u.s, s) && u.s.prefix > 0);
    if (hit) {
      throw new LabError(`network ${n.name} (${n.subnet}) is already in use on this machine (${hit.what}); `
        + `stop what uses it, or move the lab with --subnet ${n.name}=OTHER/${s.prefix}`);
    }
  }
}
