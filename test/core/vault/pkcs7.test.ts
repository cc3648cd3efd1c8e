// PKCS#7 padding to 16 bytes: always 1-16 bytes added, and a bad padding refused.
import { expect } from 'chai';
import { pkcs7Pad, pkcs7Unpad } from '../../../core/vault/pkcs7.ts';

describe('pkcs7', () => {
  it('pads to a whole block (a full block of 16 for aligned data) and unpads back', () => {
    for (const n of [0, 1, 15, 16, 17, 31, 32]) {
      const data = Buffer.alloc(n, 7);
      const padded = pkcs7Pad(data);
      expect(padded.length % 16).to.equal(0);
      expect(padded.length - n).to.equal(16 - (n % 16));
      expect(pkcs7Unpad(padded)!.equals(data)).to.equal(true);
    }
  });
  it('refuses bad padding and lengths that are not whole blocks', () => {
    expect(pkcs7Unpad(Buffer.alloc(16, 0))).to.equal(undefined);
    expect(pkcs7Unpad(Buffer.alloc(16, 17))).to.equal(undefined);
    expect(pkcs7Unpad(Buffer.concat([Buffer.alloc(14, 1), Buffer.from([3, 2])]))).to.equal(undefined);
    expect(pkcs7Unpad(Buffer.alloc(15, 1))).to.equal(undefined);
    expect(pkcs7Unpad(Buffer.alloc(0))).to.equal(undefined);
  });
});
