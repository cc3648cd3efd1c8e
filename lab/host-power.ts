// Powers one lab host on or off, whatever its kind (container: nspawn in its netns; vm: lab/vm), keeping its disk and keys.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { bootContainer, prepareContainer, stopContainer } from './container.ts';
import type { KeyPair } from './keys.ts';
import { etcHosts } from './outputs.ts';
import type { LabPaths } from './paths.ts';
import type { LabPlan, PlannedHost } from './plan.ts';
import { loadVmKind, vmSpec, vmWorkDir } from './vm-kind.ts';

/** What powering a host needs besides the host itself. */
export interface PowerContext {
  /** The plan. */
  plan: LabPlan;
  /** Lab paths. */
  paths: LabPaths;
  /** Container rootfs (empty when there are no container hosts). */
  rootfs: string;
}

/** A host's folder. */
export function hostDir(paths: LabPaths, name: string): string {
  return join(paths.hostsDir, name);
}

/** The host key the lab generated for `name` (stored in its folder at `up`). */
async function readHostKey(paths: LabPaths, name: string): Promise<KeyPair> {
  const f = join(hostDir(paths, name), 'ssh_host_ed25519_key');
  return { type: 'ed25519', privateKey: await readFile(f, 'utf8'), publicKey: (await readFile(`${f}.pub`, 'utf8')).trim() };
}

/** Boots the host (its network already exists); returns the PID of nspawn or qemu. */
export async function powerOn(ctx: PowerContext, host: PlannedHost): Promise<number> {
  const dir = hostDir(ctx.paths, host.name);
  const hostKey = await readHostKey(ctx.paths, host.name);
  const authorizedKeys = await readFile(`${ctx.paths.privateKey}.pub`, 'utf8');
  const hosts = etcHosts(ctx.plan, host);
  if (host.kind === 'vm') {
    const vm = await loadVmKind();
    const h = await vm.startVm(vmSpec(ctx.plan, host, { hostDir: dir, cacheDir: ctx.paths.cacheDir, hostKey, authorizedKeys, etcHosts: hosts }));
    return h.pid;
  }
  await prepareContainer(host, { dir, rootfs: ctx.rootfs, hostKey, authorizedKeys, etcHosts: hosts });
  return bootContainer(host, dir);
}

/**
 * Powers the host off, keeping its disk (container: systemd shutdown; vm: ACPI power-down, SIGKILL after a grace).
 * `hard`: no clean shutdown (vm: qemu killed at once, as a power cut; container: its init killed at once). Idempotent.
 */
export async function powerOff(ctx: PowerContext, host: PlannedHost, pid: number, hard = false): Promise<void> {
  const dir = hostDir(ctx.paths, host.name);
  if (host.kind === 'vm') {
    if (!existsSync(vmWorkDir(dir))) return;
    const vm = await loadVmKind();
    await vm.stopVm({ name: host.name, pid, workDir: vmWorkDir(dir) }, { keepDisk: true, ...(hard ? { graceMs: 0 } : {}) });
    return;
  }
  await stopContainer(host.name, pid, dir, hard ? 0 : undefined);
}
