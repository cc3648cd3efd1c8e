// Turns the ipvsadm module's `services` argument into checked table entries, with ArgsErrors naming the field.
import { ArgsError, type ErrorLocation } from '../../core/errors.ts';
import { normalizeAddress, serverKey, serviceKey, type Forwarding, type Protocol, type RealServer, type VirtualService } from './table.ts';

/** Schedulers of Linux IPVS (ipvsadm -s). */
const SCHEDULERS = ['rr', 'wrr', 'lc', 'wlc', 'lblc', 'lblcr', 'dh', 'sh', 'sed', 'nq', 'fo', 'ovf', 'mh', 'twos'] as const;
/** Scheduler flags (-b) the kernel knows. */
const SCHED_FLAGS = ['flag-1', 'flag-2', 'flag-3', 'sh-fallback', 'sh-port', 'mh-fallback', 'mh-port'] as const;

/** One real server as the user declares it. */
export interface IpvsRealServerArgs {
  /** Numeric IPv4 or IPv6 address of the real server. */
  address: string;
  /** Port on the real server (default: the service's port; route and tunnel cannot change it). */
  port?: number;
  /** masq (-m, NAT, as in the tutorial), route (-g, direct routing: ipvsadm's default), tunnel (-i, IP-IP). Default route. */
  forwarding?: Forwarding;
  /** Weight, 0 to 65535 (0 = quiesced: no new connections). Default 1. */
  weight?: number;
  /** present (default) or absent (removed from the service). */
  state?: 'present' | 'absent';
}

/** One virtual service as the user declares it. */
export interface IpvsServiceArgs {
  /** tcp (default), udp, or fwmark (then give `fwmark`, not address/port). */
  protocol?: Protocol;
  /** Numeric virtual IP address (the VIP), IPv4 or IPv6. */
  address?: string;
  /** Virtual port (0 = all ports, for persistent services). */
  port?: number;
  /** Firewall mark (protocol fwmark). */
  fwmark?: number;
  /** Scheduler: rr, wrr, lc, wlc (default, as ipvsadm), lblc, lblcr, dh, sh, sed, nq, fo, ovf, mh, twos. */
  scheduler?: string;
  /** Persistence timeout in seconds (ipvsadm -p); omit or 0 for no persistence. */
  persistent?: number;
  /** Persistence granularity (-M): a netmask such as 255.255.255.0 (a prefix length for IPv6). */
  netmask?: string;
  /** Scheduler flags (-b): sh-fallback, sh-port, mh-fallback, mh-port, flag-1..3. */
  schedFlags?: string[];
  /** Persistence engine (--pe), e.g. sip. */
  pe?: string;
  /** One-packet scheduling (-o), UDP only. */
  ops?: boolean;
  /** present (default: the module's `state`) or absent (the service and its real servers are deleted). */
  state?: 'present' | 'absent';
  /** The real servers; with `purge`, live ones not listed here are removed. */
  realServers?: IpvsRealServerArgs[];
}

/** A checked, normalized service declaration. */
export interface DeclaredService {
  service: VirtualService;
  state: 'present' | 'absent';
  /** Real servers declared absent (removed if present). */
  absentServers: RealServer[];
}

const SERVICE_FIELDS = new Set(['protocol', 'address', 'port', 'fwmark', 'scheduler', 'persistent', 'netmask', 'schedFlags', 'sched_flags', 'pe', 'ops', 'state', 'realServers', 'real_servers']);
const SERVER_FIELDS = new Set(['address', 'port', 'forwarding', 'weight', 'state']);
const IPV4_MASK = /^(\d{1,3}\.){3}\d{1,3}$/;
const FLAG_BIT: Record<string, number> = { 'flag-1': 1, 'sh-fallback': 1, 'mh-fallback': 1, 'flag-2': 2, 'sh-port': 2, 'mh-port': 2, 'flag-3': 3 };

