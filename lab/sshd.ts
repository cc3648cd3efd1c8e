// Real OpenSSH sshd servers on loopback (or in a network namespace) for tests and benchmarks, with generated keys, users, known_hosts and an INI inventory.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Connection } from '../core/transport/connection.ts';

/** One running sshd. */
export interface SshdServer {
  /** A name for it (also usable as an inventory host name). */
  name: string;
  /** Address it listens on (127.0.0.x, or an address inside its network namespace). */
  address: string;
  port: number;
  /** PID of the listening sshd. */
  pid: number;
  /** Its private host key file and the public key line (`ssh-ed25519 AAAA…`). */
  hostKeyFile: string;
  hostPublicKey: string;
  /** Its known_hosts line (`[addr]:port ssh-ed25519 AAAA…`). */
  knownHostsLine: string;
  /** Network namespace it runs in, if any. */
  netns?: string;
  /** Last lines sshd logged (for failing tests). */
  log(): string;
  /** Kills the sshd and every session process under it at once (SIGKILL), as if the host died. */
  kill(): void;
}

/** Options for starting servers. */
export interface SshdStartOptions {
  /** Listen address; default a fresh 127.0.0.x per server. */
  address?: string;
  /** Port; default a free one. */
  port?: number;
  /** Run inside this network namespace (created by the caller). */
  netns?: string;
  /** Extra sshd_config lines. */
  config?: string[];
  /** Name prefix; default 'sshd'. */
  name?: string;
  /** MaxStartups line; default raised to 200:30:400; null keeps OpenSSH's default (10:30:100). */
  maxStartups?: string | null;
  /** sshd's LogLevel; default INFO (VERBOSE logs a "Starting session" line per session). */
  logLevel?: string;
}

let nextAddress = 2 + Math.floor(Math.random() * 200);

/**
 * A set of sshd servers sharing one temp dir, one client key (authorized for every user) and one
 * known_hosts file listing every started server. Call `stop()` in `after()`.
 */
export class SshdLab {
  readonly servers: SshdServer[] = [];
  private readonly procs: ChildProcess[] = [];
  private readonly users: string[] = [];
  private stopped = false;

  private constructor(
    /** Temp dir holding keys, configs and homes. */
    readonly dir: string,
    /** Client private key (ed25519, unencrypted) authorized for every user. */
    readonly clientKeyFile: string,
    /** known_hosts file with every started server's key. */
    readonly knownHostsFile: string,
  ) {}

  /** Creates the temp dir and client key. Needs root (sshd, users). */
  static create(): SshdLab {
    const dir = mkdtempSync(join(tmpdir(), 'tsible-sshd-'));
    chmodSync(dir, 0o755); // test users read authorized_keys and reach their homes here
    mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
    const key = join(dir, 'client_ed25519');
    keygen(key, 'tsible-test-client');
    const pub = readFileSync(`${key}.pub`, 'utf8');
    writeFileSync(join(dir, 'authorized_keys'), pub, { mode: 0o644 });
    const kh = join(dir, 'known_hosts');
    writeFileSync(kh, '', { mode: 0o644 });
    return new SshdLab(dir, key, kh);
  }

  /** Starts `count` servers in parallel (ed25519 host keys, each its own). */
  async start(count = 1, options: SshdStartOptions = {}): Promise<SshdServer[]> {
    const started = await Promise.all(Array.from({ length: count }, () => this.startOne(options)));
    writeFileSync(this.knownHostsFile, this.servers.map((s) => s.knownHostsLine).join('\n') + '\n');
    return started;
  }

  /**
   * Adds a local user whose login takes the lab's client key. `sudo`: 'nopasswd' or 'password'
   * (needs `password`). Removed by `stop()`.
   */
  addUser(name: string, opts: { password?: string; sudo?: 'nopasswd' | 'password' } = {}): void {
    const home = join(this.dir, 'home', name);
    mkdirSync(join(this.dir, 'home'), { recursive: true, mode: 0o755 });
    execFileSync('useradd', ['-M', '-d', home, '-s', '/bin/sh', '-U', name], { stdio: 'pipe' });
    this.users.push(name);
    mkdirSync(home, { mode: 0o755 });
    const ids = execFileSync('id', ['-u', name]).toString().trim();
    const gid = execFileSync('id', ['-g', name]).toString().trim();
    chownSync(home, Number(ids), Number(gid));
    execFileSync('chpasswd', { input: `${name}:${opts.password ?? randomPassword()}\n` });
    if (opts.sudo) {
      const rule = `${name} ALL=(ALL:ALL) ${opts.sudo === 'nopasswd' ? 'NOPASSWD: ' : ''}ALL\n`;
      writeFileSync(`/etc/sudoers.d/${name}`, rule, { mode: 0o440 });
    }
  }

  /** An inventory Connection to `server` as `user` (default root) with the lab's key and known_hosts. */
  connection(server: SshdServer, extra: Partial<Connection> = {}): Connection {
    return {
      transport: 'ssh',
      address: server.address,
      port: server.port,
      user: 'root',
      keyFiles: [this.clientKeyFile],
      knownHostsFiles: [this.knownHostsFile],
      connectTimeoutMs: 10_000,
      ...extra,
    };
  }

