// The built-in modules: one export per module (its typed task builder) and its argument type; plus shared facts.
export { apt, type AptArgs } from './apt.ts';
export { assert, AssertionFailed, type AssertArgs } from './assert.ts';
export { command, type CommandArgs } from './command.ts';
export { copy, type CopyArgs } from './copy.ts';
export { debug, type DebugArgs } from './debug.ts';
export { fail, type FailArgs } from './fail.ts';
export { file, type FileArgs, type FileState } from './file.ts';
export { group, type GroupArgs } from './group.ts';
export { hostname, type HostnameArgs } from './hostname.ts';
export { ipvsadm, type IpvsadmArgs, type IpvsServiceArgs, type IpvsRealServerArgs, type IpvsadmDefaults } from './ipvsadm.ts';
export { ldirectord, type LdirectordArgs } from './ldirectord.ts';
export { lineinfile, type LineinfileArgs } from './lineinfile.ts';
export { ping, type PingArgs } from './ping.ts';
export { service, type ServiceArgs } from './service.ts';
export { setup, type SetupArgs } from './setup.ts';
export { setFact, type SetFactArgs } from './set-fact.ts';
export { shell, type ShellArgs } from './shell.ts';
export { stat, type StatArgs } from './stat.ts';
export { sysctl, type SysctlArgs } from './sysctl.ts';
export { template, type TemplateArgs } from './template.ts';
export { uri, type UriArgs } from './uri.ts';
export { user, type UserArgs } from './user.ts';
export { waitFor, type WaitForArgs } from './wait-for.ts';
/** The setup facts as a FactDefinition, for plugin modules: `await ctx.facts.get(hostFacts)` (one cached read per host). */
export { hostFacts, type HostFacts } from './facts/host-facts.ts';