/** Checks and normalizes every declared service; throws ArgsError naming e.g. `services[0].realServers[1].weight`. */
export function declareServices(raw: unknown, defaultState: 'present' | 'absent', where: ErrorLocation): DeclaredService[] {
  if (typeof raw === 'string') {
    // Ad hoc: services='[{"address":"10.0.0.1","port":80}]'
    try {
      raw = JSON.parse(raw);
    } catch (e) {
      throw new ArgsError(`expects a list of virtual services (JSON on the command line): ${(e as Error).message}`, { ...where, field: 'services' }, { cause: e });
    }
  }
  if (!Array.isArray(raw)) throw new ArgsError('expects a list of virtual services', { ...where, field: 'services' });
  const seen = new Set<string>();
  return raw.map((item, i) => {
    const d = declareService(item, `services[${i}]`, defaultState, where);
    const key = serviceKey(d.service);
    if (seen.has(key)) throw new ArgsError(`virtual service ${key} is declared twice`, { ...where, field: `services[${i}]` });
    seen.add(key);
    return d;
  });
}

function declareService(raw: unknown, path: string, defaultState: 'present' | 'absent', where: ErrorLocation): DeclaredService {
  const fail = (field: string, msg: string): never => {
    throw new ArgsError(msg, { ...where, field: field ? `${path}.${field}` : path });
  };
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return fail('', 'a virtual service must be an object');
  const o = raw as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!SERVICE_FIELDS.has(k)) fail(k, `unknown field of a virtual service; known: ${[...SERVICE_FIELDS].filter((f) => !f.includes('_')).join(', ')}`);
  const protocol = oneOf(o.protocol ?? 'tcp', ['tcp', 'udp', 'fwmark'], () => fail('protocol', 'expects tcp, udp or fwmark')) as Protocol;
  const state = oneOf(o.state ?? defaultState, ['present', 'absent'], () => fail('state', 'expects present or absent')) as 'present' | 'absent';
  let address = '';
  let port = 0;
  let fwmark: number | undefined;
  if (protocol === 'fwmark') {
    if (o.address !== undefined || o.port !== undefined) fail('address', 'a fwmark service has no address or port (give fwmark)');
    fwmark = int(o.fwmark, 1, 0xffffffff, () => fail('fwmark', 'expects a firewall mark, 1 to 4294967295'));
  } else {
    if (o.fwmark !== undefined) fail('fwmark', 'fwmark needs protocol fwmark');
    address = normalizeAddress(String(o.address ?? '')) ?? fail('address', `expects a numeric IPv4 or IPv6 address, got ${JSON.stringify(o.address ?? null)}`);
    port = int(o.port, 0, 65535, () => fail('port', 'expects a port, 0 to 65535'));
  }
  const scheduler = o.scheduler === undefined ? 'wlc' : String(o.scheduler);
  if (!(SCHEDULERS as readonly string[]).includes(scheduler)) fail('scheduler', `unknown scheduler ${JSON.stringify(scheduler)}; one of ${SCHEDULERS.join(', ')}`);
  const persistentRaw = o.persistent === undefined ? 0 : int(o.persistent, 0, 2 ** 31 - 1, () => fail('persistent', 'expects a timeout in seconds (0 = not persistent)'));
  const persistent = persistentRaw > 0 ? persistentRaw : undefined;
  if (protocol !== 'fwmark' && port === 0 && persistent === undefined) fail('port', 'port 0 (all ports) needs persistent, as ipvsadm does');
  let netmask: string | undefined;
  if (o.netmask !== undefined) {
    netmask = String(o.netmask);
    const v6 = address.includes(':');
    if (v6 ? !/^\d{1,3}$/.test(netmask) || Number(netmask) > 128 : !IPV4_MASK.test(netmask)) {
      fail('netmask', v6 ? 'expects a prefix length, 1 to 128, for an IPv6 service' : 'expects a netmask such as 255.255.255.0');
    }
    if (persistent === undefined) fail('netmask', 'netmask is the persistence granularity: it needs persistent');
    // The kernel's default granularity is not printed by ipvsadm -Sn: leave it implicit so the comparison holds.
    if (netmask === '255.255.255.255' || netmask === '128') netmask = undefined;
  }
  const flagsRaw = o.schedFlags ?? o.sched_flags ?? [];
  const flagsIn = (typeof flagsRaw === 'string' ? flagsRaw.split(',') : Array.isArray(flagsRaw) ? flagsRaw : fail('schedFlags', 'expects a list of flags')).map(String);
  const bits = new Set<number>();
  for (const f of flagsIn) {
    const bit = FLAG_BIT[f];
    if (bit === undefined) fail('schedFlags', `unknown scheduler flag ${JSON.stringify(f)}; one of ${SCHED_FLAGS.join(', ')}`);
    if ((f.startsWith('sh-') && scheduler !== 'sh') || (f.startsWith('mh-') && scheduler !== 'mh')) fail('schedFlags', `flag ${f} is for the ${f.slice(0, 2)} scheduler, not ${scheduler}`);
    bits.add(bit!);
  }
  // ipvsadm -Sn prints the flags in bit order, named after the scheduler (flag-1 on sh is sh-fallback).
  const names = scheduler === 'sh' || scheduler === 'mh' ? [`${scheduler}-fallback`, `${scheduler}-port`, 'flag-3'] : ['flag-1', 'flag-2', 'flag-3'];
  const schedFlags = [...bits].sort().map((b) => names[b - 1]!);
  const pe = o.pe === undefined ? undefined : String(o.pe);
  if (pe !== undefined && !/^[a-z][a-z0-9_]*$/.test(pe)) fail('pe', 'expects a persistence engine name such as sip');
  const ops = o.ops === undefined ? false : o.ops === true ? true : o.ops === false ? false : fail('ops', 'expects a boolean');
  if (ops && protocol !== 'udp') fail('ops', 'one-packet scheduling is only for UDP services');
  const service: VirtualService = { protocol, address, port, fwmark, scheduler, persistent, netmask, schedFlags, pe, ops, extra: [], realServers: [] };
  const absentServers: RealServer[] = [];
  const serversRaw = o.realServers ?? o.real_servers ?? [];
  if (!Array.isArray(serversRaw)) fail('realServers', 'expects a list of real servers');
  const seen = new Set<string>();
  (serversRaw as unknown[]).forEach((rs, j) => {
    const { server, state: rsState } = declareServer(rs, `${path}.realServers[${j}]`, service, where);
    const key = serverKey(server);
    if (seen.has(key)) throw new ArgsError(`real server ${key} is declared twice in ${serviceKey(service)}`, { ...where, field: `${path}.realServers[${j}]` });
    seen.add(key);
    (rsState === 'present' ? service.realServers : absentServers).push(server);
  });
  return { service, state, absentServers };
}

