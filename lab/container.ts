// A container host: overlay on the cached rootfs, per-host files, real systemd under systemd-nspawn in the host's netns.
import { spawn } from 'node:child_process';
import { existsSync, openSync, closeSync } from 'node:fs';
import { chmod, mkdir, readFile, rm, rmdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { KeyPair } from './keys.ts';
import { LabError } from './lab-error.ts';
import { PREFIX } from './paths.ts';
import type { PlannedHost } from './plan.ts';
import { run, tryRun } from './run.ts';
import { writeFileAtomic } from './write-file.ts';

/** cgroup hierarchies each container gets its own folder in (else their systemds fight: 219/CGROUP). */
const CGROUP_ROOTS = ['/sys/fs/cgroup/unified', '/sys/fs/cgroup/systemd'];
/** Parent cgroup folder of all lab containers. */
export const CGROUP_PARENT = `${PREFIX}-lab`;

/** What a container host is made of, besides its plan. */
export interface ContainerFiles {
  /** Per-host folder (upper, work, merged, console.log). */
  dir: string;
  /** Cached rootfs (overlay lower dir). */
  rootfs: string;
  /** The host's SSH host key. */
  hostKey: KeyPair;
  /** root's authorized_keys. */
  authorizedKeys: string;
  /** /etc/hosts. */
  etcHosts: string;
}

function cgroupDirs(name: string): string[] {
  return CGROUP_ROOTS.filter((r) => existsSync(r)).map((r) => join(r, CGROUP_PARENT, name));
}

/** Mounts the host's overlay and writes its identity (hostname, hosts, keys, machine-id, apt proxy). Keeps an existing upper dir. */
export async function prepareContainer(host: PlannedHost, f: ContainerFiles): Promise<void> {
  const merged = join(f.dir, 'merged');
  for (const d of ['upper', 'work', 'merged']) await mkdir(join(f.dir, d), { recursive: true, mode: 0o755 });
  await run(['mount', '-t', 'overlay', 'overlay', '-o',
    `lowerdir=${f.rootfs},upperdir=${join(f.dir, 'upper')},workdir=${join(f.dir, 'work')}`, merged]);
  const put = (p: string, content: string, mode = 0o644) => writeFileAtomic(join(merged, p), content, mode);
  await put('etc/hostname', `${host.hostname}\n`);
  await put('etc/hosts', f.etcHosts);
  const mid = await readFile(join(merged, 'etc/machine-id'), 'utf8').catch(() => '');
  if (!/^[0-9a-f]{32}\s*$/.test(mid)) await put('etc/machine-id', `${(await import('node:crypto')).randomBytes(16).toString('hex')}\n`, 0o444);
  await mkdir(join(merged, 'root/.ssh'), { recursive: true });
  await chmod(join(merged, 'root/.ssh'), 0o700);
  await put('root/.ssh/authorized_keys', f.authorizedKeys, 0o600);
  await put('etc/ssh/ssh_host_ed25519_key', f.hostKey.privateKey, 0o600);
  await put('etc/ssh/ssh_host_ed25519_key.pub', `${f.hostKey.publicKey}\n`);
  await put('etc/apt/apt.conf.d/01tsible-lab-proxy', `// tsible lab: packages only through the lab's caching proxy\nAcquire::http::Proxy "${host.aptProxy}/";\n`);
}

/** Boots systemd in the container (detached systemd-nspawn in its own cgroup); returns the nspawn PID. */
export async function bootContainer(host: PlannedHost, dir: string): Promise<number> {
  const cgs = cgroupDirs(host.name);
  for (const c of cgs) await mkdir(c, { recursive: true });
  await rm(`/run/systemd/nspawn/propagate/${host.name}`, { recursive: true, force: true });
  const log = openSync(join(dir, 'console.log'), 'a', 0o600);
  const nspawn = [
    'systemd-nspawn', '-q', '-b', '-D', join(dir, 'merged'), '-M', host.name, `--hostname=${host.hostname}`,
    `--network-namespace-path=/run/netns/${host.netns}`, '--capability=CAP_NET_ADMIN', '--register=no', '--keep-unit',
    '--console=passive', '--resolv-conf=off', '--timezone=off', '--link-journal=no',
  ];
  // The shell moves itself into the container's cgroups, then becomes systemd-nspawn (same PID).
  const script = 'n=$1; shift; i=0; for c; do i=$((i+1)); [ $i -le "$n" ] || break; echo $$ > "$c/cgroup.procs"; done; shift "$n"; exec "$@"';
  const child = spawn('sh', ['-c', script, 'sh', String(cgs.length), ...cgs, ...nspawn], {
    detached: true, stdio: ['ignore', log, log],
    env: { ...process.env, SYSTEMD_NSPAWN_API_VFS_WRITABLE: 'network' },
  });
  closeSync(log);
  const pid = child.pid;
  child.unref();
  if (!pid) throw new LabError('cannot start systemd-nspawn', { host: host.name });
  return pid;
}

/** True when `pid` runs systemd-nspawn for the folder `dir`. */
export async function isContainerPid(pid: number, dir: string): Promise<boolean> {
  if (pid <= 0) return false;
  try {
    const cmd = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0');
    return cmd.includes(join(dir, 'merged'));
  } catch {
    return false;
  }
}

/** The children of `pid` (systemd-nspawn's: the container's init). */
async function childPids(pid: number): Promise<number[]> {
  const tasks = await readdir(`/proc/${pid}/task`).catch(() => [] as string[]);
  const out: number[] = [];
  for (const t of tasks) {
    const text = await readFile(`/proc/${pid}/task/${t}/children`, 'utf8').catch(() => '');
    out.push(...text.split(/\s+/).filter(Boolean).map(Number));
  }
  return out;
}

function killQuietly(pid: number): void {
  try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ }
}

