// `lab status`: the running lab's hosts, kinds, addresses, power and cable state, and where its outputs are.
import { currentLab } from './current.ts';
import { hostRunning } from './faults.ts';
import { hostDir } from './host-power.ts';
import { labPaths } from './paths.ts';
import { readState } from './state.ts';
import type { LabOptions } from './up.ts';

/** One host's status. */
export interface HostStatus {
  /** Name. */
  name: string;
  /** container or vm. */
  kind: 'container' | 'vm';
  /** Addresses as network=address. */
  addresses: string[];
  /** Its process runs. */
  running: boolean;
  /** Networks whose cable is cut. */
  cut: string[];
  /** Jump host, if any. */
  jump?: string;
}

/** The lab's status, or null when no lab is up. */
export async function labStatus(opts: LabOptions = {}): Promise<{ topology: string; upAt: string; inventory: string; sshConfig: string; hosts: HostStatus[] } | null> {
  if (!(await readState(labPaths(opts).stateFile))) return null;
  const { state, paths } = await currentLab(opts);
  const hosts = await Promise.all(state.plan.hosts.map(async (h): Promise<HostStatus> => ({
    name: h.name, kind: h.kind, addresses: h.nics.map((n) => `${n.ifname}=${n.address}/${n.prefix}`),
    running: await hostRunning(state.hosts[h.name].pid, h.kind, hostDir(paths, h.name)),
    cut: h.nics.filter((n) => state.hosts[h.name].cut.includes(n.port)).map((n) => n.network), jump: h.jumpHost,
  })));
  return { topology: state.plan.topology.name, upAt: state.upAt, inventory: paths.inventory, sshConfig: paths.sshConfig, hosts };
}
