// Options shared by `tsible play` and ad hoc runs, and how they become run settings.
import type { Argv } from 'yargs';
import { DEFAULT_FORKS } from '../core/config/settings.ts';
import { vaultOptions, type VaultOptions } from './vault-options.ts';

export { DEFAULT_FORKS };

export interface CommonArgs extends VaultOptions {
  inventory?: string[];
  limit?: string;
  user?: string;
  privateKey?: string;
  /** -c / --connection: ssh (smart, paramiko) or local. */
  connection?: string;
  /** -k / --ask-pass. */
  askPass?: boolean;
  become?: boolean;
  becomeMethod?: string;
  becomeUser?: string;
  askBecomePass?: boolean;
  /** Unset until the config fills it (see apply-config.ts). */
  forks?: number;
  extraVars?: string[];
  check?: boolean;
  diff?: boolean;
  verbose: number;
  json?: boolean;
  acceptNewHostKeys?: boolean;
  timeout?: number;
  sshCommonArgs?: string;
  sshExtraArgs?: string;
  /** --force-handlers: run notified handlers on hosts that failed too. */
  forceHandlers?: boolean;
  modulePath?: string[];
}

export function commonOptions<T>(y: Argv<T>): Argv<T & CommonArgs> {
  return vaultOptions(y)
    .option('inventory', { alias: ['i', 'inventory-file'], type: 'string', array: true, describe: 'inventory file or folder (repeatable; default from the config: see tsible config dump)' })
    .option('limit', { alias: 'l', type: 'string', describe: 'further limit the hosts to a pattern' })
    .option('user', { alias: 'u', type: 'string', describe: 'connect as this user (ansible_user in the inventory wins)' })
    .option('private-key', { alias: 'key-file', type: 'string', describe: 'SSH private key file' })
    .option('connection', { alias: 'c', type: 'string', describe: 'connection type: ssh (also smart, paramiko) or local' })
    .option('ask-pass', { alias: 'k', type: 'boolean', describe: 'ask for the SSH login password' })
    .option('become', { alias: 'b', type: 'boolean', describe: 'run commands as another user (sudo by default)' })
    .option('become-method', { type: 'string', describe: 'sudo or su' })
    .option('become-user', { type: 'string', describe: 'become this user (default root)' })
    .option('ask-become-pass', { alias: 'K', type: 'boolean', describe: 'ask for the become password' })
    .option('forks', { alias: 'f', type: 'number', describe: `hosts worked on at once (default ${DEFAULT_FORKS})` })
    .option('extra-vars', { alias: 'e', type: 'string', array: true, describe: 'variables: k=v, JSON, or @file (highest precedence; repeatable)' })
    .option('check', { alias: 'C', type: 'boolean', describe: 'show what would change, change nothing' })
    .option('diff', { alias: 'D', type: 'boolean', describe: 'show file changes' })
    .option('verbose', { alias: 'v', type: 'count', describe: 'more output (-v shows each result)' })
    .option('json', { type: 'boolean', describe: 'print one JSON document of results instead' })
    .option('accept-new-host-keys', { type: 'boolean', describe: 'accept and record unknown SSH host keys (a changed key is always refused)' })
    .option('timeout', { alias: 'T', type: 'number', describe: 'SSH connect timeout in seconds (default 10)' })
    .option('ssh-common-args', { type: 'string', describe: 'ssh options for every host (ansible_ssh_common_args wins)' })
    .option('ssh-extra-args', { type: 'string', describe: 'more ssh options (ansible_ssh_extra_args wins)' })
    .option('force-handlers', { type: 'boolean', describe: 'run notified handlers even on hosts that failed' })
    .option('module-path', { alias: 'M', type: 'string', array: true, describe: 'extra folders of user modules' }) as unknown as Argv<T & CommonArgs>;
}
