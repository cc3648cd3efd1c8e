// The chapter playbooks' variables: inventory (or -e) values first, then the tutorial's own values as defaults.
import type { HostVars } from '../../core/index.ts';
import { Secret, isSecret, secretEnv } from '../../core/index.ts';
import { inSubnet, parseInterfaceAddress, parseIp } from '../../core/ipv4.ts';

/**
 * The tutorial's values, used only when neither the inventory nor -e sets the variable. These are
 * addresses and policy, never interface names or secrets: those come from the inventory (the lab's
 * generated inventory gives lab_if_hostonly / lab_if_internal per host).
 */
export const TUTORIAL = {
  /** The public floating address (chapters I, IV) / the balancer's address (II, III). */
  vip: '192.168.56.10',
  vipPrefix: 24,
  vipPort: 80,
  /** Chapter IV's internal floating address: the web servers' gateway. */
  internalVip: '192.168.200.250',
  internalPrefix: 24,
  /** The control machine, where the document's clients are: VirtualBox's host on the host-only network. */
  controlMachine: '192.168.56.1',
  heartbeatDeadtime: 5,
  heartbeatKeepalive: 1,
  /** Environment variable holding the Heartbeat key when no inventory/vault variable does. */
  authkeyEnv: 'TSIBLE_HEARTBEAT_AUTHKEY',
} as const;

/** Whether `address` is in the /`prefix` network of `member` (false for anything that is not a dotted quad). */
export function sameSubnet(member: string, address: string, prefix: number): boolean {
  const net = parseInterfaceAddress(`${member}/${prefix}`);
  const ip = parseIp(address);
  return net !== null && ip !== null && inSubnet(ip, net.subnet);
}

/** A defined variable, or `fallback`. */
export function pick<T>(v: HostVars, name: string, fallback: T): T {
  const value = v[name];
  return value === undefined || value === null || value === '' ? fallback : (value as T);
}

/** A number variable (INI values may arrive as strings). */
export function pickNumber(v: HostVars, name: string, fallback: number): number {
  const n = Number(pick<unknown>(v, name, fallback));
  if (!Number.isFinite(n)) throw new Error(`variable ${name} must be a number, got ${JSON.stringify(v[name])}`);
  return n;
}

/** An on/off variable, on unless set to false, no, off or 0 (any case): INI and -e values arrive as strings. */
export function pickOn(v: HostVars, name: string): boolean {
  return !['false', 'no', 'off', '0'].includes(String(pick<unknown>(v, name, 'true')).toLowerCase());
}

/** Load-aware weights (playbooks/lib/load-weights.ts): on only when `lvs_load_weights` is true, yes, on or 1. */
export function loadWeightsOn(v: HostVars): boolean {
  return ['true', 'yes', 'on', '1'].includes(String(pick<unknown>(v, 'lvs_load_weights', 'false')).toLowerCase());
}

/** A list variable: a list, or a JSON list / space-separated words in a string (INI). */
export function pickList(v: HostVars, name: string, fallback: string[]): string[] {
  const value = pick<unknown>(v, name, fallback);
  if (Array.isArray(value)) return value.map(String);
  const text = String(value).trim();
  if (text.startsWith('[')) return (JSON.parse(text) as unknown[]).map(String);
  return text.split(/[\s,]+/).filter(Boolean);
}

/** An interface variable that must exist: the inventory's own name, else the lab's, else a clear error. */
function iface(v: HostVars, names: string[], what: string): string {
  for (const n of names) {
    const value = v[n];
    if (typeof value === 'string' && value) return value;
  }
  throw new Error(`${what}: set ${names.join(' or ')} for host ${String(v.inventory_hostname)} in the inventory`);
}

/** Interface on the host-only (public) network 192.168.56.0/24: `enp0s3` in the document. */
export function publicIface(v: HostVars): string {
  return iface(v, ['public_iface', 'vip_iface', 'lab_if_hostonly'], 'the public interface');
}

/** Interface on the internal network 192.168.200.0/24: `enp0s8` on the balancers, the web servers' only NIC. */
export function internalIface(v: HostVars): string {
  return iface(v, ['internal_iface', 'lab_if_internal'], 'the internal interface');
}

