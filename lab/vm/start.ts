// Starts a VM: overlay + seed disks, taps, qemu daemonized in the bridge's netns; returns once qemu runs.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { checkSpec } from './check-spec.ts';
import { assignPciSlots } from './pci-slots.ts';
import { ensureImages } from './prepare.ts';
import { qemuArgs } from './qemu-args.ts';
import { run } from './run.ts';
import { writeSeedDisk } from './seed-disk.ts';
import { seedFiles } from './seed-files.ts';
import { stopVm } from './stop.ts';
import { createTap, plugTap } from './tap.ts';
import type { VmHandle, VmSpec } from './types.ts';
import { VmError } from './vm-error.ts';
import { diskBaseFile, vmPaths, writeState, type VmState } from './vm-state.ts';

/** Boots `spec` (building the images first if needed). The caller waits for SSH. */
export async function startVm(spec: VmSpec): Promise<VmHandle> {
  checkSpec(spec);
  if (spec.workDir.includes(',') || spec.cacheDir.includes(',')) {
    throw new VmError(`VM ${spec.name}: workDir and cacheDir must not contain a comma (qemu option syntax)`);
  }
  const slots = assignPciSlots(spec.nics.map((n) => n.ifname), spec.name);
  const images = await ensureImages(spec.cacheDir);
  const paths = vmPaths(spec.workDir);
  await mkdir(spec.workDir, { recursive: true });
  await stopVm({ name: spec.name, pid: 0, workDir: spec.workDir }, { keepDisk: true }); // leftovers of an earlier run here
  const qemuNetns = spec.nics[0].netns;
  const state: VmState = { name: spec.name, pid: 0, qemuNetns, taps: spec.nics.map((n) => ({ netns: n.netns, tap: n.tap })) };
  const handle: VmHandle = { name: spec.name, pid: 0, workDir: spec.workDir };
  try {
    await writeState(spec.workDir, state);
    for (const p of [paths.console, paths.pidFile, paths.qmp]) await rm(p, { force: true });
    if (!(await keptDiskUsable(spec.workDir, images.base))) {
      await rm(paths.overlay, { force: true });
      await run(['qemu-img', 'create', '-q', '-f', 'qcow2', '-F', 'raw', '-b', images.base, paths.overlay]);
      await chmod(paths.overlay, 0o600); // the guest writes its private host keys into it
      await writeFile(diskBaseFile(spec.workDir), `${images.base}\n`, { mode: 0o644 });
    }
    await writeSeedDisk(paths.seed, `${spec.workDir}/seed.d`, seedFiles(spec, randomBytes(16).toString('hex')));
    for (const nic of spec.nics) await createTap(qemuNetns, nic.tap);
    await run(['ip', 'netns', 'exec', qemuNetns, 'qemu-system-x86_64', ...qemuArgs(spec, images.kernel, images.initrd, paths, slots)]);
    const pid = Number((await readFile(paths.pidFile, 'utf8')).trim());
    if (!Number.isInteger(pid) || pid <= 0) throw new VmError(`no PID in ${paths.pidFile}`);
    handle.pid = state.pid = pid;
    await writeState(spec.workDir, state);
    for (const nic of spec.nics) await plugTap(qemuNetns, nic.netns, nic.tap, nic.bridge);
    return handle;
  } catch (e) {
    await stopVm(handle, { graceMs: 0 }).catch(() => {});
    throw new VmError(`cannot start VM ${spec.name}`, { host: spec.name }, { cause: e });
  }
}

/**
 * True when workDir holds a disk kept by stopVm({ keepDisk }) over the same base image, consistent after
 * `qemu-img check -r all` (a VM killed without a clean qemu exit may leave qcow2 metadata to repair).
 */
async function keptDiskUsable(workDir: string, base: string): Promise<boolean> {
  const paths = vmPaths(workDir);
  if (!existsSync(paths.overlay)) return false;
  const recorded = await readFile(diskBaseFile(workDir), 'utf8').catch(() => '');
  if (recorded.trim() !== base) return false;
  try {
    await run(['qemu-img', 'check', '-q', '-r', 'all', paths.overlay]);
    return true;
  } catch {
    return false;
  }
}
