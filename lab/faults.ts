// Fault verbs: cut/heal a host's cables (bridge ports down/up) and power a host off/on, keeping its disk and identity.
import { ArgsError } from '../core/errors.ts';
import { currentLab, findHost } from './current.ts';
import { hostDir, powerOff, powerOn } from './host-power.ts';
import { isContainerPid } from './container.ts';
import { setPorts } from './network.ts';
import { requireRoot } from './require-root.ts';
import { writeState } from './state.ts';
import type { LabOptions } from './up.ts';
import { waitSsh, waitSshdBanner } from './wait-ssh.ts';

/** Pulls `host`'s cable on `network` (all its cables when omitted): its bridge port goes down. */
export async function labCut(host: string, network?: string, opts: LabOptions = {}): Promise<string[]> {
  requireRoot('cut');
  const lab = await currentLab(opts);
  const h = findHost(lab, host);
  const nics = network ? h.nics.filter((n) => n.network === network) : h.nics;
  if (network && !nics.length) {
    throw new ArgsError(`host ${host} has no NIC on network "${network}" (it has: ${h.nics.map((n) => n.network).join(', ')})`, { host, field: 'network' });
  }
  const ports = nics.map((n) => n.port);
  await setPorts(lab.state.plan, ports, true);
  const hs = lab.state.hosts[host];
  hs.cut = [...new Set([...hs.cut, ...ports])];
  await writeState(lab.paths.stateFile, lab.state);
  return nics.map((n) => n.network);
}

/** Plugs all of `host`'s cables back. */
export async function labHeal(host: string, opts: LabOptions = {}): Promise<void> {
  requireRoot('heal');
  const lab = await currentLab(opts);
  const h = findHost(lab, host);
  await setPorts(lab.state.plan, h.nics.map((n) => n.port), false);
  lab.state.hosts[host].cut = [];
  await writeState(lab.paths.stateFile, lab.state);
}

/** Powers `host` off (systemd shutdown, or at once with `hard`: a power cut; its disk is kept for `labStart`). Idempotent. */
export async function labStop(host: string, opts: LabOptions = {}, hard = false): Promise<void> {
  requireRoot('stop');
  const lab = await currentLab(opts);
  const h = findHost(lab, host);
  await powerOff({ plan: lab.state.plan, paths: lab.paths, rootfs: lab.state.rootfs }, h, lab.state.hosts[host].pid, hard);
  lab.state.hosts[host].pid = 0;
  await writeState(lab.paths.stateFile, lab.state);
}

/** Powers `host` on again and waits for SSH; does nothing if it runs. */
export async function labStart(host: string, opts: LabOptions = {}): Promise<void> {
  requireRoot('start');
  const lab = await currentLab(opts);
  const h = findHost(lab, host);
  if (await hostRunning(lab.state.hosts[host].pid, h.kind, hostDir(lab.paths, host))) return;
  lab.state.hosts[host].pid = await powerOn({ plan: lab.state.plan, paths: lab.paths, rootfs: lab.state.rootfs }, h);
  await writeState(lab.paths.stateFile, lab.state);
  if (h.kind === 'vm' && lab.state.hosts[host].cut.length) await setPorts(lab.state.plan, lab.state.hosts[host].cut, true); // new taps: cut again
  const sshPort = h.nics.find((n) => n.address === h.sshAddress)!.port;
  if (lab.state.hosts[host].cut.includes(sshPort)) return; // its SSH cable is pulled: nothing can answer until `lab heal`
  if (h.kind === 'container' && h.jump) await waitSshdBanner(h.netns, h.sshAddress, 60_000);
  const viaVm = h.kind !== 'container' && lab.state.plan.hosts.find((j) => j.name === h.jumpHost)?.kind === 'vm';
  await waitSsh(lab.paths.sshConfig, host, h.kind === 'vm' || viaVm ? 300_000 : 60_000, viaVm ? 30 : 10);
}

/** True while the host's nspawn/qemu process runs. */
export async function hostRunning(pid: number, kind: 'container' | 'vm', dir: string): Promise<boolean> {
  if (pid <= 0) return false;
  if (kind === 'container') return isContainerPid(pid, dir);
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
