// The lab's VM host kind: QEMU/TCG guests booting Debian's own kernel (with IPVS), on lab bridges.
export type { VmHandle, VmHostKey, VmNic, VmSpec } from './types.ts';
export { vmSupportReason } from './support.ts';
export { prepareVmImages } from './prepare.ts';
export { startVm } from './start.ts';
export { stopVm, type StopOptions } from './stop.ts';
export { VmError } from './vm-error.ts';
