// qemuArgs: TCG, no user-mode network, tap NICs with the given MACs, serial log and QMP in the workDir.
import { expect } from 'chai';
import { assignPciSlots } from '../../../lab/vm/pci-slots.ts';
import { qemuArgs } from '../../../lab/vm/qemu-args.ts';
import { vmPaths } from '../../../lab/vm/vm-state.ts';
import { sampleSpec } from './fixtures.ts';

describe('lab/vm qemuArgs', () => {
  const spec = sampleSpec();
  const args = qemuArgs(spec, '/c/vmlinuz', '/c/initrd.gz', vmPaths(spec.workDir), assignPciSlots(['enp0s3']));
  const values = (flag: string) => args.flatMap((a, i) => (args[i - 1] === flag ? [a] : []));

  it('emulates with TCG on qemu64, 512 MB by default, no default devices', () => {
    expect(values('-accel')).to.deep.equal(['tcg,tb-size=128']);
    expect(values('-cpu')).to.deep.equal(['qemu64']);
    expect(values('-m')).to.deep.equal(['512']);
    expect(args).to.include('-nodefaults');
  });
  it('has no user-mode networking: only the tap, with the given MAC in slot 3', () => {
    expect(values('-netdev')).to.deep.equal(['tap,id=nic0,ifname=vt-lb1-0,script=no,downscript=no']);
    expect(values('-device')).to.include('virtio-net-pci,netdev=nic0,mac=52:54:00:38:00:0b,addr=0x3');
    expect(args).not.to.include('-nic');
    expect(args.join(' ')).not.to.match(/netdev user|hostfwd|-net /);
  });
  it('boots the kernel directly from the throw-away overlay, with the seed disk read-only', () => {
    expect(values('-kernel')).to.deep.equal(['/c/vmlinuz']);
    expect(values('-drive')).to.deep.equal([
      'if=none,id=root,file=/var/lib/tsible/lab/lb1/disk.qcow2,format=qcow2,cache=unsafe,discard=unmap',
      'if=none,id=seed,file=/var/lib/tsible/lab/lb1/seed.img,format=raw,readonly=on',
    ]);
  });
  it('logs the serial console and opens QMP in the workDir, and daemonizes with a pid file', () => {
    expect(values('-serial')).to.deep.equal(['file:/var/lib/tsible/lab/lb1/console.log']);
    expect(values('-qmp')).to.deep.equal(['unix:/var/lib/tsible/lab/lb1/qmp.sock,server=on,wait=off']);
    expect(values('-pidfile')).to.deep.equal(['/var/lib/tsible/lab/lb1/qemu.pid']);
    expect(args.at(-1)).to.equal('-daemonize');
  });
  it('honours memoryMb', () => {
    const a = qemuArgs(sampleSpec({ memoryMb: 768 }), 'k', 'i', vmPaths('/w'), assignPciSlots(['enp0s3']));
    expect(a[a.indexOf('-m') + 1]).to.equal('768');
  });
});
