// lab/vm's commands: the lab's one process runner (lab/run.ts), failing with a VmError.
import { run as runCommand, type RunOptions, type RunResult } from '../run.ts';
import { VmError } from './vm-error.ts';

/** Runs `argv[0]` with the rest as arguments; rejects with a VmError naming the command on failure. */
export function run(argv: readonly string[], opts: Omit<RunOptions, 'errorType'> = {}): Promise<RunResult> {
  return runCommand(argv, { ...opts, errorType: VmError });
}
