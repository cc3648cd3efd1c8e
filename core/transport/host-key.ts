// SSH public key blobs: their algorithm name and their OpenSSH-style SHA256 fingerprint.
import { createHash } from 'node:crypto';

/** The key type written at the start of an SSH public key blob, e.g. 'ssh-ed25519'. */
export function keyType(blob: Buffer): string {
  if (blob.length < 4) return 'unknown';
  const len = blob.readUInt32BE(0);
  if (len <= 0 || 4 + len > blob.length) return 'unknown';
  return blob.subarray(4, 4 + len).toString('latin1');
}

/** Fingerprint as OpenSSH prints it: `SHA256:` + unpadded base64 of the blob's SHA-256. */
export function fingerprint(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** Host key algorithms a known_hosts key type can be used with, in OpenSSH's preference order. */
export function algorithmsFor(type: string): string[] {
  return type === 'ssh-rsa' ? ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'] : [type];
}
