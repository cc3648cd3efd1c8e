// PKCS#7 padding to the 16-byte AES block, as the vault pads its plaintext before AES-CTR.
const BLOCK = 16;

/** `data` followed by 1 to 16 bytes, each holding the number of bytes added. */
export function pkcs7Pad(data: Buffer): Buffer {
  const n = BLOCK - (data.length % BLOCK);
  return Buffer.concat([data, Buffer.alloc(n, n)]);
}

/** `data` without its padding; undefined if the padding is not valid PKCS#7. */
export function pkcs7Unpad(data: Buffer): Buffer | undefined {
  if (data.length === 0 || data.length % BLOCK !== 0) return undefined;
  const n = data[data.length - 1];
  if (n < 1 || n > BLOCK) return undefined;
  for (let i = data.length - n; i < data.length; i++) if (data[i] !== n) return undefined;
  return data.subarray(0, data.length - n);
}
