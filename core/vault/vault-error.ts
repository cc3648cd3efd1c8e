// Errors of the vault: a file or value that cannot be decrypted (no password, wrong password, altered or malformed), naming file and vault id.
import { TsibleError } from '../errors.ts';

/**
 * A vault failure. Exits 1, as Ansible does for "Attempting to decrypt but no vault secrets found"
 * and "Decryption failed". The message names the file (and line, for a `!vault` value) and the
 * vault id; it never holds a password or decrypted text.
 */
export class VaultError extends TsibleError {
  override name = 'VaultError';
}

/** The vault text itself is malformed (bad header, not hexadecimal, truncated): no password can open it. */
export class VaultFormatError extends VaultError {
  override name = 'VaultFormatError';
}
