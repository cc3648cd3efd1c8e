// Retries an SSH connection that sshd dropped before its handshake (MaxStartups), with exponential backoff and jitter.
import type { Client } from 'ssh2';
import { ConnectError, HostKeyError, TimeoutError } from '../errors.ts';

/**
 * OpenSSH's default `MaxStartups 10:30:100` drops a share of the connections beyond 10 that have
 * not yet logged in: the TCP connection is accepted, then closed before the SSH banner. Such a
 * drop is worth retrying; a refused port, a refused key, an unknown host key or a timeout is not.
 */
export function isDroppedHandshake(e: unknown): boolean {
  if (!(e instanceof ConnectError) || e instanceof HostKeyError) return false;
  if (e.cause instanceof TimeoutError || /authentication failed|ECONNREFUSED|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN/.test(e.message)) return false;
  return /before handshake|ECONNRESET|EPIPE|connection closed|Connection lost|kex_exchange_identification|Not allowed at this time/i.test(e.message);
}

/** Attempts and delays: up to 10 attempts, 100 ms doubling to 2 s, each delay jittered by ±50 %. */
export const HANDSHAKE_RETRY = { attempts: 10, firstDelayMs: 100, maxDelayMs: 2000 };

/** Calls `open` (which must make a fresh socket each time) until it succeeds or fails for another reason than a dropped handshake. */
export async function withHandshakeRetry(open: () => Promise<Client>, retry = HANDSHAKE_RETRY): Promise<Client> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await open();
    } catch (e) {
      if (attempt >= retry.attempts || !isDroppedHandshake(e)) throw e;
      const base = Math.min(retry.maxDelayMs, retry.firstDelayMs * 2 ** (attempt - 1));
      await new Promise((r) => setTimeout(r, base * (0.5 + Math.random())));
    }
  }
}
