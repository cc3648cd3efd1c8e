// Bench hosts: N OpenSSH sshd "hosts" on 127.0.7.1, 127.0.7.2, … (250 per /24: 127.0.8.x from the 251st, up to 1,000 hosts and more), each in its own mount namespace with private overlays on /etc, /home and /srv, plus an INI inventory both tsible and Ansible read.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';


/** Directories each host gets its own copy-on-write view of (the work of the task sets lands here). */
const PRIVATE_DIRS = ['/etc', '/home', '/srv'];

/** One bench host: its name, address and sshd process. */
export interface BenchHost {
  /** Inventory name (h01…). */
  name: string;
  /** Listen address (127.0.N.M, see benchAddress). */
  address: string;
  /** Listen port. */
  port: number;
  /** Host dir: keys, config, overlay upper/work dirs. */
  dir: string;
  /** The running sshd, while up. */
  proc?: ChildProcess;
  /** SSH sessions (channels running a command or subsystem) opened since the last `resetSessions()`, from sshd's VERBOSE log. */
  sessions: number;
}

/**
 * Host i's address (0-based): 250 hosts per /24 from 127.0.7.1 (127.0.7.1-250, 127.0.8.1-250, …), all loopback on
 * Linux. One address per host, every sshd on the same port: a host is an address as for the tools on real networks,
 * and each sshd still runs in its own mount namespace (own /etc, /home, /srv), which is what a host costs here.
 */
export function benchAddress(i: number): string {
  return `127.0.${7 + Math.floor(i / 250)}.${1 + (i % 250)}`;
}

/** Connect timeout (s) given to every tool: the inventory's ansible_ssh_timeout, the floor's readyTimeout. */
export const CONNECT_TIMEOUT_S = 120;

/** How many sshd's start at once in `up()` (each is an unshare + mount + exec: a burst of 1,000 would only queue on 2 cores). */
const START_PARALLEL = 32;

/** A fixed set of N hosts: keys and inventory made once (`BenchHosts.create`); `up()` starts every sshd on fresh overlays, `down()` stops them. */
export class BenchHosts {
  readonly hosts: BenchHost[];
  readonly clientKeyFile: string;
  readonly knownHostsFile: string;
  readonly inventoryFile: string;

