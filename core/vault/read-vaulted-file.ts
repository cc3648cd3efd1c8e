// Reads a data file (inventory, vars) that may be wholly vault-encrypted, and keeps errors about its decrypted content from quoting it.
import { readFileSync } from 'node:fs';
import { ArgsError, TsibleError } from '../errors.ts';
import { isVaultText } from './envelope.ts';
import { VaultSecrets } from './vault-secrets.ts';

/** A file's text, decrypted if it was vault-encrypted. */
export interface DataFileText {
  text: string;
  /** The file was wholly vault-encrypted: its values are secrets. */
  vaulted: boolean;
}

/**
 * Reads `path` (messages name it `shown`); a vault-encrypted file is decrypted with `vault`
 * (a VaultError naming the file when that fails). `what` words the read error ("inventory").
 */
export function readDataFile(path: string, shown: string, vault: VaultSecrets | undefined, what: string): DataFileText {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ArgsError(`cannot read ${what}: ${(err as Error).message}`, { file: shown }, { cause: err });
  }
  if (!isVaultText(text)) return { text, vaulted: false };
  return { text: (vault ?? new VaultSecrets()).decrypt(text, { file: shown }).plaintext.toString('utf8'), vaulted: true };
}

/**
 * Runs `parse` on decrypted text: an error it throws is re-thrown without the quoted text (`"…"`)
 * or cause, which could hold decrypted content. For plain text (`vaulted` false) errors pass through.
 */
export function parseDecrypted<T>(vaulted: boolean, parse: () => T): T {
  if (!vaulted) return parse();
  try {
    return parse();
  } catch (e) {
    if (!(e instanceof TsibleError)) throw new ArgsError('cannot parse the decrypted content of a vault-encrypted file');
    const hidden = new ArgsError(`${e.message.replace(/"(?:[^"\\]|\\.)*"/g, '"***"')} (in vault-encrypted content; quoted text hidden)`);
    hidden.exitCode = e.exitCode;
    throw hidden;
  }
}
