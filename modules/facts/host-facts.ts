// Fact: everything setup reports (OS, hostname, network, init, memory, CPUs, kernel), read with ONE command.
import { FactError } from '../../core/errors.ts';
import type { FactDefinition } from '../../core/facts.ts';
import type { RunResult } from '../../core/transport/transport.ts';
import { defaultAddress, parseDefaultRoutes, type DefaultAddress, type DefaultRoute } from './default-route.ts';
import { parseInitSystem, type InitSystem } from './init-system.ts';
import { parseIpAddr, type NetInterface } from './interfaces.ts';
import { parseMeminfo, type MemoryInfo } from './memory.ts';
import { parseOsInfo, type OsInfo } from './os-release.ts';
import { SECTION_FUNCTION, splitSections } from './sections.ts';

/** The host's facts, typed (setup turns them into tsible_* / ansible_* variables). */
export interface HostFacts {
  os: OsInfo;
  /** Short host name: 'web1'. */
  hostname: string;
  /** Fully qualified name (`hostname -f`; the short name when it cannot be resolved). */
  fqdn: string;
  /** fqdn without the host name ('' when none). */
  domain: string;
  /** uname -s: 'Linux'. */
  system: string;
  /** uname -r: kernel release. */
  kernel: string;
  /** uname -m: 'x86_64', 'aarch64'. */
  architecture: string;
  interfaces: NetInterface[];
  defaultRoutes4: DefaultRoute[];
  defaultRoutes6: DefaultRoute[];
  /** Address of the IPv4 default route's interface; null without a default route. */
  defaultIpv4: DefaultAddress | null;
  defaultIpv6: DefaultAddress | null;
  init: InitSystem;
  memory: MemoryInfo;
  /** Processing units available (nproc). */
  cpus: number;
}

/**
 * The one script: each part prints a marked section; nothing in it comes from the user. stderr of each
 * probe is dropped so a missing tool (no iproute2) leaves its section empty instead of failing setup.
 */
const HOST_FACTS_SCRIPT = [
  SECTION_FUNCTION,
  'm os_release; cat /etc/os-release 2>/dev/null || cat /usr/lib/os-release 2>/dev/null',
  'm debian_version; cat /etc/debian_version 2>/dev/null',
  'm hostname; hostname 2>/dev/null || cat /proc/sys/kernel/hostname',
  'm fqdn; timeout 5 hostname -f 2>/dev/null',
  'm uname; uname -s; uname -r; uname -m',
  'm addr; ip -j addr show 2>/dev/null',
  'm route4; ip -j -4 route show default 2>/dev/null',
  'm route6; ip -j -6 route show default 2>/dev/null',
  'm pid1; cat /proc/1/comm 2>/dev/null',
  'm run_dirs; [ -d /run/systemd/system ] && echo systemd; [ -d /run/openrc ] && echo openrc',
  'm meminfo; cat /proc/meminfo',
  'm nproc; nproc 2>/dev/null || getconf _NPROCESSORS_ONLN',
  'm end',
].join('\n');

/** Pure: HostFacts from the script's output. */
export function parseHostFacts(stdout: string): HostFacts {
  const s = splitSections(stdout, 'setup');
  const get = (name: string): string => s.get(name) ?? '';
  const hostname = get('hostname').split('\n')[0].trim().split('.')[0];
  if (!hostname) throw new FactError('setup: the host printed no host name');
  const fqdnRaw = get('fqdn').split('\n')[0].trim();
  const fqdn = fqdnRaw && !fqdnRaw.includes(' ') ? fqdnRaw : hostname;
  const [system = '', kernel = '', architecture = ''] = get('uname').split('\n').map((l) => l.trim());
  const interfaces = parseIpAddr(get('addr'));
  const defaultRoutes4 = parseDefaultRoutes(get('route4'));
  const defaultRoutes6 = parseDefaultRoutes(get('route6'));
  const runDirs = get('run_dirs').split('\n');
  const cpus = Number.parseInt(get('nproc').trim(), 10);
  return {
    os: parseOsInfo(get('os_release'), get('debian_version')),
    hostname,
    fqdn,
    domain: fqdn.startsWith(`${hostname}.`) ? fqdn.slice(hostname.length + 1) : '',
    system, kernel, architecture,
    interfaces,
    defaultRoutes4, defaultRoutes6,
    defaultIpv4: defaultAddress(defaultRoutes4, interfaces, 4),
    defaultIpv6: defaultAddress(defaultRoutes6, interfaces, 6),
    init: parseInitSystem(get('pid1'), runDirs.includes('systemd'), runDirs.includes('openrc')),
    memory: parseMeminfo(get('meminfo')),
    cpus: Number.isFinite(cpus) && cpus > 0 ? cpus : 1,
  };
}

/** All of setup's facts in one round trip, cached per host: `await ctx.facts.get(hostFacts)`. */
export const hostFacts: FactDefinition<HostFacts> = {
  name: 'setup',
  command: { shell: HOST_FACTS_SCRIPT },
  parse(result: RunResult): HostFacts {
    if (result.code !== 0) throw new FactError(`setup: the facts script exited ${result.code}${result.stderr.trim() ? `: ${result.stderr.trim()}` : ''}`);
    return parseHostFacts(result.stdout);
  },
};
