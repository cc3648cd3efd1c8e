// Parses what a balancer prints about the live service: its addresses, `ipvsadm -Ln` (weights, connections, --stats, --rate), ldirectord.cf's real servers.

/** One real server of a virtual service, as the live table shows it. */
export interface LiveReal {
  address: string;
  forward: string;
  weight: number;
  activeConn: number;
  inactConn: number;
  /** Connections since the entry was created (--stats). */
  conns: number;
  /** Connections per second (--rate). */
  cps: number;
  inBps: number;
  outBps: number;
}

/** One virtual service of the live table. */
export interface LiveService {
  service: string;
  scheduler: string;
  /** Persistence timeout, s (undefined: none). */
  persistent?: number;
  reals: LiveReal[];
}

const SERVICE = /^(TCP|UDP|FWM)\s+(\S+)\s+(\S+)(?:\s+persistent\s+(\d+))?/;
const REAL = /^\s+->\s+(\S+)\s+(.*)$/;

function blocks(text: string): { head: RegExpExecArray; rows: [string, string[]][] }[] {
  const out: { head: RegExpExecArray; rows: [string, string[]][] }[] = [];
  for (const line of text.split('\n')) {
    const s = SERVICE.exec(line);
    if (s) {
      out.push({ head: s, rows: [] });
      continue;
    }
    const r = REAL.exec(line);
    if (r && out.length && !/^RemoteAddress/.test(r[1]!)) out[out.length - 1]!.rows.push([r[1]!, r[2]!.trim().split(/\s+/)]);
  }
  return out;
}

/** Numbers as ipvsadm prints them: plain, or with a K/M/G suffix (--stats, --rate). */
export function ipvsNumber(word: string | undefined): number {
  const m = /^(\d+(?:\.\d+)?)([KMG]?)$/.exec(word ?? '');
  if (!m) return 0;
  return Number(m[1]) * ({ '': 1, K: 1e3, M: 1e6, G: 1e9 } as Record<string, number>)[m[2]!]!;
}

/** Merges `ipvsadm -Ln`, `-Ln --stats` and `-Ln --rate` into one view per service. */
export function parseLiveTable(plain: string, stats: string, rate: string): LiveService[] {
  const statsOf = new Map<string, string[]>();
  const rateOf = new Map<string, string[]>();
  for (const b of blocks(stats)) for (const [addr, f] of b.rows) statsOf.set(`${b.head[2]} ${addr}`, f);
  for (const b of blocks(rate)) for (const [addr, f] of b.rows) rateOf.set(`${b.head[2]} ${addr}`, f);
  return blocks(plain).map((b) => ({
    service: `${b.head[1]} ${b.head[2]}`,
    scheduler: b.head[3]!,
    ...(b.head[4] ? { persistent: Number(b.head[4]) } : {}),
    reals: b.rows.map(([address, f]) => {
      const st = statsOf.get(`${b.head[2]} ${address}`) ?? [];
      const rt = rateOf.get(`${b.head[2]} ${address}`) ?? [];
      return {
        address, forward: f[0] ?? '', weight: Number(f[1] ?? 0), activeConn: Number(f[2] ?? 0), inactConn: Number(f[3] ?? 0),
        conns: ipvsNumber(st[0]), cps: ipvsNumber(rt[0]), inBps: ipvsNumber(rt[3]), outBps: ipvsNumber(rt[4]),
      };
    }),
  }));
}

/** The real servers ldirectord checks: `real=ADDRESS:PORT …` lines of ldirectord.cf. */
export function checkedReals(config: string): string[] {
  return config.split('\n').map((l) => /^\s*real\s*=\s*(\S+)/.exec(l)?.[1]).filter((x): x is string => !!x);
}

/** The IPv4 addresses of `ip -o -4 addr show`, with their interface: `enp0s3 192.168.56.10/24`. */
export function addressesOf(ipAddr: string): { iface: string; address: string }[] {
  return ipAddr.split('\n').map((l) => /^\d+:\s+(\S+)\s+inet\s+([\d.]+)\//.exec(l)).filter((m): m is RegExpExecArray => !!m).map((m) => ({ iface: m[1]!, address: m[2]! }));
}
