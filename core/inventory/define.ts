// defineInventory(): the typed way to write an inventory as a .ts file (default export), with secret() and env() helpers.
import { ArgsError } from '../errors.ts';
import { Secret, secret } from '../secret.ts';
import type { Vars } from './types.ts';

export { secret };

/** Connection variables tsible understands (see docs/inventory.md); typed here so mistakes fail type-checking. */
export interface ConnectionVars {
  tsible_host?: string;
  tsible_port?: number;
  tsible_user?: string;
  tsible_key_file?: string | string[];
  tsible_password?: string | Secret;
  tsible_connection?: 'ssh' | 'local';
  /** Jump hosts, outermost first: inventory host names or [user@]host[:port]. */
  tsible_jump?: string | string[];
  tsible_known_hosts?: string | string[];
  /** An ssh_config file to read for this host. */
  tsible_ssh_config?: string;
  tsible_accept_new_host_keys?: boolean;
  tsible_become?: boolean;
  tsible_become_user?: string;
  tsible_become_password?: string | Secret;
  /** Connect timeout in seconds. */
  tsible_timeout?: number;
  /** Per-command timeout in seconds. */
  tsible_command_timeout?: number;
  ansible_host?: string;
  ansible_port?: number | string;
  ansible_user?: string;
  ansible_ssh_private_key_file?: string;
  ansible_password?: string | Secret;
  ansible_ssh_pass?: string | Secret;
  ansible_connection?: 'ssh' | 'local' | 'smart' | 'paramiko';
  ansible_become?: boolean | string;
  ansible_become_user?: string;
  ansible_become_password?: string | Secret;
  ansible_become_pass?: string | Secret;
  ansible_ssh_common_args?: string;
  ansible_ssh_extra_args?: string;
  ansible_group_priority?: number;
}

/** A host's variables: the connection variables above (type-checked) and any others. */
export type HostVars = ConnectionVars & Vars;

/** One group of a TypeScript inventory. */
export interface GroupSpec {
  /** Member hosts: names (their variables set under the top-level `hosts`, or none), or a map of name → variables. Ranges like web[1:3] expand. */
  hosts?: readonly string[] | Record<string, HostVars | null>;
  /** Child groups (each must be defined under `groups`). */
  children?: readonly string[];
  /** Variables of every host in the group. */
  vars?: HostVars;
}

/** A whole TypeScript inventory: what the file's default export holds. */
export interface InventorySpec {
  /** Variables of group `all` (every host). */
  vars?: HostVars;
  /** Hosts and their own variables; a host in no group is in `ungrouped`. */
  hosts?: Record<string, HostVars | null>;
  /** Groups by name. */
  groups?: Record<string, GroupSpec>;
}

/** What a TypeScript inventory may export as default: the spec, or a (possibly async) function returning it. */
export type InventoryExport = InventorySpec | (() => InventorySpec | Promise<InventorySpec>);

/** Declares a TypeScript inventory: `export default defineInventory({hosts: …, groups: …})`. Returns its argument, type-checked. */
export function defineInventory<T extends InventoryExport>(spec: T): T {
  return spec;
}

/** The value of environment variable `name`, or an ArgsError naming it (for values kept out of the inventory file). */
export function env(name: string): string {
  const v = process.env[name];
  if (v === undefined) throw new ArgsError(`environment variable ${name} is not set`, { field: name });
  return v;
}

/** A secret read from environment variable `name` (ArgsError if unset); it prints as ***. */
export function secretEnv(name: string): Secret {
  return secret(env(name));
}
