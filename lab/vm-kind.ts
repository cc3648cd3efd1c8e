// Adapter to lab/vm: turns a planned host into a VmSpec and starts/stops it (the VM host kind is pluggable through here).
import { join } from 'node:path';
import type { KeyPair } from './keys.ts';
import type { LabPlan, PlannedHost } from './plan.ts';

/** The VM kind's functions (lab/vm/index.ts), loaded only when a topology has VM hosts. */
export type VmKind = typeof import('./vm/index.ts');

/** Loads lab/vm. */
export function loadVmKind(): Promise<VmKind> {
  return import('./vm/index.ts');
}

/** Folder lab/vm uses for one VM (overlay, seed, console.log, QMP socket). */
export function vmWorkDir(hostDir: string): string {
  return join(hostDir, 'vm');
}

/** The VmSpec of a planned VM host. */
export function vmSpec(plan: LabPlan, host: PlannedHost, o: { hostDir: string; cacheDir: string; hostKey: KeyPair; authorizedKeys: string; etcHosts: string }): import('./vm/index.ts').VmSpec {
  return {
    name: host.name, hostname: host.hostname,
    nics: host.nics.map((n) => ({
      netns: plan.switchNetns, bridge: plan.networks.find((x) => x.name === n.network)!.bridge, tap: n.port,
      mac: n.mac, ifname: n.ifname, addresses: [`${n.address}/${n.prefix}`],
    })),
    gateway: host.gateway, authorizedKeys: o.authorizedKeys,
    hostKeys: [{ type: o.hostKey.type, privateKey: o.hostKey.privateKey, publicKey: o.hostKey.publicKey }],
    etcHosts: o.etcHosts, aptProxy: host.aptProxy, memoryMb: host.memoryMb, workDir: vmWorkDir(o.hostDir), cacheDir: o.cacheDir,
    ...(process.env.TSIBLE_LAB_VM_NIC ? { nicModel: process.env.TSIBLE_LAB_VM_NIC as 'virtio-net-pci' | 'e1000' } : {}),
  };
}
