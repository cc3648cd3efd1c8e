// Small helpers shared by the transports: content as bytes, stdin with a prefix, and filling in the default sudo password.
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

/** What a command gets on stdin: `prefix` (a command sent there, see secret-command.ts), then its own input. */
export function stdinWith(prefix: Buffer | undefined, stdin: string | Buffer | Secret | undefined): Buffer | undefined {
  const own = stdin === undefined ? undefined : contentBytes(stdin);
  if (!prefix) return own;
  return own ? Buffer.concat([prefix, own]) : prefix;
}
