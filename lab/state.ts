// The lab's state file: what `up` created (hosts, PIDs, namespaces, links), so `down` can undo it after a crash.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from './write-file.ts';
import type { LabPlan } from './plan.ts';

/** A running host. */
export interface HostState {
  /** Host name. */
  name: string;
  /** container or vm. */
  kind: 'container' | 'vm';
  /** PID of systemd-nspawn (container) or qemu (vm); 0 when stopped. */
  pid: number;
  /** Per-host folder. */
  dir: string;
  /** Switch-side ports currently cut (`lab cut`). */
  cut: string[];
}

/** The lab as recorded. */
export interface LabState {
  /** The resolved plan. */
  plan: LabPlan;
  /** Cache folder used. */
  cacheDir: string;
  /** Container rootfs folder used. */
  rootfs: string;
  /** apt proxy PID (root namespace). */
  aptProxyPid: number;
  /** apt relay PID (switch namespace), 0 if none. */
  aptRelayPid: number;
  /** Hosts by name. */
  hosts: Record<string, HostState>;
  /** When `up` finished (ISO), empty while coming up. */
  upAt: string;
}

/** The state in `file`, or null if there is none. */
export async function readState(file: string): Promise<LabState | null> {
  if (!existsSync(file)) return null;
  return JSON.parse(await readFile(file, 'utf8')) as LabState;
}

/** Writes the state atomically. */
export async function writeState(file: string, state: LabState): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(state, null, 2)}\n`, 0o600);
}
