// The per-VM state file in workDir: what stopVm needs to clean up, even after a crash of the caller.
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { VmPaths } from './qemu-args.ts';

/** Contents of workDir/vm.json. */
export interface VmState {
  /** VmSpec name. */
  name: string;
  /** qemu's PID (0 until it runs). */
  pid: number;
  /** Netns qemu runs in (where taps are born). */
  qemuNetns: string;
  /** Every tap and the netns it ends up in. */
  taps: { netns: string; tap: string }[];
}

/** The fixed file names inside a VM's workDir. */
export function vmPaths(workDir: string): VmPaths {
  return {
    overlay: join(workDir, 'disk.qcow2'),
    seed: join(workDir, 'seed.img'),
    console: join(workDir, 'console.log'),
    qmp: join(workDir, 'qmp.sock'),
    pidFile: join(workDir, 'qemu.pid'),
    state: join(workDir, 'vm.json'),
  };
}

/** Reads the state file, or null when there is none. */
export async function readState(workDir: string): Promise<VmState | null> {
  try {
    return JSON.parse(await readFile(vmPaths(workDir).state, 'utf8')) as VmState;
  } catch {
    return null;
  }
}

/** Writes the state file atomically. */
export async function writeState(workDir: string, state: VmState): Promise<void> {
  const path = vmPaths(workDir).state;
  await writeFile(`${path}.tmp`, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o644 });
  await rename(`${path}.tmp`, path);
}

/** The file naming the base image a kept disk was made over (a disk over another base is not reused). */
export function diskBaseFile(workDir: string): string {
  return join(workDir, 'disk.base');
}
