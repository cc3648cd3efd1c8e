// Which vault passwords a command has, from its options (the config's vault settings already merged in), in Ansible's order; loads them once.
import { PROMPT_SOURCES, loadVaultPassword, parseVaultIdSpec, type PasswordSourceOptions, type VaultIdSpec } from './password-source.ts';
import { DEFAULT_VAULT_ID } from './envelope.ts';
import { VaultSecrets, type VaultPassword } from './vault-secrets.ts';

/** The vault options of a command (`tsible play`, ad hoc, `inventory`, `vault`). */
export interface VaultOptions {
  /** --vault-id [label@]source, repeatable. */
  vaultId?: string[];
  /** --vault-password-file FILE, repeatable (each is the id "default"). */
  vaultPasswordFile?: string[];
  /** --ask-vault-pass. */
  askVaultPass?: boolean;
}

/**
 * The password sources, in Ansible's order: each vault id, then each password file (id "default"), then a
 * prompt for --ask-vault-pass, or when
 * `autoPrompt` and nothing else was given (what `ansible-vault` does).
 */
export function vaultSources(o: VaultOptions, autoPrompt = false): VaultIdSpec[] {
  const specs = (o.vaultId ?? []).map(parseVaultIdSpec);
  for (const f of o.vaultPasswordFile ?? []) specs.push({ id: DEFAULT_VAULT_ID, source: f });
  if (o.askVaultPass || (autoPrompt && specs.length === 0)) specs.push({ id: DEFAULT_VAULT_ID, source: PROMPT_SOURCES[1] });
  return specs;
}

/** Loads every source in order (a password file may be encrypted with a password loaded before it). */
export async function loadVaultSecrets(specs: VaultIdSpec[], o: PasswordSourceOptions): Promise<VaultSecrets> {
  const loaded: VaultPassword[] = [];
  for (const spec of specs) loaded.push(await loadVaultPassword(spec, { ...o, known: new VaultSecrets([...loaded]) }));
  return new VaultSecrets(loaded);
}
