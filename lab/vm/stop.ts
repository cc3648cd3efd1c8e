// Stops a VM: ACPI power-down over QMP, SIGKILL after a short grace, then removes its taps and disks (or keeps its disk). Idempotent.
import { rm } from 'node:fs/promises';
import { isLiveProcess, waitGone } from './process.ts';
import { qmpPowerdown } from './qmp.ts';
import { deleteTap } from './tap.ts';
import type { VmHandle } from './types.ts';
import { VmError } from './vm-error.ts';
import { diskBaseFile, readState, vmPaths } from './vm-state.ts';

/** Options of stopVm. */
export interface StopOptions {
  /** How long the guest may take to power off before qemu is killed (default 15 s; 0: kill at once). */
  graceMs?: number;
  /** Keep the VM's disk (its qcow2 overlay): a later startVm in the same workDir boots from it (default false: removed). */
  keepDisk?: boolean;
}

/** Stops the VM of `handle` and removes what startVm created (console.log is kept; the disk too with keepDisk). Safe to call twice. */
export async function stopVm(handle: VmHandle, opts: StopOptions = {}): Promise<void> {
  const paths = vmPaths(handle.workDir);
  const state = await readState(handle.workDir);
  const marker = paths.qmp; // on qemu's command line: proves the PID is this VM's qemu
  const pids = [...new Set([handle.pid, state?.pid ?? 0].filter((p) => p > 0))];
  for (const pid of pids) {
    if (!(await isLiveProcess(pid, marker))) continue;
    const grace = opts.graceMs ?? 15_000;
    if (grace > 0 && (await qmpPowerdown(paths.qmp)) && (await waitGone(pid, marker, grace))) continue;
    try {
      process.kill(pid, 'SIGKILL');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ESRCH') throw new VmError(`cannot kill qemu ${pid} of VM ${handle.name}`, { host: handle.name }, { cause: e });
    }
    if (!(await waitGone(pid, marker, 10_000))) throw new VmError(`qemu ${pid} of VM ${handle.name} survived SIGKILL`, { host: handle.name });
  }
  if (state) {
    for (const t of state.taps) await deleteTap([t.netns, state.qemuNetns], t.tap);
  }
  const disk = opts.keepDisk ? [] : [paths.overlay, diskBaseFile(handle.workDir)];
  for (const p of [...disk, paths.seed, paths.qmp, paths.pidFile, `${handle.workDir}/seed.d`, paths.state]) {
    await rm(p, { recursive: true, force: true });
  }
}
