// The live service in one view: who holds each floating address, the IPVS table with connections and rates, each real server's health.
import type { Remote } from '../drill/remote.ts';
import { addressesOf, checkedReals, parseLiveTable, type LiveService } from './parse.ts';

/** One balancer (or Heartbeat node) as it is now. */
export interface NodeState {
  host: string;
  reachable: boolean;
  error?: string;
  addresses: string[];
  services: LiveService[];
  /** Real servers ldirectord checks (from its configuration), with what the live table says of each. */
  health: { real: string; healthy: boolean }[];
  /** systemctl is-active of heartbeat and ldirectord. */
  units: Record<string, string>;
}

/** The whole view. */
export interface ServiceState {
  at: string;
  /** Floating address → the nodes holding it (two = split brain, none = down). */
  floating: Record<string, string[]>;
  nodes: NodeState[];
}

const PART = '@@tsible-part';
const SCRIPT = [
  'PATH="$PATH:/usr/sbin:/sbin"',
  `echo '${PART} addr'; ip -o -4 addr show`,
  `echo '${PART} plain'; ipvsadm -Ln 2>/dev/null`,
  `echo '${PART} stats'; ipvsadm -Ln --stats 2>/dev/null`,
  `echo '${PART} rate'; ipvsadm -Ln --rate 2>/dev/null`,
  `echo '${PART} ldirectord'; cat /etc/ha.d/ldirectord.cf 2>/dev/null`,
  `echo '${PART} units'; for u in heartbeat ldirectord; do printf '%s %s\\n' "$u" "$(systemctl is-active "$u" 2>/dev/null)"; done`,
  'true',
].join('\n');

function parts(out: string): Record<string, string> {
  const r: Record<string, string> = {};
  let cur = '';
  for (const line of out.split('\n')) {
    if (line.startsWith(`${PART} `)) r[(cur = line.slice(PART.length + 1))] = '';
    else if (cur) r[cur] += `${line}\n`;
  }
  return r;
}

/** Reads one node (one SSH command). */
export async function readNode(remote: Remote, host: string): Promise<NodeState> {
  try {
    const r = await remote.run(host, { shell: SCRIPT }, 15_000);
    const p = parts(r.stdout);
    const services = parseLiveTable(p.plain ?? '', p.stats ?? '', p.rate ?? '');
    const live = new Map(services.flatMap((s) => s.reals.map((x) => [x.address, x.weight] as const)));
    const checked = checkedReals(p.ldirectord ?? '');
    const units = Object.fromEntries((p.units ?? '').trim().split('\n').filter(Boolean).map((l) => l.split(' ') as [string, string]));
    return {
      host, reachable: true, addresses: addressesOf(p.addr ?? '').map((a) => `${a.iface} ${a.address}`), services, units,
      health: services.length ? checked.map((real) => ({ real, healthy: (live.get(real) ?? 0) > 0 })) : [],
    };
  } catch (e) {
    await remote.forget(host);
    return { host, reachable: false, error: (e as Error).message, addresses: [], services: [], health: [], units: {} };
  }
}

/** Reads every node, in parallel. */
export async function readService(remote: Remote, nodes: string[], floating: string[]): Promise<ServiceState> {
  const states = await Promise.all(nodes.map((n) => readNode(remote, n)));
  const holders: Record<string, string[]> = {};
  for (const f of floating) holders[f] = states.filter((s) => s.addresses.some((a) => a.endsWith(` ${f}`))).map((s) => s.host);
  return { at: new Date().toISOString(), floating: holders, nodes: states };
}

const kb = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(1)}M` : n >= 1e3 ? `${(n / 1e3).toFixed(1)}K` : String(Math.round(n)));

/** The view as text. */
export function renderService(s: ServiceState): string {
  const out: string[] = [`service state at ${s.at}`, '', 'floating addresses:'];
  for (const [addr, who] of Object.entries(s.floating)) {
    out.push(`  ${addr.padEnd(16)} ${who.length === 0 ? 'NOBODY (down)' : who.length > 1 ? `${who.join(' and ')} (SPLIT BRAIN)` : who[0]}`);
  }
  for (const n of s.nodes) {
    out.push('', `${n.host}: ${n.reachable ? Object.entries(n.units).map(([u, st]) => `${u} ${st}`).join(', ') : `UNREACHABLE (${n.error})`}`);
    for (const svc of n.services) {
      out.push(`  ${svc.service} ${svc.scheduler}${svc.persistent ? ` persistent ${svc.persistent}` : ''}`);
      out.push(`    ${'real server'.padEnd(22)}${'weight'.padStart(7)}${'active'.padStart(8)}${'inact'.padStart(7)}${'conns'.padStart(8)}${'conn/s'.padStart(8)}${'in B/s'.padStart(9)}${'out B/s'.padStart(9)}  health`);
      const health = new Map(n.health.map((h) => [h.real, h.healthy]));
      const shown = new Set<string>();
      for (const r of svc.reals) {
        shown.add(r.address);
        const h = health.has(r.address) ? (health.get(r.address) ? 'up' : 'DOWN (weight 0)') : 'not checked';
        out.push(`    ${r.address.padEnd(22)}${String(r.weight).padStart(7)}${String(r.activeConn).padStart(8)}${String(r.inactConn).padStart(7)}${kb(r.conns).padStart(8)}${kb(r.cps).padStart(8)}${kb(r.inBps).padStart(9)}${kb(r.outBps).padStart(9)}  ${h}`);
      }
      for (const h of n.health) if (!shown.has(h.real)) out.push(`    ${h.real.padEnd(22)}${'-'.padStart(7)}${''.padStart(56)}  DOWN (taken out by ldirectord)`);
    }
    if (n.reachable && !n.services.length) out.push('  no IPVS table (standby, or not a balancer)');
  }
  return out.join('\n') + '\n';
}
