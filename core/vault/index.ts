// The vault's public API: Ansible-compatible vault text (1.1 and 1.2 with ids), passwords by vault id, password sources.
export { VaultSecrets, encryptVault, type VaultPassword, type Decrypted } from './vault-secrets.ts';
export { VaultError, VaultFormatError } from './vault-error.ts';
export { isVaultText, parseVaultEnvelope, formatVaultEnvelope, DEFAULT_VAULT_ID, type VaultEnvelope } from './envelope.ts';
export { parseVaultIdSpec, loadVaultPassword, type VaultIdSpec, type PasswordSourceOptions } from './password-source.ts';
export { vaultSources, loadVaultSecrets, type VaultOptions } from './vault-sources.ts';
