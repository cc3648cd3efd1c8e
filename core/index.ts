// tsible's public API: the playbook DSL, the module contract, secrets, inventory helpers and the engine entry points.
export { playbook, flushHandlers } from './task.ts';
export type { Play, Playbook, Task, TaskOptions, TaskResultData, HostVars, ArgsOf, ModuleCall, FlushHandlers } from './task.ts';
export { defineModule, isModule } from './module.ts';
export type { Module, ModuleDefinition, ModuleContext, ModuleDoc, Change, Step, StepResult, FileDiff } from './module.ts';
export type { ArgSpec, ArgSpecs, ArgType } from './args.ts';
export type { FactDefinition, FactCache } from './facts.ts';
export { Secret, secret, isSecret } from './secret.ts';
export { quoteWord, toShell, toDisplay, type Command, type Arg } from './quote.ts';
export { TsibleError, ArgsError, ConnectError, HostKeyError, FactError, CommandError, TimeoutError, type ErrorLocation } from './errors.ts';
export { defineInventory, env, secretEnv } from './inventory/index.ts';
export { VaultSecrets, VaultError, isVaultText } from './vault/index.ts';
export { runModule, prepareArgs, type ModuleRun, type RunModuleInput } from './engine/run-module.ts';
