// The base-image recipe as data: every input that shapes the cached images, and the cache key made from them.
import { createHash } from 'node:crypto';
import { debianMirror, SUITE } from '../debian-release.ts';
import { INIT_SCRIPT, INITRAMFS_MODULES } from './initramfs-init.ts';

/** Bump when the build steps change in a way the data below does not show. */
export const RECIPE_VERSION = 1;

export { SUITE, debianMirror } from '../debian-release.ts';

/** Packages on top of debootstrap's minbase. */
export const PACKAGES = [
  'systemd-sysv', 'udev', 'kmod', 'dbus', 'libpam-systemd', 'openssh-server', 'iproute2', 'procps',
  'python3', 'sudo', 'ca-certificates', 'netbase', 'iputils-ping', 'less',
];

/** The metapackage whose dependency names the kernel to boot. */
export const KERNEL_META = 'linux-image-amd64';

/** Subtrees of /lib/modules/KV/kernel copied into the image (the rest is hardware a VM lacks). */
export const MODULE_TREES = [
  'net', 'fs', 'lib', 'crypto', 'arch', 'drivers/virtio', 'drivers/block', 'drivers/net', 'drivers/char',
  'drivers/acpi', 'drivers/md', 'drivers/input', 'drivers/scsi',
];

/** Systemd units masked in the image: timers that would hog a slow TCG guest, and the online wait. */
export const MASKED_UNITS = [
  'systemd-networkd-wait-online.service', 'apt-daily.timer', 'apt-daily-upgrade.timer',
  'e2scrub_all.timer', 'e2scrub_reap.service', 'fstrim.timer',
];

/** Size of the sparse base image (qcow2 overlays grow into it). */
export const IMAGE_SIZE = '4G';

/** Key of the cached images: changes whenever an input of the recipe does. */
export function recipeKey(): string {
  const inputs = {
    RECIPE_VERSION, SUITE, mirror: debianMirror(), PACKAGES, KERNEL_META, MODULE_TREES, MASKED_UNITS,
    IMAGE_SIZE, INIT_SCRIPT, INITRAMFS_MODULES,
  };
  return createHash('sha256').update(JSON.stringify(inputs)).digest('hex').slice(0, 16);
}
