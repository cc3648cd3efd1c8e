// A drill's lab faults (power, cables) through lab/, which only a drill on a lab's inventory loads.
import { ArgsError } from '../core/errors.ts';
import { inSubnet, parseIp, parseSubnet } from '../core/ipv4.ts';
import type { LabControl } from './faults.ts';

/** The lab's power and cables for the faults, through lab/ (loaded here only: a drill on real hosts never loads it). */
export async function labControl(stateDir: string): Promise<LabControl> {
  const lab = await import('../lab/faults.ts');
  const { currentLab } = await import('../lab/current.ts');
  const o = { stateDir };
  return {
    cut: async (h) => { await lab.labCut(h, undefined, o); },
    cutNetworkOf: async (h, address) => {
      const ip = parseIp(address);
      const network = (await currentLab(o)).state.plan.networks.find((n) => ip !== null && inSubnet(ip, parseSubnet(n.subnet)!));
      if (!network) throw new ArgsError(`no lab network holds ${address}`, { field: 'vip' });
      await lab.labCut(h, network.name, o);
      return network.name;
    },
    heal: (h) => lab.labHeal(h, o),
    powerOff: (h) => lab.labStop(h, o, true),
    powerOn: (h) => lab.labStart(h, o),
  };
}