function declareServer(raw: unknown, path: string, s: VirtualService, where: ErrorLocation): { server: RealServer; state: 'present' | 'absent' } {
  const fail = (field: string, msg: string): never => {
    throw new ArgsError(msg, { ...where, field: field ? `${path}.${field}` : path });
  };
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return fail('', 'a real server must be an object { address, port, forwarding, weight }');
  const o = raw as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!SERVER_FIELDS.has(k)) fail(k, `unknown field of a real server; known: ${[...SERVER_FIELDS].join(', ')}`);
  const address = normalizeAddress(String(o.address ?? '')) ?? fail('address', `expects a numeric IPv4 or IPv6 address, got ${JSON.stringify(o.address ?? null)}`);
  const forwarding = oneOf(o.forwarding ?? 'route', ['masq', 'route', 'tunnel'], () => fail('forwarding', 'expects masq, route or tunnel')) as Forwarding;
  const weight = o.weight === undefined ? 1 : int(o.weight, 0, 65535, () => fail('weight', 'expects a weight, 0 to 65535'));
  const state = oneOf(o.state ?? 'present', ['present', 'absent'], () => fail('state', 'expects present or absent')) as 'present' | 'absent';
  const port = o.port === undefined ? s.port : int(o.port, 0, 65535, () => fail('port', 'expects a port, 0 to 65535'));
  if (forwarding !== 'masq' && s.protocol !== 'fwmark' && port !== s.port) {
    fail('port', `${forwarding} forwarding keeps the service's port ${s.port}; only masq can map to another port`);
  }
  const extra = forwarding === 'tunnel' ? ['--tun-type', 'ipip'] : [];
  return { server: { address, port, forwarding, weight, extra }, state };
}

function oneOf(v: unknown, allowed: string[], fail: () => never): string {
  return typeof v === 'string' && allowed.includes(v) ? v : fail();
}

function int(v: unknown, min: number, max: number, fail: () => never): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : NaN;
  return Number.isInteger(n) && n >= min && n <= max ? n : fail();
}
