// From parsed options to what a run needs: config, inventory, extra vars, connection defaults, reporter.
import { ArgsError } from '../core/errors.ts';
import type { RunReporter } from '../core/engine/events.ts';
import { RunInterrupt } from '../core/engine/interrupt.ts';
import type { RunSettings } from '../core/engine/run-context.ts';
import { BECOME_METHODS, type CliConnectionOptions } from '../core/transport/connection.ts';
import { parseExtraVars } from '../core/inventory/extra-vars.ts';
import { loadInventory } from '../core/inventory/load.ts';
import { parseSshArgs } from '../core/transport/ssh-args.ts';
import type { Inventory } from '../core/inventory/types.ts';
import type { ConfiguredArgs } from './apply-config.ts';
import { builtinModulesNamed } from './builtins.ts';
import type { CliIo } from './io.ts';
import type { CommonArgs } from './options.ts';
import { promptSecret } from './prompt-secret.ts';
import { vaultSecretsFor, type VaultOptions } from './vault-options.ts';

export { loadRunConfig } from './run-config.ts';

/** The inventory named by -i or the config (an empty one when neither names any). */
export async function inventoryFrom(a: Pick<CommonArgs, 'inventory'> & VaultOptions, cwd: string): Promise<Inventory> {
  return loadInventory(a.inventory ?? [], { cwd, vault: await vaultSecretsFor(a, cwd) });
}

export async function cliConnection(a: ConfiguredArgs): Promise<CliConnectionOptions> {
  const password = a.askPass ? await promptSecret('SSH password: ') : undefined;
  return {
    user: a.user, privateKey: a.privateKey, port: a.port, become: a.become, becomeUser: a.becomeUser, becomeMethod: a.becomeMethod,
    askBecomePass: a.askBecomePass ? await promptSecret(password ? 'BECOME password[defaults to SSH password]: ' : 'BECOME password: ').then((s) => (s.reveal() === '' && password ? password : s)) : undefined,
    password,
    connectTimeoutMs: a.timeout === undefined ? undefined : a.timeout * 1000,
    acceptNewHostKeys: a.acceptNewHostKeys,
    transport: a.connection === 'smart' ? undefined : a.connection,
    sshArgs: a.sshArgs, sshCommonArgs: a.sshCommonArgs, sshExtraArgs: a.sshExtraArgs,
  };
}

/** Option values yargs cannot check by type alone; called before anything is loaded or run. */
export function checkCommonArgs(a: CommonArgs): void {
  if (a.forks !== undefined && (!Number.isInteger(a.forks) || a.forks < 1)) throw new ArgsError('--forks must be a whole number of at least 1', { field: 'forks' });
  if (a.timeout !== undefined && !(a.timeout > 0)) throw new ArgsError('--timeout must be a positive number of seconds', { field: 'timeout' });
  if (a.connection !== undefined && !['ssh', 'smart', 'paramiko', 'paramiko_ssh', 'local'].includes(a.connection)) {
    throw new ArgsError(`connection type "${a.connection}" is not supported (tsible speaks ssh and local)`, { field: 'connection' });
  }
  if (a.becomeMethod !== undefined && !(BECOME_METHODS as readonly string[]).includes(a.becomeMethod)) {
    throw new ArgsError(`become method "${a.becomeMethod}" is not supported (tsible speaks ${BECOME_METHODS.join(' and ')})`, { field: 'become-method' });
  }
  const configured = a as Partial<ConfiguredArgs>;
  for (const [field, text] of [['ssh_args', configured.sshArgs], ['ssh-common-args', a.sshCommonArgs], ['ssh-extra-args', a.sshExtraArgs]] as const) {
    if (text) parseSshArgs(text, { field });
  }
}

export async function runSettings(a: ConfiguredArgs, o: { cwd: string; baseDir: string; file?: string; reporter: RunReporter; inventory: Inventory }): Promise<RunSettings> {
  checkCommonArgs(a);
  return {
    inventory: o.inventory, extraVars: parseExtraVars(a.extraVars ?? [], { cwd: o.cwd, vault: await vaultSecretsFor(a, o.cwd) }), limit: a.limit,
    check: !!a.check, diff: !!a.diff, verbosity: a.verbose ?? 0, forks: a.forks, baseDir: o.baseDir, file: o.file,
    cli: await cliConnection(a), transportOptions: {}, reporter: o.reporter, factsModule: (await builtinModulesNamed(['setup'])).setup, forceHandlers: a.forceHandlers,
    interrupt: new RunInterrupt().listen(), // closed by runPlaybook
  };
}
