// The `!vault |` YAML tag (inline vault-encrypted values, as `ansible-vault encrypt_string` writes them): decrypted into Secrets with file and line in errors.
import type { Document, LineCounter, ScalarTag } from 'yaml';
import { yaml } from '../lazy-yaml.ts';
import { Secret } from '../secret.ts';
import { VaultSecrets } from './vault-secrets.ts';

/** A `!vault` scalar before decryption. */
export class VaultedScalar {
  constructor(readonly text: string) {}
}

/** The custom tag for the `yaml` package: keeps the vault text until `openVaultedScalars` decrypts it. */
export const VAULT_YAML_TAG = {
  tag: '!vault',
  resolve: (text: string) => new VaultedScalar(text),
} as ScalarTag;

/**
 * Replaces each `!vault` value of `doc` by a Secret holding its decrypted text (UTF-8). An error
 * (no password, wrong password, altered text) is a VaultError naming `file` and the value's line.
 */
export function openVaultedScalars(doc: Document, vault: VaultSecrets | undefined, file: string, lines: LineCounter): void {
  yaml().visit(doc, {
    Scalar(_key, node) {
      if (!(node.value instanceof VaultedScalar)) return;
      const line = node.range ? lines.linePos(node.range[0]).line : undefined;
      const { plaintext } = (vault ?? new VaultSecrets()).decrypt(node.value.text, { file, line });
      node.value = new Secret(plaintext.toString('utf8'));
    },
  });
}
