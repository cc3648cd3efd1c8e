// The AES256 vault cipher: reads what ansible-vault wrote, round-trips, and tells a wrong password or altered text from a malformed one.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decryptAes256, encryptAes256 } from '../../../core/vault/aes256.ts';
import { parseVaultEnvelope } from '../../../core/vault/envelope.ts';
import { VaultFormatError } from '../../../core/vault/vault-error.ts';

const fixtures = join(import.meta.dirname, '../../fixtures/vault');
const password = Buffer.from('tsible-fixture');
const PLAIN = 'line one\nline two: é ✓\n';

describe('aes256', () => {
  it('decrypts a file written by ansible-vault (fixture)', () => {
    for (const f of ['ansible-1.1.vault', 'ansible-1.2-prod.vault']) {
      const { body } = parseVaultEnvelope(readFileSync(join(fixtures, f), 'utf8'));
      expect(decryptAes256(body, password)!.toString('utf8')).to.equal(PLAIN);
    }
  });

  it('round-trips empty, short, block-sized and binary content, with a fresh salt each time', () => {
    for (const data of [Buffer.alloc(0), Buffer.from('x'), Buffer.alloc(16, 65), Buffer.from([0, 255, 10, 13, 0x80, 1])]) {
      const a = encryptAes256(data, password);
      expect(decryptAes256(a, password)!.equals(data)).to.equal(true);
      expect(encryptAes256(data, password)).to.not.equal(a);
    }
  });

  it('is deterministic for a given salt (the body is hex of hex(salt)\\nhex(hmac)\\nhex(ciphertext))', () => {
    const salt = Buffer.alloc(32, 1);
    const body = encryptAes256(Buffer.from('abc'), password, salt);
    expect(body).to.equal(encryptAes256(Buffer.from('abc'), password, salt));
    const [s, h, c] = Buffer.from(body, 'hex').toString('latin1').split('\n');
    expect(s).to.equal('01'.repeat(32));
    expect(h).to.match(/^[0-9a-f]{64}$/);
    expect(c).to.have.length(32); // 3 bytes padded to one 16-byte block
  });

  it('gives undefined for a wrong password and for an altered ciphertext or HMAC', () => {
    const body = encryptAes256(Buffer.from('secret text'), password);
    expect(decryptAes256(body, Buffer.from('wrong'))).to.equal(undefined);
    const inner = Buffer.from(body, 'hex').toString('latin1').split('\n');
    const flip = (hex: string) => hex.slice(0, -1) + (hex.endsWith('0') ? '1' : '0');
    const rehex = (parts: string[]) => Buffer.from(parts.join('\n'), 'latin1').toString('hex');
    expect(decryptAes256(rehex([inner[0], inner[1], flip(inner[2])]), password)).to.equal(undefined);
    expect(decryptAes256(rehex([inner[0], flip(inner[1]), inner[2]]), password)).to.equal(undefined);
  });

  it('refuses a truncated or malformed body with VaultFormatError', () => {
    const body = encryptAes256(Buffer.from('secret text'), password);
    expect(() => decryptAes256(body.slice(0, -1), password)).to.throw(VaultFormatError, 'truncated or malformed');
    expect(() => decryptAes256(body.slice(0, 100), password)).to.throw(VaultFormatError, 'truncated or malformed');
    expect(() => decryptAes256('zz' + body.slice(2), password)).to.throw(VaultFormatError, 'hexadecimal');
    expect(() => decryptAes256('', password)).to.throw(VaultFormatError);
  });
});
