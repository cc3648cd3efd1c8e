// The vault envelope: header fields, 80-column body lines, 1.1 without an id and 1.2 with one.
import { expect } from 'chai';
import { formatVaultEnvelope, isVaultText, parseVaultEnvelope } from '../../../core/vault/envelope.ts';
import { VaultFormatError } from '../../../core/vault/vault-error.ts';

describe('vault envelope', () => {
  const body = 'ab'.repeat(100);

  it('formats 1.1 without an id (and for the id "default"), the body in lines of 80, ending in a newline', () => {
    for (const id of [undefined, 'default']) {
      const text = formatVaultEnvelope(body, id);
      const lines = text.split('\n');
      expect(lines[0]).to.equal('$ANSIBLE_VAULT;1.1;AES256');
      expect(lines.slice(1, -1).map((l) => l.length)).to.deep.equal([80, 80, 40]);
      expect(lines.at(-1)).to.equal('');
    }
  });

  it('formats 1.2 with another id, and parses both back', () => {
    const text = formatVaultEnvelope(body, 'prod');
    expect(text.split('\n')[0]).to.equal('$ANSIBLE_VAULT;1.2;AES256;prod');
    expect(parseVaultEnvelope(text)).to.deep.equal({ version: '1.2', cipher: 'AES256', vaultId: 'prod', body });
    expect(parseVaultEnvelope(formatVaultEnvelope(body))).to.deep.equal({ version: '1.1', cipher: 'AES256', body });
  });

  it('parses an indented block (as in a YAML value) and CRLF lines', () => {
    const text = formatVaultEnvelope(body).split('\n').map((l) => `   ${l}`).join('\r\n');
    expect(parseVaultEnvelope(text).body).to.equal(body);
    expect(isVaultText(text)).to.equal(true);
  });

  it('refuses text that is not vault text, and a header without cipher', () => {
    expect(() => parseVaultEnvelope('hello')).to.throw(VaultFormatError, 'does not start with $ANSIBLE_VAULT');
    expect(() => parseVaultEnvelope('$ANSIBLE_VAULT;1.1\nabcd')).to.throw(VaultFormatError, 'lacks a version or cipher');
    expect(isVaultText('x: 1')).to.equal(false);
    expect(isVaultText(Buffer.from('$ANSIBLE_VAULT;1.1;AES256\n'))).to.equal(true);
  });

  it('refuses a vault id with ";" or blanks', () => {
    expect(() => formatVaultEnvelope(body, 'a;b')).to.throw(VaultFormatError, 'not a valid vault id');
  });
});
