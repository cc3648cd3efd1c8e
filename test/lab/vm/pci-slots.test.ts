// assignPciSlots: enp0sN NICs land in slot N; disks get the lowest free slots, root before seed.
import { expect } from 'chai';
import { ArgsError } from '../../../core/errors.ts';
import { assignPciSlots } from '../../../lab/vm/pci-slots.ts';

describe('lab/vm assignPciSlots', () => {
  it('puts enp0s3 and enp0s8 in slots 3 and 8, like VirtualBox', () => {
    expect(assignPciSlots(['enp0s3', 'enp0s8'])).to.deep.equal({ nics: [3, 8], root: 2, seed: 4, rng: 5 });
  });
  it('gives other names free slots after the disks', () => {
    expect(assignPciSlots(['eth0', 'enp0s2'])).to.deep.equal({ nics: [6, 2], root: 3, seed: 4, rng: 5 });
  });
  it('keeps the root disk in a lower slot than the seed disk (so it is /dev/vda)', () => {
    const s = assignPciSlots(['enp0s2', 'enp0s4']);
    expect(s.root).to.be.lessThan(s.seed);
  });
  it('refuses two NICs in one slot', () => {
    expect(() => assignPciSlots(['enp0s3', 'enp0s03'], 'lb1')).to.throw(ArgsError, /slot 3/);
  });
});
