// Small helpers shared by the transports: content as bytes, and filling in the default sudo password.
import { isSecret, type Secret } from '../secret.ts';
import type { Become } from './transport.ts';

/** The bytes to send for stdin or file content (secrets revealed only here). */
export function contentBytes(content: string | Buffer | Secret): Buffer {
  if (Buffer.isBuffer(content)) return content;
  return Buffer.from(isSecret(content) ? content.reveal() : content, 'utf8');
}

/** `become` with the connection's sudo password when it names none. */
export function withBecomePassword(become: Become | undefined, password: Secret | undefined): Become | undefined {
  if (!become || become.password || !password) return become;
  return { ...become, password };
}
