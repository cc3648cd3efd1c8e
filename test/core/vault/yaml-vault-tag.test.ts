// `!vault |` values in YAML data: decrypted into Secrets; without the right password, an error naming file and line.
import { expect } from 'chai';
import { parseYamlData } from '../../../core/inventory/yaml-data.ts';
import { Secret, isSecret } from '../../../core/secret.ts';
import { VaultError } from '../../../core/vault/vault-error.ts';
import { VaultSecrets } from '../../../core/vault/vault-secrets.ts';

const vault = new VaultSecrets([{ id: 'default', password: new Secret('pw') }]);
const block = (text: string, indent = 4) => vault.encrypt(text).trimEnd().split('\n').map((l) => ' '.repeat(indent) + l).join('\n');

describe('!vault YAML values', () => {
  it('decrypts an encrypt_string block into a Secret, beside plain values', () => {
    const data = parseYamlData(`plain: 1\nkey: !vault |\n${block('s3cr3t\nline 2')}\nlist:\n  - !vault |\n${block('in a list', 6)}\n`, 'v.yml', { vault }) as Record<string, unknown>;
    expect(data.plain).to.equal(1);
    expect(isSecret(data.key)).to.equal(true);
    expect((data.key as Secret).reveal()).to.equal('s3cr3t\nline 2');
    expect(((data.list as unknown[])[0] as Secret).reveal()).to.equal('in a list');
    expect(JSON.stringify(data)).to.not.include('s3cr3t');
  });

  it('without a password: a VaultError naming the file and the line of the value', () => {
    expect(() => parseYamlData(`a: 1\nb: 2\nkey: !vault |\n${block('x')}\n`, 'group_vars/all.yml')).to.throw(VaultError, /^group_vars\/all\.yml:3: vault-encrypted, but no vault password was given/);
  });

  it('with a wrong password: a VaultError naming file and line', () => {
    const other = new VaultSecrets([{ id: 'default', password: new Secret('other') }]);
    expect(() => parseYamlData(`key: !vault |\n${block('x')}\n`, 'v.yml', { vault: other })).to.throw(VaultError, /^v\.yml:1: decryption failed/);
  });
});
