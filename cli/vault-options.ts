// The vault options of play, ad hoc, inventory and vault commands, and the passwords they give (loaded once per command).
import type { Argv } from 'yargs';
import type { VaultOptions } from '../core/vault/vault-sources.ts';
import type { VaultSecrets } from '../core/vault/vault-secrets.ts';

export type { VaultOptions };

/** Adds --vault-id, --vault-password-file and --ask-vault-pass (names and aliases as Ansible's). */
export function vaultOptions<T>(y: Argv<T>): Argv<T & VaultOptions> {
  // Not `array: true`: that would swallow the file names after the option. Repeating the option collects values.
  return y
    .option('vault-id', { type: 'string', describe: 'a vault password: [LABEL@]FILE, SCRIPT or prompt (repeatable)' })
    .option('vault-password-file', { alias: 'vault-pass-file', type: 'string', describe: 'vault password file, or a script printing it (repeatable; default $ANSIBLE_VAULT_PASSWORD_FILE)' })
    .option('ask-vault-pass', { alias: ['J', 'ask-vault-password'], type: 'boolean', describe: 'ask for the vault password' }) as unknown as Argv<T & VaultOptions>;
}

/** The option values as lists (one value or several). */
export function normalizeVaultOptions(a: VaultOptions): VaultOptions {
  const list = (v: unknown): string[] | undefined => (v === undefined ? undefined : ([] as unknown[]).concat(v).map(String));
  return { vaultId: list(a.vaultId), vaultPasswordFile: list(a.vaultPasswordFile), askVaultPass: a.askVaultPass };
}

const loaded = new WeakMap<object, Promise<VaultSecrets>>();

/**
 * The vault passwords of a command's options (the config's merged in by withVaultConfig), read once per
 * options object: prompts are asked once even when several steps need the passwords.
 */
export function vaultSecretsFor(a: VaultOptions, cwd: string, o: { autoPrompt?: boolean; newPassword?: boolean } = {}): Promise<VaultSecrets> {
  let p = loaded.get(a);
  if (!p) {
    // The vault code (ciphers, password sources, prompts) loads on first use: --help and a run without vaults never load it.
    p = Promise.all([import('../core/vault/vault-sources.ts'), import('./prompt-secret.ts')]).then(([{ vaultSources, loadVaultSecrets }, { promptSecret }]) =>
      loadVaultSecrets(vaultSources(normalizeVaultOptions(a), o.autoPrompt), { cwd, prompt: (q) => promptSecret(q), newPassword: o.newPassword }));
    loaded.set(a, p);
  }
  return p;
}
