// The vault's AES256 cipher (node:crypto): PBKDF2-HMAC-SHA256 key derivation, AES-256-CTR, HMAC-SHA256 over the ciphertext, all hexlified.
import { createCipheriv, createDecipheriv, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';
import { pkcs7Pad, pkcs7Unpad } from './pkcs7.ts';
import { VaultFormatError } from './vault-error.ts';

const ITERATIONS = 10_000;
const KEY_BYTES = 32;
const IV_BYTES = 16;
const SALT_BYTES = 32;

/** The AES key, the HMAC key and the CTR start block, from one 80-byte PBKDF2 output. */
function deriveKeys(password: Buffer, salt: Buffer): { aesKey: Buffer; hmacKey: Buffer; iv: Buffer } {
  const derived = pbkdf2Sync(password, salt, ITERATIONS, 2 * KEY_BYTES + IV_BYTES, 'sha256');
  return {
    aesKey: derived.subarray(0, KEY_BYTES),
    hmacKey: derived.subarray(KEY_BYTES, 2 * KEY_BYTES),
    iv: derived.subarray(2 * KEY_BYTES),
  };
}

/**
 * Encrypts `plaintext` with `password`: the hex body of a vault envelope, i.e.
 * hex(hex(salt) "\n" hex(hmac) "\n" hex(ciphertext)). `salt` is random unless given (tests).
 */
export function encryptAes256(plaintext: Buffer, password: Buffer, salt: Buffer = randomBytes(SALT_BYTES)): string {
  const { aesKey, hmacKey, iv } = deriveKeys(password, salt);
  const cipher = createCipheriv('aes-256-ctr', aesKey, iv);
  const ciphertext = Buffer.concat([cipher.update(pkcs7Pad(plaintext)), cipher.final()]);
  const hmac = createHmac('sha256', hmacKey).update(ciphertext).digest();
  const inner = [salt.toString('hex'), hmac.toString('hex'), ciphertext.toString('hex')].join('\n');
  return Buffer.from(inner, 'ascii').toString('hex');
}

/** The three parts of a body, checked for shape only. Throws VaultFormatError. */
export function splitAes256Body(body: string): { salt: Buffer; hmac: Buffer; ciphertext: Buffer } {
  const inner = unhex(body, 'body').toString('latin1');
  const first = inner.indexOf('\n');
  const second = first < 0 ? -1 : inner.indexOf('\n', first + 1);
  if (second < 0) throw new VaultFormatError(`the vault text is truncated or malformed: its body lacks its salt, HMAC and ciphertext parts`);
  const salt = unhex(inner.slice(0, first), 'salt');
  const hmac = unhex(inner.slice(first + 1, second), 'HMAC');
  const ciphertext = unhex(inner.slice(second + 1), 'ciphertext');
  if (salt.length === 0 || hmac.length !== 32 || ciphertext.length === 0) {
    throw new VaultFormatError(`the vault text is truncated or malformed: ${salt.length === 0 ? 'empty salt' : hmac.length !== 32 ? `a ${hmac.length}-byte HMAC (expected 32)` : 'no ciphertext'}`);
  }
  return { salt, hmac, ciphertext };
}

/**
 * Decrypts a hex body with `password`. Returns undefined when the HMAC does not match (wrong
 * password, or altered ciphertext: the two cannot be told apart); the HMAC is compared in constant
 * time before anything is decrypted. Throws VaultFormatError for a body that is not vault data.
 */
export function decryptAes256(body: string, password: Buffer): Buffer | undefined {
  const { salt, hmac, ciphertext } = splitAes256Body(body);
  const { aesKey, hmacKey, iv } = deriveKeys(password, salt);
  const expected = createHmac('sha256', hmacKey).update(ciphertext).digest();
  if (!timingSafeEqual(expected, hmac)) return undefined;
  const decipher = createDecipheriv('aes-256-ctr', aesKey, iv);
  const padded = Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  const plaintext = pkcs7Unpad(padded);
  if (plaintext === undefined) throw new VaultFormatError(`the vault text has bad padding after decryption (the HMAC matched, so the file was written by a broken encryptor)`);
  return plaintext;
}

function unhex(text: string, what: string): Buffer {
  if (text.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(text)) {
    throw new VaultFormatError(`the vault text is truncated or malformed: its ${what} is not ${text.length % 2 !== 0 ? 'an even number of ' : ''}hexadecimal digits`);
  }
  return Buffer.from(text, 'hex');
}
