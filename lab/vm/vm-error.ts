// The error a VM operation fails with: names the VM or the build step, keeps the cause.
import { TsibleError } from '../../core/errors.ts';

/** Building images, starting or stopping a VM failed. */
export class VmError extends TsibleError {
  override name = 'VmError';
}
