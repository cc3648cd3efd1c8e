// The lab's programmatic API: build the tutorial's machines as real hosts on this box, break them, tear them down.
export { labUp, type LabInfo, type LabOptions, type LabUpOptions } from './up.ts';
export { labDown } from './down.ts';
export { labStatus, type HostStatus } from './status.ts';
export { labCut, labHeal, labStart, labStop } from './faults.ts';
export { labPrune } from './prune.ts';
export { sshArgv } from './access.ts';
export { renderDiagram } from './diagram.ts';
export { labPaths, type LabPaths, DEFAULT_CACHE_DIR, DEFAULT_STATE_DIR } from './paths.ts';
export { loadTopology } from './topology/load.ts';
export { validateTopology } from './topology/validate.ts';
export { BUILTIN_TOPOLOGIES } from './topology/builtin.ts';
export type { Topology, TopologyHost, TopologyNetwork, TopologyNic, FloatingAddress, HostKind } from './topology/types.ts';
export type { LabPlan, PlannedHost, PlannedNetwork } from './plan.ts';
export { LabError } from './lab-error.ts';
