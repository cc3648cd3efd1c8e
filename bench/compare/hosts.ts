// Bench hosts: N OpenSSH sshd "hosts" on 127.0.7.x, each in its own mount namespace with private overlays on /etc, /home and /srv, plus an INI inventory both tsible and Ansible read.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { descendants, keygen, killTree } from '../../lab/sshd.ts';

/** Directories each host gets its own copy-on-write view of (the work of the task sets lands here). */
const PRIVATE_DIRS = ['/etc', '/home', '/srv'];

/** One bench host: its name, address and sshd process. */
export interface BenchHost {
  /** Inventory name (h01…). */
  name: string;
  /** Listen address (127.0.7.x). */
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

/** A fixed set of N hosts: keys and inventory made once; `up()` starts every sshd on fresh overlays, `down()` stops them. */
export class BenchHosts {
  readonly hosts: BenchHost[];
  readonly clientKeyFile: string;
  readonly knownHostsFile: string;
  readonly inventoryFile: string;

  constructor(
    /** Working dir (keys, configs, overlays, inventory); removed by `destroy()`. */
    readonly dir: string,
    count: number,
    /** Listen port of every host (each host has its own address). */
    port = 2222,
  ) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true, mode: 0o755 });
    mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
    this.clientKeyFile = join(dir, 'client_ed25519');
    keygen(this.clientKeyFile, 'tsible-bench-client');
    writeFileSync(join(dir, 'authorized_keys'), readFileSync(`${this.clientKeyFile}.pub`), { mode: 0o644 });
    this.knownHostsFile = join(dir, 'known_hosts');
    this.inventoryFile = join(dir, 'inventory.ini');
    this.hosts = Array.from({ length: count }, (_, i) => {
      const name = `h${String(i + 1).padStart(2, '0')}`;
      const hostDir = join(dir, name);
      mkdirSync(hostDir, { recursive: true });
      const host: BenchHost = { name, address: `127.0.7.${i + 1}`, port, dir: hostDir, sessions: 0 };
      keygen(join(hostDir, 'host_ed25519'), name);
      writeFileSync(join(hostDir, 'sshd_config'), sshdConfig(host, dir));
      return host;
    });
    const known = this.hosts.map((h) => `[${h.address}]:${h.port} ${readFileSync(join(h.dir, 'host_ed25519.pub'), 'utf8').trim().split(/\s+/).slice(0, 2).join(' ')}`);
    writeFileSync(this.knownHostsFile, known.join('\n') + '\n', { mode: 0o644 });
    writeFileSync(this.inventoryFile, inventoryIni(this));
  }

  /** Starts every host's sshd in a new mount namespace on empty overlays (a clean host), resolving when all listen. */
  async up(): Promise<void> {
    await Promise.all(this.hosts.map((h) => startHost(h)));
  }

  /** Kills every host's sshd and its sessions by PID (SIGKILL), waits for them, and drops the overlay layers. */
  async down(): Promise<void> {
    const waits = this.hosts.map((h) => {
      const p = h.proc;
      h.proc = undefined;
      if (!p || p.exitCode !== null || p.signalCode !== null) return Promise.resolve();
      const exited = new Promise((r) => p.once('exit', r));
      killTree(p.pid!);
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
    for (const h of this.hosts) {
      if (!h.proc?.pid) continue;
      for (const pid of [h.proc.pid, ...descendants(h.proc.pid)]) {
        try {
          const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
          const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
          // fields 14-17 (utime stime cutime cstime) are f[11..14] after the command name
          ticks += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
        } catch {
          /* exited between the listing and the read */
        }
      }
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
    const poll = setInterval(() => {
      // Listening is read from /proc/net/tcp: no probe connection, so no log line or session to discount.
      if (listening(h)) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve();
      }
    }, 20);
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
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`bench host ${h.name}: sshd exited ${code}: ${log}`));
    });
  });
}

/** Whether something listens on the host's address:port (read from /proc/net/tcp, no connection made). */
function listening(h: BenchHost): boolean {
  const hex = h.address.split('.').map((o) => Number(o).toString(16).padStart(2, '0').toUpperCase()).reverse().join('');
  const want = `${hex}:${h.port.toString(16).toUpperCase().padStart(4, '0')}`;
  return readFileSync('/proc/net/tcp', 'utf8').split('\n').some((l) => {
    const f = l.trim().split(/\s+/);
    return f[1] === want && f[3] === '0A';
  });
}

/** The INI inventory: group `bench`, connection settings in [bench:vars] with Ansible's names (tsible reads them too). */
function inventoryIni(b: BenchHosts): string {
  return [
    '# Written by bench/compare: one line per bench host (an sshd on 127.0.7.x with private /etc, /home, /srv).',
    '[bench]',
    ...b.hosts.map((h) => `${h.name} ansible_host=${h.address} ansible_port=${h.port}`),
    '',
    '[bench:vars]',
    'ansible_user=root',
    `ansible_ssh_private_key_file=${b.clientKeyFile}`,
    `ansible_ssh_common_args='-o UserKnownHostsFile=${b.knownHostsFile} -o StrictHostKeyChecking=yes'`,
    '',
  ].join('\n');
}
