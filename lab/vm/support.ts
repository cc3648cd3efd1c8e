// Can this machine run lab VMs? Names the first missing piece, or null when everything is there.
import { access, constants } from 'node:fs/promises';
import { run } from './run.ts';

/** Host commands the VM host kind runs (and the Debian package that has each). */
const HOST_TOOLS: [command: string, pkg: string][] = [
  ['qemu-system-x86_64', 'qemu-system-x86'], ['qemu-img', 'qemu-utils'], ['debootstrap', 'debootstrap'],
  ['mkfs.ext4', 'e2fsprogs'], ['cpio', 'cpio'], ['gzip', 'gzip'], ['dpkg-deb', 'dpkg'], ['ip', 'iproute2'],
  ['chroot', 'coreutils'],
];

/** null if qemu and the image tools can run here, else why not. */
export async function vmSupportReason(): Promise<string | null> {
  if (process.platform !== 'linux') return `lab VMs need Linux, this is ${process.platform}`;
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return 'lab VMs need root (taps, network namespaces, chroot)';
  const missing: string[] = [];
  for (const [cmd, pkg] of HOST_TOOLS) {
    try {
      await run(['sh', '-c', 'command -v "$1"', 'sh', cmd]);
    } catch {
      missing.push(`${cmd} (apt package ${pkg})`);
    }
  }
  if (missing.length) return `missing host commands: ${missing.join(', ')}; run scripts/install-deps.sh`;
  try {
    await access('/dev/net/tun', constants.R_OK | constants.W_OK);
  } catch {
    return '/dev/net/tun is missing or not usable: qemu cannot create tap NICs';
  }
  return null;
}