  /** Stops every server it spawned (and their sessions) by PID, removes users, sudoers rules and the temp dir. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    // Every process spawned, not only the servers that started: one whose start timed out may come up later.
    for (const p of this.procs) if (p.pid !== undefined && p.exitCode === null && p.signalCode === null) killTree(p.pid);
    await Promise.all(this.procs.map((p) => (p.exitCode !== null || p.signalCode !== null ? undefined : new Promise((r) => p.once('exit', r)))));
    for (const u of this.users) {
      rmSync(`/etc/sudoers.d/${u}`, { force: true });
      // -f: its killed sessions may not be reaped yet. Retried: another process may hold /etc/passwd's lock.
      for (let i = 0; i < 5; i++) {
        try {
          execFileSync('userdel', ['-f', u], { stdio: 'pipe' });
          break;
        } catch (e) {
          if (String((e as { stderr?: Buffer }).stderr).includes('does not exist')) break;
          await new Promise((r) => setTimeout(r, 200));
        }
      }
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async startOne(o: SshdStartOptions): Promise<SshdServer> {
    const index = this.servers.length + this.procs.length;
    const name = `${o.name ?? 'sshd'}${index}-${Math.random().toString(36).slice(2, 6)}`;
    const address = o.address ?? `127.0.0.${(nextAddress++ % 250) + 2}`;
    const port = o.port ?? (o.netns ? 22 : await freePort(address));
    const hostKeyFile = join(this.dir, `${name}_host_ed25519`);
    keygen(hostKeyFile, name);
    const hostPublicKey = readFileSync(`${hostKeyFile}.pub`, 'utf8').trim().split(/\s+/).slice(0, 2).join(' ');
    const configFile = join(this.dir, `${name}.sshd_config`);
    writeFileSync(
      configFile,
      [
        `ListenAddress ${address}:${port}`,
        `HostKey ${hostKeyFile}`,
        'PidFile none',
        `AuthorizedKeysFile ${join(this.dir, 'authorized_keys')}`,
        'StrictModes no',
        'UsePAM no',
        'PermitRootLogin yes',
        'PasswordAuthentication yes',
        'KbdInteractiveAuthentication no',
        ...(o.maxStartups === null ? [] : [`MaxStartups ${o.maxStartups ?? '200:30:400'}`]),
        'PrintMotd no',
        'PrintLastLog no',
        'AllowTcpForwarding yes',
        `LogLevel ${o.logLevel ?? 'INFO'}`,
        // This machine's root ~/.bashrc runs `pyenv init` (~1 s). bash sources ~/.bashrc for commands
        // sshd starts only when it is a top-level shell; SHLVL=1 makes it a nested one, as a real admin
        // host's lean shell would be. Remove to measure a host whose bashrc is slow.
        'SetEnv SHLVL=1',
        ...(o.config ?? []),
        '',
      ].join('\n'),
    );
    const argv = ['/usr/sbin/sshd', '-D', '-e', '-f', configFile];
    const proc = o.netns ? spawn('ip', ['netns', 'exec', o.netns, ...argv], { stdio: ['ignore', 'ignore', 'pipe'] }) : spawn(argv[0], argv.slice(1), { stdio: ['ignore', 'ignore', 'pipe'] });
    this.procs.push(proc);
    const lines: string[] = [];
    await new Promise<void>((resolve, reject) => {
      let buf = '';
      const timer = setTimeout(() => reject(new Error(`sshd ${name} did not start: ${lines.join('\n')}`)), 10_000);
      proc.stderr!.on('data', (d: Buffer) => {
        buf += d.toString();
        const parts = buf.split('\n');
        buf = parts.pop()!;
        for (const l of parts) {
          lines.push(l);
          if (lines.length > 200) lines.shift();
          if (l.includes('Server listening on')) {
            clearTimeout(timer);
            resolve();
          }
        }
      });
      proc.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`sshd ${name} exited ${code}: ${lines.join('\n')}`));
      });
    });
    const pid = proc.pid!;
    const server: SshdServer = {
      name,
      address,
      port,
      pid,
      hostKeyFile,
      hostPublicKey,
      knownHostsLine: `${port === 22 ? address : `[${address}]:${port}`} ${hostPublicKey}`,
      netns: o.netns,
      log: () => lines.join('\n'),
      kill: () => killTree(pid),
    };
    this.servers.push(server);
    return server;
  }
}

/** An INI inventory of `servers` (named after them) in group `group`, logging in as root with the lab's key and known_hosts. */
export function writeSshdInventory(lab: SshdLab, servers: SshdServer[], opts: { group?: string; file?: string; extra?: Record<string, string> } = {}): string {
  const file = opts.file ?? join(lab.dir, 'inventory.ini');
  const lines = [`[${opts.group ?? 'targets'}]`];
  for (const s of servers) {
    const extra = Object.entries(opts.extra?.[s.name] ? { x: opts.extra[s.name] } : {}).map(([, v]) => ` ${v}`).join('');
    lines.push(`${s.name} ansible_host=${s.address} ansible_port=${s.port} ansible_user=root ansible_ssh_private_key_file=${lab.clientKeyFile} ansible_ssh_common_args='-o UserKnownHostsFile=${lab.knownHostsFile}'${extra}`);
  }
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

/** Generates an unencrypted ed25519 key pair at `file` (+ .pub). */
export function keygen(file: string, comment: string): void {
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', file], { stdio: 'pipe' });
}

/** SIGKILLs `pid` and all its descendants (found through /proc), children first seen, all at once. */
export function killTree(pid: number): void {
  const all = [pid, ...descendants(pid)];
  for (const p of all) {
    try {
      process.kill(p, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
}

/** PIDs of every descendant of `pid`. */
export function descendants(pid: number): number[] {
  const parent = new Map<number, number>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parent.set(Number(d), ppid);
    } catch {
      /* exited */
    }
  }
  const out: number[] = [];
  const queue = [pid];
  while (queue.length) {
    const p = queue.shift()!;
    for (const [child, pp] of parent) if (pp === p) (out.push(child), queue.push(child));
  }
  return out;
}

function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, host, () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

function randomPassword(): string {
  return `pw-${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`;
}
