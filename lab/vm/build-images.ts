// Builds the shared VM images into a folder: Debian rootfs (debootstrap), kernel, busybox initramfs, ext4 base image.
import { access, chmod, cp, mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { INIT_SCRIPT, INITRAMFS_MODULES } from './initramfs-init.ts';
import {
  debianMirror, IMAGE_SIZE, KERNEL_META, MASKED_UNITS, MODULE_TREES, PACKAGES, SUITE,
} from './recipe.ts';
import { run } from './run.ts';
import { VmError } from './vm-error.ts';

/** Files of a finished build, relative to its folder. */
export const IMAGE_FILES = { base: 'base.raw', kernel: 'vmlinuz', initrd: 'initrd.gz', manifest: 'manifest.json' };

/** What manifest.json records about a build. */
export interface ImageManifest {
  /** Recipe key the build was made from. */
  key: string;
  /** Kernel release, e.g. 6.1.0-41-amd64. */
  kernelRelease: string;
  /** ISO time of the build. */
  builtAt: string;
  /** The Debian release the mirror had (`12.15 Sat, 11 Jul 2026 10:16:37 UTC`), when it could be read. */
  release?: string;
}

/** Builds every image file into `out` (an empty folder), using `scratch` for the rootfs. */
export async function buildImages(out: string, scratch: string, key: string, log: (line: string) => void, release?: string): Promise<ImageManifest> {
  const rootfs = join(scratch, 'rootfs');
  const debs = join(scratch, 'debs');
  await mkdir(debs, { recursive: true });
  const step = async <T>(what: string, fn: () => Promise<T>): Promise<T> => {
    const t0 = Date.now();
    log(`vm-images: ${what}…`);
    try {
      const r = await fn();
      log(`vm-images: ${what}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      return r;
    } catch (e) {
      throw new VmError(`building VM images: ${what} failed`, {}, { cause: e });
    }
  };

  await step('debootstrap', () =>
    run(['debootstrap', '--variant=minbase', `--include=${PACKAGES.join(',')}`, SUITE, rootfs, debianMirror()]));
  const inChroot = (script: string, ...args: string[]) => run(['chroot', rootfs, '/bin/sh', '-ec', script, 'sh', ...args]);
  const kernelPkg = await step('find the kernel package', async () => {
    await writeFile(join(rootfs, 'etc/resolv.conf'), await readFile('/etc/resolv.conf')); // apt in the chroot needs DNS
    await inChroot('apt-get update -q');
    const { stdout } = await inChroot('apt-cache depends "$1"', KERNEL_META);
    const m = /Depends:\s*(linux-image-\S+-amd64)/.exec(stdout);
    if (!m?.[1]) throw new VmError(`no linux-image dependency in: ${stdout}`);
    return m[1];
  });
  await step(`download ${kernelPkg} and busybox-static`, () =>
    inChroot('mkdir -p /var/tmp/debs && cd /var/tmp/debs && apt-get download "$@"', kernelPkg, 'busybox-static'));
  const dl = join(rootfs, 'var/tmp/debs');
  for (const f of await readdir(dl)) {
    const dir = join(debs, f.startsWith('busybox') ? 'busybox' : 'kernel');
    await run(['dpkg-deb', '-x', join(dl, f), dir]);
  }
  await rm(dl, { recursive: true, force: true });

  const kroot = join(debs, 'kernel');
  const releases = await readdir(join(kroot, 'lib/modules'));
  const kernelRelease = releases[0];
  if (releases.length !== 1 || !kernelRelease) throw new VmError(`expected one kernel release in ${kernelPkg}, found ${releases.join(', ')}`);
  await cp(join(kroot, `boot/vmlinuz-${kernelRelease}`), join(out, IMAGE_FILES.kernel));

  await step('kernel modules + depmod', async () => {
    const from = join(kroot, 'lib/modules', kernelRelease);
    const to = join(rootfs, 'lib/modules', kernelRelease);
    await mkdir(join(to, 'kernel'), { recursive: true });
    for (const f of ['modules.order', 'modules.builtin', 'modules.builtin.modinfo']) await cp(join(from, f), join(to, f));
    for (const t of MODULE_TREES) await cp(join(from, 'kernel', t), join(to, 'kernel', t), { recursive: true });
    await inChroot('depmod "$1"', kernelRelease);
  });

  await step('initramfs', () => buildInitramfs(join(scratch, 'initramfs'), join(debs, 'busybox'), join(kroot, 'lib/modules', kernelRelease), join(out, IMAGE_FILES.initrd)));
  await step('configure the rootfs', () => configureRootfs(rootfs, inChroot));
  await step('mkfs.ext4 -d', async () => {
    const img = join(out, IMAGE_FILES.base);
    await run(['truncate', '-s', IMAGE_SIZE, img]);
    await run(['mkfs.ext4', '-q', '-F', '-L', 'tsible-root', '-d', rootfs, img]);
    await chmod(img, 0o444); // only ever a read-only backing file
  });
  const manifest: ImageManifest = { key, kernelRelease, builtAt: new Date().toISOString(), ...(release ? { release } : {}) };
  await writeFile(join(out, IMAGE_FILES.manifest), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** The initramfs: static busybox, the disk modules, /init; packed as a gzipped newc cpio. */
async function buildInitramfs(dir: string, busyboxRoot: string, modules: string, outFile: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  for (const d of ['bin', 'dev', 'proc', 'sys', 'newroot', 'seed', 'mods']) await mkdir(join(dir, d), { recursive: true });
  const bb = await firstExisting([join(busyboxRoot, 'bin/busybox'), join(busyboxRoot, 'usr/bin/busybox')]);
  await cp(bb, join(dir, 'bin/busybox'));
  await chmod(join(dir, 'bin/busybox'), 0o755);
  await symlink('busybox', join(dir, 'bin/sh'));
  const names: string[] = [];
  for (const m of INITRAMFS_MODULES) {
    const name = m.split('/').pop() as string;
    await cp(join(modules, 'kernel', m), join(dir, 'mods', name));
    names.push(name);
  }
  await writeFile(join(dir, 'mods/order'), `${names.join('\n')}\n`);
  await writeFile(join(dir, 'init'), INIT_SCRIPT, { mode: 0o755 });
  await run(['sh', '-ec', 'cd "$1" && find . | cpio -o -H newc --quiet | gzip -1 > "$2"', 'sh', dir, outFile]);
}

/** Image-wide settings: no host keys (the seed brings them), networkd, masked units, fstab, sshd. */
async function configureRootfs(rootfs: string, inChroot: (s: string, ...a: string[]) => Promise<unknown>): Promise<void> {
  const at = (p: string) => join(rootfs, p);
  await inChroot('rm -f /etc/ssh/ssh_host_*');
  await writeFile(at('etc/fstab'), '/dev/vda / ext4 rw,relatime,errors=remount-ro 0 0\n');
  await writeFile(at('etc/hostname'), 'tsible-vm\n');
  await writeFile(at('etc/machine-id'), '');
  await rm(at('var/lib/dbus/machine-id'), { force: true });
  await writeFile(at('etc/resolv.conf'), '');
  await writeFile(at('etc/ssh/sshd_config.d/tsible.conf'),
    'PermitRootLogin prohibit-password\nPasswordAuthentication no\nUseDNS no\n');
  await mkdir(at('etc/systemd/networkd.conf.d'), { recursive: true });
  // Addresses and routes a playbook adds (VIPs, LVS routes) must survive networkd reconfiguring a link.
  await writeFile(at('etc/systemd/networkd.conf.d/tsible.conf'),
    '[Network]\nManageForeignRoutes=no\nManageForeignRoutingPolicyRules=no\n');
  await mkdir(at('root/.ssh'), { recursive: true, mode: 0o700 });
  await chmod(at('root/.ssh'), 0o700);
  const mirror = debianMirror();
  await writeFile(at('etc/apt/sources.list'),
    `deb ${mirror} ${SUITE} main\ndeb ${mirror} ${SUITE}-updates main\ndeb ${mirror.replace(/\/debian\/?$/, '/debian-security')} ${SUITE}-security main\n`);
  await inChroot('systemctl enable systemd-networkd.service; systemctl mask "$@"', ...MASKED_UNITS);
  await inChroot('apt-get clean; rm -rf /var/lib/apt/lists/* /var/log/*.log /var/cache/debconf/*-old /tmp/* /var/tmp/*');
}

async function firstExisting(paths: string[]): Promise<string> {
  for (const p of paths) {
    try {
      await access(p);
      return p;
    } catch {
      /* next */
    }
  }
  throw new VmError(`none of ${paths.join(', ')} exists`);
}
