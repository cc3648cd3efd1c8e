// The qemu command line of a VM: TCG, direct kernel boot, overlay + seed disks, tap NICs, serial log, QMP.
import type { PciSlots } from './pci-slots.ts';
import type { VmSpec } from './types.ts';

/** Files of one VM in its workDir. */
export interface VmPaths {
  /** qcow2 overlay over the base image. */
  overlay: string;
  /** Per-VM seed disk. */
  seed: string;
  /** Serial console log. */
  console: string;
  /** QMP unix socket. */
  qmp: string;
  /** qemu's pid file. */
  pidFile: string;
  /** State stopVm reads (taps, pid). */
  state: string;
}

/** Kernel command line: quiet, serial console, no speculative-execution mitigations (TCG is slow enough). */
const KERNEL_APPEND = [
  'root=/dev/vda', 'rw', 'console=ttyS0', 'quiet', 'systemd.show_status=auto', 'mitigations=off',
  'systemd.firstboot=off', 'tsc=reliable',
].join(' ');

/** The argv after `qemu-system-x86_64`. */
export function qemuArgs(spec: VmSpec, kernel: string, initrd: string, paths: VmPaths, slots: PciSlots): string[] {
  const hex = (n: number) => `0x${n.toString(16)}`;
  const args = [
    '-name', `tsible-${spec.name},process=tsible-vm-${spec.name}`,
    '-machine', 'q35', '-accel', 'tcg,tb-size=128', '-cpu', 'qemu64', '-smp', '1', '-m', String(spec.memoryMb ?? 512),
    '-nodefaults', '-no-user-config', '-display', 'none',
    '-kernel', kernel, '-initrd', initrd, '-append', KERNEL_APPEND,
    '-drive', `if=none,id=root,file=${paths.overlay},format=qcow2,cache=unsafe,discard=unmap`,
    '-device', `virtio-blk-pci,drive=root,addr=${hex(slots.root)}`,
    '-drive', `if=none,id=seed,file=${paths.seed},format=raw,readonly=on`,
    '-device', `virtio-blk-pci,drive=seed,addr=${hex(slots.seed)}`,
    '-object', 'rng-random,id=rng,filename=/dev/urandom',
    '-device', `virtio-rng-pci,rng=rng,addr=${hex(slots.rng)}`,
  ];
  spec.nics.forEach((nic, i) => {
    args.push('-netdev', `tap,id=nic${i},ifname=${nic.tap},script=no,downscript=no`,
      '-device', `${spec.nicModel ?? 'virtio-net-pci'},netdev=nic${i},mac=${nic.mac.toLowerCase()},addr=${hex(slots.nics[i] as number)}`);
  });
  args.push('-serial', `file:${paths.console}`, '-qmp', `unix:${paths.qmp},server=on,wait=off`,
    '-pidfile', paths.pidFile, '-daemonize');
  return args;
}
