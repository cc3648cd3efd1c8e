// Parses `ipvsadm -Sn` output and rules files (the format `ipvsadm -R` reads) into the table model.
import { normalizeAddress, serviceKey, type Forwarding, type IpvsTable, type Protocol, type RealServer, type VirtualService } from './table.ts';

/** A line that could not be understood (a rules file may hold hand-written mistakes). */
export interface UnreadableLine {
  /** 1-based line number. */
  line: number;
  text: string;
  reason: string;
}

export interface ParsedRules {
  table: IpvsTable;
  unreadable: UnreadableLine[];
}

const LONG: Record<string, string> = {
  '--add-service': '-A', '--edit-service': '-E', '--add-server': '-a', '--edit-server': '-e',
  '--tcp-service': '-t', '--udp-service': '-u', '--fwmark-service': '-f', '--scheduler': '-s',
  '--persistent': '-p', '--netmask': '-M', '--real-server': '-r', '--gatewaying': '-g', '--ipip': '-i',
  '--masquerading': '-m', '--weight': '-w', '--u-threshold': '-x', '--l-threshold': '-y',
  '--sched-flags': '-b', '--ops': '-o', '--ipv6': '-6',
};

const FORWARDING: Record<string, Forwarding> = { '-m': 'masq', '-g': 'route', '-i': 'tunnel' };
/** Real server options that take a value, kept verbatim after the weight. */
const SERVER_VALUED = new Set(['-x', '-y', '--tun-type', '--tun-port']);
const SERVER_FLAGS = new Set(['--tun-nocsum', '--tun-csum', '--tun-remcsum']);

/**
 * Parses rules text. Blank lines and `#` comments are skipped; a leading `ipvsadm` word is tolerated
 * (hand-written files often have it; `ipvsadm -R` does not). Lines that cannot be read are returned
 * in `unreadable` (`strict` makes the first one an Error instead, for `ipvsadm -Sn` output).
 */
export function parseRules(text: string, strict = false): ParsedRules {
  const table: IpvsTable = [];
  const byKey = new Map<string, VirtualService>();
  const unreadable: UnreadableLine[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    try {
      const words = line.split(/\s+/).map((w) => LONG[w] ?? w);
      if (words[0] === 'ipvsadm' && !strict) words.shift();
      applyLine(words, table, byKey);
    } catch (e) {
      const reason = (e as Error).message;
      if (strict) throw new Error(`line ${i + 1} ${JSON.stringify(line)}: ${reason}`);
      unreadable.push({ line: i + 1, text: line, reason });
    }
  });
  return { table, unreadable };
}

function applyLine(words: string[], table: IpvsTable, byKey: Map<string, VirtualService>): void {
  const op = words[0];
  if (op !== '-A' && op !== '-a') throw new Error(`expected -A or -a, found ${JSON.stringify(op ?? '')}`);
  const id = readServiceId(words);
  const key = serviceKey(id);
  if (op === '-A') {
    if (byKey.has(key)) throw new Error(`service ${key} listed twice`);
    const s: VirtualService = { ...id, scheduler: 'wlc', schedFlags: [], ops: false, extra: [], realServers: [] };
    readServiceOptions(words.slice(3), s);
    table.push(s);
    byKey.set(key, s);
  } else {
    const s = byKey.get(key);
    if (!s) throw new Error(`real server for service ${key}, which is not added (-A) before it`);
    const r = readServer(words.slice(3), s);
    if (s.realServers.some((x) => x.address === r.address && x.port === r.port)) throw new Error(`real server listed twice in ${key}`);
    s.realServers.push(r);
  }
}

function readServiceId(words: string[]): Pick<VirtualService, 'protocol' | 'address' | 'port' | 'fwmark'> {
  const flag = words[1];
  const value = words[2];
  if (value === undefined) throw new Error('missing service (-t/-u ADDRESS:PORT or -f MARK)');
  if (flag === '-f') {
    if (!/^\d+$/.test(value)) throw new Error(`bad firewall mark ${JSON.stringify(value)}`);
    return { protocol: 'fwmark', address: '', port: 0, fwmark: Number(value) };
  }
  const protocol: Protocol | undefined = flag === '-t' ? 'tcp' : flag === '-u' ? 'udp' : undefined;
  if (!protocol) throw new Error(`expected -t, -u or -f, found ${JSON.stringify(flag ?? '')}`);
  const { address, port } = readHostPort(value, true);
  return { protocol, address, port: port ?? 0 };
}

function readHostPort(value: string, needPort: boolean): { address: string; port: number | undefined } {
  const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(value);
  const address = m ? normalizeAddress(m[1]!) : undefined;
  if (!m || !address) throw new Error(`not a numeric ADDRESS:PORT: ${JSON.stringify(value)}`);
  if (needPort && m[2] === undefined) throw new Error(`missing port in ${JSON.stringify(value)}`);
  const port = m[2] === undefined ? undefined : Number(m[2]);
  if (port !== undefined && port > 65535) throw new Error(`port out of range in ${JSON.stringify(value)}`);
  return { address, port };
}

function readServiceOptions(words: string[], s: VirtualService): void {
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const next = (): string => {
      const v = words[++i];
      if (v === undefined) throw new Error(`${w} needs a value`);
      return v;
    };
    if (w === '-s') s.scheduler = next();
    else if (w === '-p') {
      // -p takes an optional timeout (default 360 s, as the kernel stores it).
      if (words[i + 1] !== undefined && /^\d+$/.test(words[i + 1]!)) s.persistent = Number(words[++i]);
      else s.persistent = 360;
    } else if (w === '-M') s.netmask = next();
    else if (w === '-b') s.schedFlags = next().split(',').filter((f) => f !== '');
    else if (w === '--pe') s.pe = next();
    else if (w === '-o') s.ops = true;
    else if (w === '-6') s.extra.push(w);
    else throw new Error(`unknown service option ${JSON.stringify(w)}`);
  }
}

function readServer(words: string[], s: VirtualService): RealServer {
  if (words[0] !== '-r' || words[1] === undefined) throw new Error('expected -r ADDRESS[:PORT]');
  const hp = readHostPort(words[1], false);
  const r: RealServer = { address: hp.address, port: hp.port ?? s.port, forwarding: 'route', weight: 1, extra: [] };
  for (let i = 2; i < words.length; i++) {
    const w = words[i]!;
    if (FORWARDING[w]) r.forwarding = FORWARDING[w]!;
    else if (w === '-w') {
      const v = words[++i];
      if (v === undefined || !/^\d+$/.test(v)) throw new Error(`-w needs a weight, found ${JSON.stringify(v ?? '')}`);
      r.weight = Number(v);
    } else if (SERVER_VALUED.has(w)) {
      const v = words[++i];
      if (v === undefined) throw new Error(`${w} needs a value`);
      r.extra.push(w, v);
    } else if (SERVER_FLAGS.has(w)) r.extra.push(w);
    else throw new Error(`unknown real server option ${JSON.stringify(w)}`);
  }
  // Direct routing and tunnelling cannot change the port: ipvsadm stores the service's port.
  if (r.forwarding !== 'masq' && s.protocol !== 'fwmark') r.port = s.port;
  if (r.forwarding === 'tunnel' && !r.extra.includes('--tun-type')) r.extra.unshift('--tun-type', 'ipip');
  return r;
}
