// The implicit first task of a play with `gatherFacts: true`: the setup module, its facts registered as host variables.
import { TsibleError } from '../errors.ts';
import { isModule } from '../module.ts';
import type { Task } from '../task.ts';
import { SETUP_REGISTER } from './run-task.ts';

/** A task running the built-in `setup` module whose facts become host variables. */
export async function gatherFactsTask(): Promise<Task> {
  const builtins = (await import('../../modules/index.ts')) as Record<string, unknown>;
  const setup = builtins.setup;
  if (!isModule(setup)) throw new TsibleError('gatherFacts needs the setup module, which is not installed');
  return { module: setup, args: {}, name: 'Gathering Facts', register: SETUP_REGISTER };
}
