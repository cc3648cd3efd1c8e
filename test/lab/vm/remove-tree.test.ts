// mountsUnder: finds what a killed build left mounted under its tree, deepest first, and nothing outside it.
import { expect } from 'chai';
import { mountsUnder } from '../../../lab/vm/remove-tree.ts';

const MOUNTINFO = [
  '22 1 252:1 / / rw,relatime shared:1 - ext4 /dev/vda rw',
  '90 22 0:5 / /c/vm-images-k.scratch/rootfs/proc rw - proc proc rw',
  '91 22 0:6 / /c/vm-images-k.scratch/rootfs/dev rw - tmpfs nodev rw',
  '92 91 0:7 /null /c/vm-images-k.scratch/rootfs/dev/null rw - devtmpfs udev rw',
  '93 22 0:8 / /c/vm-images-k.scratch2/x rw - proc proc rw',
  '94 22 0:9 / /c/with\\040space/scratch/sys rw - sysfs sys rw',
].join('\n');

describe('lab/vm mountsUnder', () => {
  it('lists the mounts strictly under the tree, deepest first', () => {
    expect(mountsUnder(MOUNTINFO, '/c/vm-images-k.scratch')).to.deep.equal([
      '/c/vm-images-k.scratch/rootfs/dev/null', '/c/vm-images-k.scratch/rootfs/proc', '/c/vm-images-k.scratch/rootfs/dev',
    ]);
  });
  it('does not take a sibling whose name merely starts the same', () => {
    expect(mountsUnder(MOUNTINFO, '/c/vm-images-k.scratch2/')).to.deep.equal(['/c/vm-images-k.scratch2/x']);
    expect(mountsUnder(MOUNTINFO, '/c')).to.have.length(5);
  });
  it('decodes escaped spaces', () => {
    expect(mountsUnder(MOUNTINFO, '/c/with space')).to.deep.equal(['/c/with space/scratch/sys']);
  });
});