/** The interfaces Heartbeat broadcasts on: `ha_ifaces`, else every lab network the host has. */
export function haIfaces(v: HostVars): string[] {
  if (v.ha_ifaces !== undefined) return pickList(v, 'ha_ifaces', []);
  const found = [v.public_iface ?? v.lab_if_hostonly, v.internal_iface ?? v.lab_if_internal].filter((x): x is string => typeof x === 'string' && !!x);
  if (!found.length) throw new Error(`Heartbeat interfaces: set ha_ifaces for host ${String(v.inventory_hostname)} in the inventory`);
  return [...new Set(found)];
}

/** The Heartbeat nodes: `ha_nodes`, else the play's group (their inventory names must be their hostnames). */
export function haNodes(v: HostVars, group: string): string[] {
  if (v.ha_nodes !== undefined) return pickList(v, 'ha_nodes', []);
  const members = (v.groups as Record<string, string[]> | undefined)?.[group];
  if (!members?.length) throw new Error(`Heartbeat nodes: group ${group} is empty and ha_nodes is not set`);
  return members;
}

/** The preferred node (haresources' first field): `ha_primary`, else the first node. */
export function haPrimary(v: HostVars, group: string): string {
  return pick(v, 'ha_primary', haNodes(v, group)[0]);
}

/**
 * The Heartbeat key, always a Secret: the inventory/vault variable `heartbeat_authkey`
 * (inventory/group_vars/heartbeat.yml reads it from the environment), else $TSIBLE_HEARTBEAT_AUTHKEY.
 */
export function heartbeatKey(v: HostVars): Secret {
  const value = v.heartbeat_authkey;
  if (isSecret(value)) return value;
  if (typeof value === 'string' && value) return new Secret(value);
  return secretEnv(TUTORIAL.authkeyEnv);
}

/** The inventory address of `host` (`lvs_address`, else `ansible_host`, else its name). */
export function hostAddress(v: HostVars, host: string): string {
  const hv = (v.hostvars as Record<string, HostVars> | undefined)?.[host] ?? {};
  return String(hv.lvs_address ?? hv.ansible_host ?? hv.tsible_host ?? host);
}

/** One real server behind the virtual service. */
export interface RealServer {
  host: string;
  address: string;
  port: number;
  weight: number;
}

/** One LVS virtual service (TCP, NAT forwarding) with its real servers, as the rules template and the ipvsadm module take it. */
export interface VirtualService {
  address: string;
  port: number;
  scheduler: string;
  /** Persistence timeout in seconds (ipvsadm -p), 0 = none (the document never sets it). */
  persistent: number;
  realServers: RealServer[];
}

/**
 * The virtual service of chapters II-IV: VIP:port, scheduler `lvs_scheduler` (default `scheduler`),
 * real servers = `lvs_backends` (default: group webservers), each weighted by its `lvs_weight`
 * (default `weights[host]`, else 1).
 */
export function virtualService(v: HostVars, defaults: { scheduler: string; weights?: Record<string, number> }): VirtualService {
  const port = pickNumber(v, 'vip_port', TUTORIAL.vipPort);
  const backends = v.lvs_backends !== undefined ? pickList(v, 'lvs_backends', []) : ((v.groups as Record<string, string[]>)?.webservers ?? []);
  if (!backends.length) throw new Error('no real servers: the inventory has no webservers group and lvs_backends is not set');
  const hostvars = (v.hostvars as Record<string, HostVars> | undefined) ?? {};
  return {
    address: pick(v, 'vip', TUTORIAL.vip),
    port,
    scheduler: pick(v, 'lvs_scheduler', defaults.scheduler),
    persistent: pickNumber(v, 'lvs_persistent', 0),
    realServers: backends.map((host) => ({
      host,
      address: hostAddress(v, host),
      port: Number(hostvars[host]?.lvs_port ?? port),
      weight: Number(hostvars[host]?.lvs_weight ?? defaults.weights?.[host] ?? 1),
    })),
  };
}

/** True when the registered `ip -o addr` output shows `address` on the host. */
export function holdsAddress(registered: unknown, address: string): boolean {
  const out = (registered as { stdout?: string } | undefined)?.stdout ?? '';
  return out.split('\n').some((line) => line.includes(` ${address}/`));
}

/**
 * True when a registered command result came from a real run. In check mode a command without creates/removes is
 * skipped (Ansible's "Command would have run if not in check mode", `skipped: true`) and reports rc 0 all the same:
 * a wait on its output must not retry it (the converged check-mode proof failed on that, retries exhausted).
 */
export function ranForReal(result: { rc?: number | null; skipped?: boolean }): boolean {
  return typeof result.rc === 'number' && result.skipped !== true;
}
