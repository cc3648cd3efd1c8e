// The lab's error: a TsibleError naming the lab host (or topology file and field) that failed.
import { TsibleError } from '../core/errors.ts';

/** A lab operation failed (a command, a host that did not come up, teardown leftovers). */
export class LabError extends TsibleError {
  override name = 'LabError';
}
