// Test support for the lab drills (test/drill/drills-*.ts): a drill's fault context on a test lab, its faults through lab/.
import { dirname } from 'node:path';
import { loadInventory } from '../../core/inventory/load.ts';
import type { FaultContext } from '../../drill/faults.ts';
import { Remote } from '../../drill/remote.ts';
import { labControl } from '../../drill/lab-control.ts';
import type { LabFixture } from './lab.ts';

/** The fault context of a drill against `vip` on `lab`: SSH through its inventory, cables and power through its state dir. Close `remote` after. */
export async function labDrillContext(lab: LabFixture, vip: string): Promise<FaultContext> {
  const stateDir = dirname(lab.inventory);
  return { remote: new Remote(await loadInventory([lab.inventory])), vip, lab: await labControl(stateDir) };
}
