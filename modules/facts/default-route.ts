// Fact: the default routes (`ip -j route show default`) and the address a host uses for them (Ansible's default_ipv4).
import { FactError } from '../../core/errors.ts';
import type { NetInterface } from './interfaces.ts';

/** One default route. */
export interface DefaultRoute {
  /** Next hop ('' for a device route). */
  gateway: string;
  /** Outgoing interface. */
  interface: string;
  /** Route metric (0 when none). */
  metric: number;
  /** Preferred source address, if the route names one. */
  source?: string;
}

/** Ansible's `default_ipv4` / `default_ipv6` shape: the default route's interface and its main address. */
export interface DefaultAddress {
  address: string;
  interface: string;
  gateway: string;
  prefix: number;
  /** IPv4 only. */
  netmask?: string;
  network?: string;
  broadcast?: string;
  /** IPv6 only. */
  scope?: string;
  macaddress: string;
  mtu: number;
  type: string;
}

interface RouteJson {
  dst?: string;
  gateway?: string;
  dev?: string;
  metric?: number;
  prefsrc?: string;
}

/** Pure: default routes from `ip -j route show default`, lowest metric first. Empty output gives []. */
export function parseDefaultRoutes(json: string): DefaultRoute[] {
  if (json.trim() === '') return [];
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (e) {
    throw new FactError(`cannot parse \`ip -j route show default\` output: ${(e as Error).message}`, {}, { cause: e });
  }
  if (!Array.isArray(raw)) throw new FactError('`ip -j route show default` did not print a list');
  return (raw as RouteJson[])
    .filter((r) => r.dst === 'default' && typeof r.dev === 'string')
    .map((r) => ({ gateway: r.gateway ?? '', interface: r.dev as string, metric: r.metric ?? 0, ...(r.prefsrc ? { source: r.prefsrc } : {}) }))
    .sort((a, b) => a.metric - b.metric);
}

/** Pure: the address used for the best default route (its preferred source, else the interface's first primary address); null without one. */
export function defaultAddress(routes: DefaultRoute[], interfaces: NetInterface[], family: 4 | 6): DefaultAddress | null {
  const route = routes[0];
  if (!route) return null;
  const iface = interfaces.find((i) => i.name === route.interface);
  if (!iface) return null;
  const base = { interface: iface.name, gateway: route.gateway, macaddress: iface.macaddress, mtu: iface.mtu, type: iface.type };
  if (family === 4) {
    const a = iface.ipv4.find((x) => x.address === route.source) ?? iface.ipv4.find((x) => !x.secondary) ?? iface.ipv4[0];
    if (!a) return null;
    return { ...base, address: a.address, prefix: a.prefix, netmask: a.netmask, network: a.network, ...(a.broadcast ? { broadcast: a.broadcast } : {}) };
  }
  const a = iface.ipv6.find((x) => x.address === route.source) ?? iface.ipv6.find((x) => x.scope === 'global') ?? iface.ipv6[0];
  if (!a) return null;
  return { ...base, address: a.address, prefix: a.prefix, scope: a.scope };
}
