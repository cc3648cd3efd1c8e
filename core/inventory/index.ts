// The inventory's public API: loading, host patterns, extra vars, and --list/--graph rendering.
export type { Inventory, InventoryGroup, InventoryHost, Vars } from './types.ts';
export { loadInventory, type LoadOptions } from './load.ts';
export { selectHosts, implicitLocalhost, LOCALHOST_NAMES, type SelectOptions } from './pattern.ts';
export { parseExtraVars, type ExtraVarsOptions } from './extra-vars.ts';
export { combineVars } from './clone-vars.ts';
export { renderInventoryList } from './render-list.ts';
export { renderInventoryGraph } from './render-graph.ts';
export { defineInventory, env, secretEnv, secret, type InventorySpec, type GroupSpec, type HostVars, type ConnectionVars } from './define.ts';
export { isSecretName } from './secret-vars.ts';
export { magicVars, groupsMap, type InventoryMagicVars } from './magic-vars.ts';
