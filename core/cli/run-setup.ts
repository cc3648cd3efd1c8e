// From parsed options to what a run needs: inventory, extra vars, connection defaults, reporter.
import { ArgsError } from '../errors.ts';
import type { RunReporter } from '../engine/events.ts';
import type { RunSettings } from '../engine/run-context.ts';
import type { CliConnectionOptions } from '../inventory/connection.ts';
import { parseExtraVars } from '../inventory/extra-vars.ts';
import { loadInventory } from '../inventory/load.ts';
import type { Inventory } from '../inventory/types.ts';
import type { CommonArgs } from './options.ts';
import { promptSecret } from './prompt-secret.ts';
import { vaultSecretsFor } from './vault-options.ts';

export async function inventoryFrom(a: CommonArgs, cwd: string): Promise<Inventory> {
  const paths = a.inventory?.length ? a.inventory : process.env.TSIBLE_INVENTORY ? process.env.TSIBLE_INVENTORY.split(':') : [];
  return loadInventory(paths, { cwd, vault: await vaultSecretsFor(a, cwd) });
}

export async function cliConnection(a: CommonArgs): Promise<CliConnectionOptions> {
  return {
    user: a.user, privateKey: a.privateKey, become: a.become, becomeUser: a.becomeUser,
    askBecomePass: a.askBecomePass ? await promptSecret('BECOME password: ') : undefined,
    connectTimeoutMs: a.timeout === undefined ? undefined : a.timeout * 1000,
    acceptNewHostKeys: a.acceptNewHostKeys,
  };
}

/** Option values yargs cannot check by type alone; called before anything is loaded or run. */
export function checkCommonArgs(a: CommonArgs): void {
  if (!Number.isInteger(a.forks) || a.forks < 1) throw new ArgsError('--forks must be a whole number of at least 1', { field: 'forks' });
  if (a.timeout !== undefined && !(a.timeout > 0)) throw new ArgsError('--timeout must be a positive number of seconds', { field: 'timeout' });
}

export async function runSettings(a: CommonArgs, o: { cwd: string; baseDir: string; file?: string; reporter: RunReporter; inventory: Inventory }): Promise<RunSettings> {
  checkCommonArgs(a);
  return {
    inventory: o.inventory, extraVars: parseExtraVars(a.extraVars ?? [], { cwd: o.cwd, vault: await vaultSecretsFor(a, o.cwd) }), limit: a.limit,
    check: !!a.check, diff: !!a.diff, forks: a.forks, baseDir: o.baseDir, file: o.file,
    cli: await cliConnection(a), transportOptions: {}, reporter: o.reporter,
  };
}
