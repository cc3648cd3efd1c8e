// The vault passwords of a run, each under a vault id: decrypts vault text with the right one, encrypts with a chosen one.
import { ArgsError, type ErrorLocation } from '../errors.ts';
import type { Secret } from '../secret.ts';
import { decryptAes256, encryptAes256 } from './aes256.ts';
import { DEFAULT_VAULT_ID, formatVaultEnvelope, isVaultText, parseVaultEnvelope } from './envelope.ts';
import { VaultError, VaultFormatError } from './vault-error.ts';

/** One vault password. */
export interface VaultPassword {
  /** Its vault id (the label of `--vault-id label@source`; "default" without one). */
  id: string;
  password: Secret;
}

/** What a successful decryption gives. */
export interface Decrypted {
  plaintext: Buffer;
  /** The vault id of the password that opened it. */
  vaultId: string;
  /** The vault id written in the envelope (1.2), if any. */
  envelopeId?: string;
}

/** The ciphers tsible decrypts (Ansible's pre-1.5 "AES" is not one: rekey such files with ansible-vault first). */
const READ_CIPHERS = new Set(['AES256']);

/**
 * The passwords given to a run, in the order given. As in Ansible, the vault id in an envelope
 * only says which password to try first: every password is tried until one's HMAC matches.
 */
export class VaultSecrets {
  constructor(readonly passwords: readonly VaultPassword[] = []) {}

  /** The vault ids, in order (an id given twice appears twice). */
  get ids(): string[] {
    return this.passwords.map((p) => p.id);
  }

  /**
   * Decrypts vault `text`; errors are VaultErrors at `where` that name the vault id: no password
   * given, none that opens it (wrong password or altered content), malformed text.
   */
  decrypt(text: string, where: ErrorLocation = {}): Decrypted {
    let envelope;
    try {
      envelope = parseVaultEnvelope(text);
    } catch (e) {
      throw new VaultFormatError((e as Error).message, where);
    }
    const idText = envelope.vaultId !== undefined ? ` (vault id "${envelope.vaultId}")` : '';
    if (!READ_CIPHERS.has(envelope.cipher)) {
      throw new VaultFormatError(`vault cipher "${envelope.cipher}"${idText} is not supported (tsible reads AES256; rekey the file with ansible-vault)`, where);
    }
    if (this.passwords.length === 0) {
      throw new VaultError(`vault-encrypted${idText}, but no vault password was given (Ansible: "Attempting to decrypt but no vault secrets found"); use --ask-vault-pass, --vault-password-file or --vault-id`, where);
    }
    const ordered = [
      ...this.passwords.filter((p) => p.id === envelope.vaultId),
      ...this.passwords.filter((p) => p.id !== envelope.vaultId),
    ];
    for (const p of ordered) {
      let plaintext: Buffer | undefined;
      try {
        plaintext = decryptAes256(envelope.body, Buffer.from(p.password.reveal(), 'utf8'));
      } catch (e) {
        throw new VaultFormatError(`${(e as Error).message}${idText}`, where);
      }
      if (plaintext !== undefined) return { plaintext, vaultId: p.id, ...(envelope.vaultId !== undefined ? { envelopeId: envelope.vaultId } : {}) };
    }
    const tried = [...new Set(this.ids)].map((id) => `"${id}"`).join(', ');
    throw new VaultError(`decryption failed${idText}: no vault password given (vault ids tried: ${tried}) opens it; a wrong password, or the content was altered (HMAC check failed)`, where);
  }

  /** Decrypts `text` if it is vault text (see decrypt); any other text is returned as is. */
  decryptIfVaulted(text: string, where: ErrorLocation = {}): { text: string; vaulted: boolean } {
    if (!isVaultText(text)) return { text, vaulted: false };
    return { text: this.decrypt(text, where).plaintext.toString('utf8'), vaulted: true };
  }

  /** The password to encrypt with: the one of `id` if given, else the only one (several need an id, as in ansible-vault). */
  encryptionPassword(id?: string): VaultPassword {
    if (id !== undefined) {
      const found = this.passwords.find((p) => p.id === id);
      if (!found) throw new VaultError(`no vault password has the vault id "${id}" given by --encrypt-vault-id (known ids: ${this.ids.join(', ') || 'none'})`);
      return found;
    }
    if (this.passwords.length === 0) throw new VaultError('a vault password is needed to encrypt (--ask-vault-pass, --vault-password-file or --vault-id)');
    const ids = [...new Set(this.ids)];
    if (ids.length > 1) throw new ArgsError(`the vault ids ${ids.join(',')} are available to encrypt with: choose one with --encrypt-vault-id`, { field: 'encrypt-vault-id' });
    return this.passwords[0];
  }

  /** Vault text for `plaintext`, encrypted with the password of `id` (see encryptionPassword); format 1.2 with the id unless it is "default". */
  encrypt(plaintext: Buffer | string, id?: string): string {
    return encryptVault(plaintext, this.encryptionPassword(id));
  }
}

/** Vault text for `plaintext` encrypted with one password (format 1.1 for the id "default", else 1.2 with the id). */
export function encryptVault(plaintext: Buffer | string, with_: VaultPassword): string {
  const data = typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : plaintext;
  if (isVaultText(data)) throw new VaultError('the input is already vault-encrypted');
  const body = encryptAes256(data, Buffer.from(with_.password.reveal(), 'utf8'));
  return formatVaultEnvelope(body, with_.id === DEFAULT_VAULT_ID ? undefined : with_.id);
}
