// Options shared by `tsible play` and ad hoc runs, and how they become run settings.
import type { Argv } from 'yargs';
import { vaultOptions, type VaultOptions } from './vault-options.ts';

export interface CommonArgs extends VaultOptions {
  inventory?: string[];
  limit?: string;
  user?: string;
  privateKey?: string;
  become?: boolean;
  becomeUser?: string;
  askBecomePass?: boolean;
  forks: number;
  extraVars?: string[];
  check?: boolean;
  diff?: boolean;
  verbose: number;
  json?: boolean;
  acceptNewHostKeys?: boolean;
  timeout?: number;
  modulePath?: string[];
}

/** Default number of hosts worked on at once: SSH work is I/O, so higher than Ansible's 5. */
export const DEFAULT_FORKS = 50;

export function commonOptions<T>(y: Argv<T>): Argv<T & CommonArgs> {
  return vaultOptions(y)
    .option('inventory', { alias: 'i', type: 'string', array: true, describe: 'inventory file or folder (repeatable; default $TSIBLE_INVENTORY)' })
    .option('limit', { alias: 'l', type: 'string', describe: 'further limit the hosts to a pattern' })
    .option('user', { alias: 'u', type: 'string', describe: 'connect as this user' })
    .option('private-key', { type: 'string', describe: 'SSH private key file' })
    .option('become', { alias: 'b', type: 'boolean', describe: 'run commands with sudo' })
    .option('become-user', { type: 'string', describe: 'sudo to this user (default root)' })
    .option('ask-become-pass', { alias: 'K', type: 'boolean', describe: 'ask for the sudo password' })
    .option('forks', { alias: 'f', type: 'number', default: DEFAULT_FORKS, describe: 'hosts worked on at once' })
    .option('extra-vars', { alias: 'e', type: 'string', array: true, describe: 'variables: k=v, JSON, or @file (highest precedence; repeatable)' })
    .option('check', { alias: 'C', type: 'boolean', describe: 'show what would change, change nothing' })
    .option('diff', { alias: 'D', type: 'boolean', describe: 'show file changes' })
    .option('verbose', { alias: 'v', type: 'count', describe: 'more output (-v shows each result)' })
    .option('json', { type: 'boolean', describe: 'print one JSON document of results instead' })
    .option('accept-new-host-keys', { type: 'boolean', describe: 'accept and record unknown SSH host keys (a changed key is always refused)' })
    .option('timeout', { alias: 'T', type: 'number', describe: 'SSH connect timeout in seconds (default 10)' })
    .option('module-path', { alias: 'M', type: 'string', array: true, describe: 'extra folders of user modules' }) as unknown as Argv<T & CommonArgs>;
}