  /** Makes the working dir, the client key and every host's key (ssh-keygen, several at once), known_hosts and the inventory. */
  static async create(
    /** Working dir (keys, configs, overlays, inventory); removed by `destroy()`. */
    dir: string,
    count: number,
    /** Listen port of every host (each host has its own address). */
    port = 2222,
  ): Promise<BenchHosts> {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true, mode: 0o755 });
    mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
    const width = Math.max(2, String(count).length);
    const hosts = Array.from({ length: count }, (_, i): BenchHost => ({ name: `h${String(i + 1).padStart(width, '0')}`, address: benchAddress(i), port, dir: join(dir, `h${String(i + 1).padStart(width, '0')}`), sessions: 0 }));
    const clientKeyFile = join(dir, 'client_ed25519');
    await keygenAsync(clientKeyFile, 'tsible-bench-client');
    await inParallel(hosts, 8, async (h) => {
      mkdirSync(h.dir, { recursive: true });
      await keygenAsync(join(h.dir, 'host_ed25519'), h.name);
      writeFileSync(join(h.dir, 'sshd_config'), sshdConfig(h, dir));
    });
    return new BenchHosts(dir, hosts, clientKeyFile);
  }

  private constructor(
    readonly dir: string,
    hosts: BenchHost[],
    clientKeyFile: string,
  ) {
    this.hosts = hosts;
    this.clientKeyFile = clientKeyFile;
    writeFileSync(join(dir, 'authorized_keys'), readFileSync(`${this.clientKeyFile}.pub`), { mode: 0o644 });
    this.knownHostsFile = join(dir, 'known_hosts');
    this.inventoryFile = join(dir, 'inventory.ini');
    const known = this.hosts.map((h) => `[${h.address}]:${h.port} ${readFileSync(join(h.dir, 'host_ed25519.pub'), 'utf8').trim().split(/\s+/).slice(0, 2).join(' ')}`);
    writeFileSync(this.knownHostsFile, known.join('\n') + '\n', { mode: 0o644 });
    writeFileSync(this.inventoryFile, inventoryIni(this));
  }

  /** Starts every host's sshd in a new mount namespace on empty overlays (a clean host), resolving when all listen. */
  async up(): Promise<void> {
    await inParallel(this.hosts, START_PARALLEL, (h) => startHost(h));
  }

  /** Kills every host's sshd and its sessions by PID (SIGKILL), waits for them, and drops the overlay layers. */
  async down(): Promise<void> {
    const tree = processTree(); // one read of /proc for all hosts (per host it was N x all processes)
    const waits = this.hosts.map((h) => {
      const p = h.proc;
      h.proc = undefined;
      if (!p || p.exitCode !== null || p.signalCode !== null) return Promise.resolve();
      const exited = new Promise((r) => p.once('exit', r));
      for (const pid of [p.pid!, ...tree.under(p.pid!)]) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          /* gone */
        }
      }
      return exited;
    });
    await Promise.all(waits);
    // The overlays were mounted inside each sshd's own mount namespace: they vanish with its last process.
    for (const h of this.hosts) rmSync(join(h.dir, 'layers'), { recursive: true, force: true });
  }

  /** Sessions opened on every host since the last reset. */
  sessions(): number {
    return this.hosts.reduce((n, h) => n + h.sessions, 0);
  }

  /**
   * CPU seconds the hosts' side has used so far: every sshd and everything under it (sessions, shells, the
   * commands, Ansible's Python), live processes' own and reaped children's time, so no process counts twice.
   * A difference of two readings is what one run cost the hosts.
   */
  cpuSeconds(): number {
    let ticks = 0;
    const tree = processTree();
    for (const h of this.hosts) {
      if (!h.proc?.pid) continue;
      for (const pid of [h.proc.pid, ...tree.under(h.proc.pid)]) ticks += tree.ticks.get(pid) ?? 0;
    }
    return ticks / 100; // USER_HZ (getconf CLK_TCK) is 100 on Linux
  }

  resetSessions(): void {
    for (const h of this.hosts) h.sessions = 0;
  }

  /** down() and remove the working dir. */
  async destroy(): Promise<void> {
    await this.down();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function sshdConfig(h: BenchHost, labDir: string): string {
  return [
    `ListenAddress ${h.address}:${h.port}`,
    `HostKey ${join(h.dir, 'host_ed25519')}`,
    'PidFile none',
    `AuthorizedKeysFile ${join(labDir, 'authorized_keys')}`,
    'StrictModes no',
    'UsePAM no',
    'PermitRootLogin prohibit-password',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'MaxStartups 200:30:400',
    'MaxSessions 20',
    'PrintMotd no',
    'PrintLastLog no',
    'LogLevel VERBOSE', // one "Starting session" line per command channel: the bench counts round trips
    'Subsystem sftp internal-sftp',
    // Root's ~/.bashrc on this machine runs `pyenv init` (~1 s) for top-level non-interactive shells started by sshd;
    // SHLVL=1 makes bash treat them as nested, as a lean admin host would (same trick as lab/sshd.ts).
    'SetEnv SHLVL=1',
    '',
  ].join('\n');
}

/** Mounts fresh overlays on PRIVATE_DIRS in a private mount namespace, then execs sshd (so the PID is sshd's). */
async function startHost(h: BenchHost): Promise<void> {
  const layers = join(h.dir, 'layers');
  rmSync(layers, { recursive: true, force: true });
  const mounts: string[] = [];
  for (const d of PRIVATE_DIRS) {
    const base = join(layers, d.slice(1));
    mkdirSync(join(base, 'upper'), { recursive: true });
    mkdirSync(join(base, 'work'), { recursive: true });
    if (!existsSync(d)) mkdirSync(d, { recursive: true });
    mounts.push(`mount -t overlay overlay -o lowerdir=${d},upperdir=${base}/upper,workdir=${base}/work ${d}`);
  }
  const script = `set -e; ${mounts.join('; ')}; exec /usr/sbin/sshd -D -e -f ${join(h.dir, 'sshd_config')}`;
  const proc = spawn('unshare', ['--mount', '--propagation', 'private', '--', '/bin/sh', '-c', script], { stdio: ['ignore', 'ignore', 'pipe'] });
  h.proc = proc;
  await new Promise<void>((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => reject(new Error(`bench host ${h.name}: sshd did not start: ${log}`)), 15_000);
    // Listening is read from /proc/net/tcp (one read per tick for all hosts starting): no probe connection, so no log line or session to discount.
    const poll = whenListening(h, () => {
      clearTimeout(timer);
      resolve();
    });
    let partial = '';
    proc.stderr!.setEncoding('utf8').on('data', (d: string) => {
      const lines = (partial + d).split('\n');
      partial = lines.pop()!;
      for (const l of lines) {
        if (l.includes('Starting session:')) h.sessions++;
        else if (log.length < 4000) log += `${l}\n`;
      }
    });
    proc.once('exit', (code) => {
      poll.cancel();
      clearTimeout(timer);
      reject(new Error(`bench host ${h.name}: sshd exited ${code}: ${log}`));
    });
  });
}

