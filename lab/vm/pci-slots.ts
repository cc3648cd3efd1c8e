// Places the VM's PCI devices: a NIC named enp0sN sits in slot N (as on VirtualBox), the rest in free slots.
import { ArgsError } from '../../core/errors.ts';

/** PCI slot of every device of a VM on q35's bus 0. */
export interface PciSlots {
  /** Slot of each NIC, in spec order. */
  nics: number[];
  /** Root disk (lowest disk slot, so the guest sees it as /dev/vda). */
  root: number;
  /** Seed disk (/dev/vdb). */
  seed: number;
  /** virtio-rng (entropy for sshd at boot). */
  rng: number;
}

/** q35 keeps slot 0 (host bridge) and 0x1f (ICH9 LPC/SATA/SMBus). */
const FIRST = 1;
const LAST = 0x1e;

/** Assigns slots; ArgsError when two NICs want one slot or slots run out. */
export function assignPciSlots(ifnames: string[], host?: string): PciSlots {
  const taken = new Set<number>();
  const wanted = ifnames.map((n, i) => {
    const m = /^enp0s(\d+)$/.exec(n);
    if (!m) return null;
    const slot = Number(m[1]);
    if (slot < FIRST || slot > LAST) return null;
    if (taken.has(slot)) throw new ArgsError(`two NICs want PCI slot ${slot}`, { host, field: `nics[${i}].ifname` });
    taken.add(slot);
    return slot;
  });
  const next = (): number => {
    for (let s = FIRST + 1; s <= LAST; s++) {
      if (!taken.has(s)) {
        taken.add(s);
        return s;
      }
    }
    throw new ArgsError('no free PCI slot left', { host, field: 'nics' });
  };
  const root = next();
  const seed = next();
  const rng = next();
  const nics = wanted.map((s) => s ?? next());
  return { nics, root, seed, rng };
}
