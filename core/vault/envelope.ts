// The text around vault ciphertext: the `$ANSIBLE_VAULT;1.1;AES256[;id]` header line, then the hex body in lines of 80.
import { VaultFormatError } from './vault-error.ts';

export const VAULT_HEADER = '$ANSIBLE_VAULT';
/** The vault id Ansible gives a password that has no label; files encrypted with it carry no id (format 1.1). */
export const DEFAULT_VAULT_ID = 'default';

/** A parsed envelope. */
export interface VaultEnvelope {
  /** Format version from the header: '1.1', or '1.2' when a vault id follows. */
  version: string;
  /** Cipher name from the header (tsible reads and writes AES256). */
  cipher: string;
  /** The vault id of a 1.2 header; undefined for 1.1. */
  vaultId?: string;
  /** The hexadecimal body, its line breaks removed. */
  body: string;
}

/** True if `text` starts with the vault header (leading blanks allowed, as in a YAML block). */
export function isVaultText(text: string | Buffer): boolean {
  const head = (typeof text === 'string' ? text : text.subarray(0, 64).toString('latin1')).trimStart();
  return head.startsWith(VAULT_HEADER);
}

/** Splits vault text into header fields and body. Throws VaultFormatError if it is not vault text. */
export function parseVaultEnvelope(text: string): VaultEnvelope {
  const lines = text.trim().split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
  const header = (lines[0] ?? '').split(';').map((p) => p.trim());
  if (header[0] !== VAULT_HEADER) throw new VaultFormatError(`the text does not start with ${VAULT_HEADER}`);
  if (header.length < 3 || !header[1] || !header[2]) throw new VaultFormatError(`the vault header "${lines[0]}" lacks a version or cipher`);
  const vaultId = header.length >= 4 && header[3] !== '' ? header[3] : undefined;
  return { version: header[1], cipher: header[2], ...(vaultId !== undefined ? { vaultId } : {}), body: lines.slice(1).join('') };
}

/** The vault text for a hex `body`: header (1.2 with the id unless the id is absent or "default"), then 80-column lines, ending in a newline. */
export function formatVaultEnvelope(body: string, vaultId?: string): string {
  if (vaultId !== undefined && /[;\s]/.test(vaultId)) throw new VaultFormatError(`"${vaultId}" is not a valid vault id (no ";" or blanks)`);
  const withId = vaultId !== undefined && vaultId !== '' && vaultId !== DEFAULT_VAULT_ID;
  const header = withId ? `${VAULT_HEADER};1.2;AES256;${vaultId}` : `${VAULT_HEADER};1.1;AES256`;
  const lines = [header];
  for (let i = 0; i < body.length; i += 80) lines.push(body.slice(i, i + 80));
  return lines.join('\n') + '\n';
}