/** Hosts waiting to listen, by /proc/net/tcp's `ADDR:PORT` hex, and the one timer that reads the table for all of them. */
const waiting = new Map<string, () => void>();
let poller: NodeJS.Timeout | undefined;

/** Calls `done` once something listens on the host's address:port (read from /proc/net/tcp every 20 ms, no connection made). */
function whenListening(h: BenchHost, done: () => void): { cancel(): void } {
  const hex = h.address.split('.').map((o) => Number(o).toString(16).padStart(2, '0').toUpperCase()).reverse().join('');
  const want = `${hex}:${h.port.toString(16).toUpperCase().padStart(4, '0')}`;
  waiting.set(want, done);
  poller ??= setInterval(() => {
    for (const l of readFileSync('/proc/net/tcp', 'utf8').split('\n')) {
      const f = l.trim().split(/\s+/);
      const cb = f[3] === '0A' ? waiting.get(f[1]) : undefined;
      if (cb) {
        waiting.delete(f[1]);
        cb();
      }
    }
    if (!waiting.size) {
      clearInterval(poller);
      poller = undefined;
    }
  }, 20);
  return { cancel: () => void waiting.delete(want) };
}

/** Every process's parent and CPU ticks (utime stime cutime cstime), from one pass over /proc. */
function processTree(): { under(pid: number): number[]; ticks: Map<number, number> } {
  const children = new Map<number, number[]>();
  const ticks = new Map<number, number>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'latin1');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ppid = Number(f[1]);
      // fields 14-17 (utime stime cutime cstime) are f[11..14] after the command name
      ticks.set(Number(d), Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]));
      const list = children.get(ppid);
      if (list) list.push(Number(d));
      else children.set(ppid, [Number(d)]);
    } catch {
      /* exited between the listing and the read */
    }
  }
  const under = (pid: number): number[] => {
    const out: number[] = [];
    const queue = [pid];
    while (queue.length) for (const c of children.get(queue.pop()!) ?? []) (out.push(c), queue.push(c));
    return out;
  };
  return { under, ticks };
}

/** ssh-keygen without blocking the event loop (so several run at once). */
async function keygenAsync(file: string, comment: string): Promise<void> {
  await promisify(execFile)('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', file]);
}

/** Runs `fn` on every item, at most `limit` at a time. */
async function inParallel<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]);
  }));
}

/** The INI inventory: group `bench`, connection settings in [bench:vars] with Ansible's names (tsible reads them too). */
function inventoryIni(b: BenchHosts): string {
  return [
    '# Written by bench/compare: one line per bench host (an sshd on 127.0.N.M with private /etc, /home, /srv).',
    '[bench]',
    ...b.hosts.map((h) => `${h.name} ansible_host=${h.address} ansible_port=${h.port}`),
    '',
    '[bench:vars]',
    'ansible_user=root',
    `ansible_ssh_private_key_file=${b.clientKeyFile}`,
    `ansible_ssh_common_args='-o UserKnownHostsFile=${b.knownHostsFile} -o StrictHostKeyChecking=yes'`,
    // The same connect timeout for every tool (the floor's readyTimeout too): with hundreds of handshakes at once on
    // 2 cores a handshake takes longer than the 10 s default, and at 1,000 hosts every one of them timed out.
    `ansible_ssh_timeout=${CONNECT_TIMEOUT_S}`,
    '',
  ].join('\n');
}
