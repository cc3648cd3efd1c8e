// The cached Debian rootfs every container host overlays: debootstrap minbase + sshd + systemd, keyed on its recipe.
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { unmountAll } from './container.ts';
import { debianMirror, SUITE } from './debian-release.ts';
import { withFileLock } from './file-lock.ts';
import { run } from './run.ts';

/** Bump when the steps below change in a way the data does not show. */
const RECIPE_VERSION = 1;
/** Packages on top of minbase: the brief's base set, plus systemd as PID 1 and ping for reachability checks. */
const ROOTFS_PACKAGES = [
  'openssh-server', 'iproute2', 'procps', 'python3', 'sudo', 'ca-certificates',
  'systemd', 'systemd-sysv', 'dbus', 'libpam-systemd', 'iputils-ping', 'netbase',
];
/** Units masked: no console login, no timers eating the shared CPU, no wait for a network manager we don't run. */
export const MASKED_UNITS = [
  'console-getty.service', 'getty@tty1.service', 'systemd-networkd-wait-online.service', 'apt-daily.timer',
  'apt-daily-upgrade.timer', 'e2scrub_all.timer', 'e2scrub_reap.service', 'fstrim.timer', 'systemd-resolved.service',
];
const SSHD_CONF = '# tsible lab: one host key (written per host by the lab), no reverse DNS\nHostKey /etc/ssh/ssh_host_ed25519_key\nUseDNS no\n';

/** Cache key: changes whenever an input of the recipe does. */
export function rootfsKey(): string {
  const inputs = { RECIPE_VERSION, SUITE, mirror: debianMirror(), ROOTFS_PACKAGES, MASKED_UNITS, SSHD_CONF };
  return createHash('sha256').update(JSON.stringify(inputs)).digest('hex').slice(0, 16);
}

/** Folder of the current rootfs in `cacheDir` (may not exist yet). */
function rootfsDir(cacheDir: string): string {
  return join(cacheDir, `rootfs-${rootfsKey()}`);
}

/**
 * Builds the rootfs if missing, or if it was built from an older Debian release than the mirror's current one (about a
 * minute); removes rootfs builds of other keys; returns its folder. `release` is the mirror's (undefined: unknown, offline).
 */
export async function ensureRootfs(cacheDir: string, log: (line: string) => void = () => {}, release?: string): Promise<string> {
  const dir = rootfsDir(cacheDir);
  if (await usable(dir, release, log)) return dir;
  await mkdir(cacheDir, { recursive: true });
  return withFileLock(`${dir}.lock`, () => build(cacheDir, dir, release, log));
}

/** Built completely, and from the mirror's current release when that is known. */
async function usable(dir: string, release: string | undefined, log: (line: string) => void): Promise<boolean> {
  const built = await readBuild(dir);
  if (!built) return false;
  if (release && built.release !== release) {
    log(`container rootfs ${dir} was built from Debian ${built.release ?? '(an unrecorded release)'}; the mirror has ${release}: rebuilding`);
    return false;
  }
  return true;
}

/** What `.complete` records (written last by a build); null when the build is missing or unfinished. */
export async function readBuild(dir: string): Promise<{ builtAt?: string; release?: string } | null> {
  const text = await readFile(join(dir, '.complete'), 'utf8').catch(() => null);
  if (text === null) return null;
  try {
    return JSON.parse(text) as { builtAt?: string; release?: string };
  } catch {
    return { builtAt: text.trim() }; // a build from before releases were recorded
  }
}

async function build(cacheDir: string, dir: string, release: string | undefined, log: (line: string) => void): Promise<string> {
  if (await usable(dir, release, () => {})) return dir; // built by the process we waited for
  for (const e of await readdir(cacheDir)) {
    if (e.startsWith('rootfs-') && !e.endsWith('.lock') && join(cacheDir, e) !== dir) await rm(join(cacheDir, e), { recursive: true, force: true });
  }
  const tmp = `${dir}.building`;
  await unmountAll(tmp); // a killed debootstrap leaves proc/sys mounted in its target
  await rm(tmp, { recursive: true, force: true });
  log(`building the container rootfs (debootstrap ${SUITE}, about a minute) into ${dir}`);
  await run(['debootstrap', '--variant=minbase', `--include=${ROOTFS_PACKAGES.join(',')}`, SUITE, tmp, debianMirror()]);
  for (const f of await readdir(join(tmp, 'etc/ssh'))) if (f.startsWith('ssh_host_')) await unlink(join(tmp, 'etc/ssh', f));
  await writeFile(join(tmp, 'etc/ssh/sshd_config.d/tsible-lab.conf'), SSHD_CONF);
  for (const u of MASKED_UNITS) {
    const p = join(tmp, 'etc/systemd/system', u);
    await rm(p, { force: true });
    await symlink('/dev/null', p);
  }
  await writeFile(join(tmp, 'etc/machine-id'), '');
  await rm(join(tmp, 'etc/hostname'), { force: true });
  await writeFile(join(tmp, 'etc/resolv.conf'), '# no DNS in the tsible lab: apt goes through the lab\'s proxy\n');
  await run(['chroot', tmp, 'apt-get', 'clean']);
  await writeFile(join(tmp, '.complete'), `${JSON.stringify({ builtAt: new Date().toISOString(), release })}\n`);
  await rm(dir, { recursive: true, force: true }); // a build of an older release (no lab is up: up refuses while one is)
  await rename(tmp, dir);
  log('container rootfs ready');
  return dir;
}