async function gone(pid: number, dir: string, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (!(await isContainerPid(pid, dir))) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return !(await isContainerPid(pid, dir));
}

/**
 * Powers the container off (SIGTERM: systemd shuts down; SIGKILL after `graceMs`), unmounts it, removes its cgroups.
 * `graceMs` 0 is a power cut: the container's init is killed at once, and with it every process of its PID namespace,
 * so nothing runs a shutdown or a trap. Idempotent.
 */
export async function stopContainer(name: string, pid: number, dir: string, graceMs = 8000): Promise<void> {
  if (await isContainerPid(pid, dir)) {
    if (graceMs === 0) for (const init of await childPids(pid)) killQuietly(init);
    else process.kill(pid, 'SIGTERM');
    if (!(await gone(pid, dir, graceMs === 0 ? 3000 : graceMs))) {
      killQuietly(pid);
      await gone(pid, dir, 3000);
    }
  }
  await unmountAll(join(dir, 'merged'));
  await rm(`/run/systemd/nspawn/propagate/${name}`, { recursive: true, force: true });
  for (const c of cgroupDirs(name)) await removeCgroup(c);
}

/** Unmounts everything at or below `path` (deepest first); lazily if busy. */
export async function unmountAll(path: string): Promise<void> {
  const mounts = (await readFile('/proc/self/mounts', 'utf8')).split('\n').map((l) => l.split(' ')[1])
    .filter((m): m is string => !!m && (m === path || m.startsWith(`${path}/`)));
  for (const m of mounts.reverse()) if (!(await tryRun(['umount', m]))) await tryRun(['umount', '-l', m]);
}

/** Removes a cgroup folder and its children, deepest first (processes must be gone). */
export async function removeCgroup(dir: string): Promise<void> {
  if (!existsSync(dir)) return;
  for (const e of await readdir(dir, { withFileTypes: true })) if (e.isDirectory()) await removeCgroup(join(dir, e.name));
  await rmdir(dir).catch(() => {});
}
