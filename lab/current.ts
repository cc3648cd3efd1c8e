// Loads the running lab's state for a verb, and finds a host in it (clear errors when there is no lab or no such host).
import { ArgsError } from '../core/errors.ts';
import { LabError } from './lab-error.ts';
import { labPaths, type LabPaths } from './paths.ts';
import type { PlannedHost } from './plan.ts';
import { readState, type LabState } from './state.ts';
import type { LabOptions } from './up.ts';

/** The running lab: its state and paths. */
export interface CurrentLab {
  /** State as recorded. */
  state: LabState;
  /** Paths. */
  paths: LabPaths;
}

/** The running lab, or a LabError saying there is none. */
export async function currentLab(opts: LabOptions = {}): Promise<CurrentLab> {
  const paths = labPaths(opts);
  const state = await readState(paths.stateFile);
  if (!state) throw new LabError(`no lab is up (no ${paths.stateFile}); run \`tsible lab up TOPOLOGY\``);
  return { state, paths };
}

/** The planned host called `name`, or an ArgsError listing the lab's hosts. */
export function findHost(lab: CurrentLab, name: string): PlannedHost {
  const h = lab.state.plan.hosts.find((x) => x.name === name);
  if (!h) throw new ArgsError(`no host "${name}" in lab ${lab.state.plan.topology.name} (hosts: ${lab.state.plan.hosts.map((x) => x.name).join(', ')})`, { host: name });
  return h;
}
