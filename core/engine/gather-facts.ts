// The implicit first task of a play with `gatherFacts: true`: the setup module, its facts registered as host variables.
import { TsibleError } from '../errors.ts';
import type { Module } from '../module.ts';
import type { Task } from '../task.ts';
import { SETUP_REGISTER } from './run-task.ts';

/** A task running `setup` (the run's facts module, given by the application layer) whose facts become host variables. */
export function gatherFactsTask(setup: Module | undefined): Task {
  if (!setup) throw new TsibleError('gatherFacts needs the setup module, which is not installed');
  return { module: setup, args: {}, name: 'Gathering Facts', register: SETUP_REGISTER };
}
