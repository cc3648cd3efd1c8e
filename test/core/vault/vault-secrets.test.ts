// The passwords of a run: the envelope's vault id first, then every other; errors name file, line and vault id, never the password.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ArgsError } from '../../../core/errors.ts';
import { Secret } from '../../../core/secret.ts';
import { VaultError, VaultFormatError } from '../../../core/vault/vault-error.ts';
import { VaultSecrets, encryptVault } from '../../../core/vault/vault-secrets.ts';

const fixtures = join(import.meta.dirname, '../../fixtures/vault');
const pw = (id: string, password: string) => ({ id, password: new Secret(password) });

function caught(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
}

describe('VaultSecrets', () => {
  it('decrypts with the password whatever the ids, and says which id opened it', () => {
    const text = readFileSync(join(fixtures, 'ansible-1.2-prod.vault'), 'utf8');
    const v = new VaultSecrets([pw('dev', 'nope'), pw('other', 'tsible-fixture')]);
    const r = v.decrypt(text, { file: 'f.vault' });
    expect(r.plaintext.toString()).to.equal('line one\nline two: é ✓\n');
    expect(r).to.include({ vaultId: 'other', envelopeId: 'prod' });
  });

  it('without any password: a VaultError (exit 1) naming the file and the vault id', () => {
    const text = readFileSync(join(fixtures, 'ansible-1.2-prod.vault'), 'utf8');
    const e = caught(() => new VaultSecrets().decrypt(text, { file: 'group_vars/all.yml' }));
    expect(e).to.be.instanceOf(VaultError);
    expect((e as VaultError).exitCode).to.equal(1);
    expect(e.message).to.match(/^group_vars\/all\.yml: vault-encrypted \(vault id "prod"\), but no vault password was given/);
  });

  it('a wrong password: names file, line, the vault id and the ids tried; never the password', () => {
    const text = encryptVault('s3cr3t', pw('prod', 'right'));
    const e = caught(() => new VaultSecrets([pw('prod', 'wrong-one'), pw('default', 'wrong-two')]).decrypt(text, { file: 'v.yml', line: 3 }));
    expect(e).to.be.instanceOf(VaultError);
    expect(e.message).to.equal('v.yml:3: decryption failed (vault id "prod"): no vault password given (vault ids tried: "prod", "default") opens it; a wrong password, or the content was altered (HMAC check failed)');
    expect(e.message).to.not.match(/wrong-one|wrong-two|s3cr3t/);
  });

  it('a tampered or truncated text is an error naming the file', () => {
    const text = encryptVault('s3cr3t value', pw('default', 'pw'));
    const lines = text.trimEnd().split('\n');
    // One hex digit of the ciphertext changed for another hex digit (the envelope stays well formed: only the HMAC can tell).
    const inner = Buffer.from(lines.slice(1).join(''), 'hex').toString('latin1');
    const changed = inner.slice(0, -1) + (inner.endsWith('0') ? '1' : '0');
    const tampered = [lines[0], ...(Buffer.from(changed, 'latin1').toString('hex').match(/.{1,80}/g) ?? [])].join('\n');
    expect(() => new VaultSecrets([pw('default', 'pw')]).decrypt(tampered, { file: 'a.yml' })).to.throw(VaultError, /^a\.yml: decryption failed: .*HMAC check failed/);
    const e = caught(() => new VaultSecrets([pw('default', 'pw')]).decrypt(lines.join('\n').slice(0, -3), { file: 'a.yml' }));
    expect(e).to.be.instanceOf(VaultFormatError);
    expect(e.message).to.match(/^a\.yml: the vault text is truncated or malformed/);
    // Cut at a line end, the hex stays even: the shortened ciphertext fails its HMAC.
    expect(() => new VaultSecrets([pw('default', 'pw')]).decrypt(lines.slice(0, -1).join('\n'), { file: 'a.yml' })).to.throw(VaultError, 'a.yml: decryption failed');
  });

  it('refuses the obsolete AES cipher with a clear message', () => {
    expect(() => new VaultSecrets([pw('default', 'x')]).decrypt('$ANSIBLE_VAULT;1.0;AES\n00', { file: 'old.yml' })).to.throw(VaultFormatError, 'old.yml: vault cipher "AES" is not supported');
  });

  it('chooses the password to encrypt with as ansible-vault does', () => {
    expect(new VaultSecrets([pw('a', '1')]).encryptionPassword().id).to.equal('a');
    expect(new VaultSecrets([pw('a', '1'), pw('b', '2')]).encryptionPassword('b').id).to.equal('b');
    expect(() => new VaultSecrets([pw('a', '1'), pw('b', '2')]).encryptionPassword()).to.throw(ArgsError, 'the vault ids a,b are available to encrypt with: choose one with --encrypt-vault-id');
    expect(() => new VaultSecrets([pw('a', '1')]).encryptionPassword('c')).to.throw(VaultError, 'no vault password has the vault id "c"');
    expect(() => new VaultSecrets().encryptionPassword()).to.throw(VaultError, 'a vault password is needed to encrypt');
  });

  it('writes 1.1 for the id "default" and 1.2;AES256;ID otherwise; refuses to encrypt vault text again', () => {
    expect(new VaultSecrets([pw('default', '1')]).encrypt('x')).to.match(/^\$ANSIBLE_VAULT;1\.1;AES256\n/);
    const text = new VaultSecrets([pw('prod', '1')]).encrypt('x');
    expect(text).to.match(/^\$ANSIBLE_VAULT;1\.2;AES256;prod\n/);
    expect(() => new VaultSecrets([pw('prod', '1')]).encrypt(text)).to.throw(VaultError, 'already vault-encrypted');
  });

  it('decryptIfVaulted passes plain text through', () => {
    const v = new VaultSecrets([pw('default', 'k')]);
    expect(v.decryptIfVaulted('plain')).to.deep.equal({ text: 'plain', vaulted: false });
    expect(v.decryptIfVaulted(v.encrypt('inner'))).to.deep.equal({ text: 'inner', vaulted: true });
  });
});
