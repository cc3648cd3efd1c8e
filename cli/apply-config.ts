// Fills the options not given on the command line from the config (TSIBLE_*/ANSIBLE_* variables, tsible.cfg, ansible.cfg, defaults).
import { existsSync } from 'node:fs';
import type { Config } from '../core/config/load-config.ts';
import type { CommonArgs } from './options.ts';
import type { VaultOptions } from '../core/vault/vault-sources.ts';

/** Options the config adds that have no flag of their own. */
export interface ConfiguredArgs extends CommonArgs {
  forks: number;
  /** remote_port. */
  port?: number;
  /** ssh_args. */
  sshArgs?: string;
}

/**
 * The vault password sources with the config's, in Ansible's order: vault_identity_list before the --vault-id
 * ones, vault_password_file (or $ANSIBLE_VAULT_PASSWORD_FILE) after the --vault-password-file ones.
 */
export function withVaultConfig<A extends VaultOptions>(a: A, config: Config): A {
  const v = config.values;
  const ids = (v.vault_identity_list ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  return {
    ...a,
    vaultId: [...ids, ...[a.vaultId ?? []].flat()],
    vaultPasswordFile: [...[a.vaultPasswordFile ?? []].flat(), ...(v.vault_password_file ? [v.vault_password_file] : [])],
  };
}

/**
 * `a` with every unset option taken from `config`: a flag always wins over the config (and inventory variables
 * win over both, later, in connectionFor). The default inventory (/etc/ansible/hosts) is used only if it exists.
 */
export function withConfig<A extends CommonArgs>(a: A, config: Config): A & ConfiguredArgs {
  const v = config.values;
  const inventory = a.inventory?.length ? a.inventory : config.origins.inventory === 'default' ? v.inventory.filter((p) => existsSync(p)) : v.inventory;
  const acceptNew = a.acceptNewHostKeys ?? v.accept_new_host_keys ?? (v.host_key_checking === false ? true : undefined);
  return {
    ...withVaultConfig(a, config),
    inventory,
    user: a.user ?? v.remote_user,
    privateKey: a.privateKey ?? v.private_key_file,
    port: v.remote_port,
    acceptNewHostKeys: acceptNew,
    forks: a.forks ?? v.forks,
    timeout: a.timeout ?? v.timeout,
    connection: a.connection ?? v.transport,
    askPass: a.askPass ?? v.ask_pass,
    become: a.become ?? v.become,
    becomeMethod: a.becomeMethod ?? v.become_method,
    becomeUser: a.becomeUser ?? v.become_user,
    askBecomePass: a.askBecomePass ?? v.become_ask_pass,
    sshArgs: v.ssh_args,
    sshCommonArgs: a.sshCommonArgs ?? v.ssh_common_args,
    sshExtraArgs: a.sshExtraArgs ?? v.ssh_extra_args,
    forceHandlers: a.forceHandlers ?? v.force_handlers,
  };
}
