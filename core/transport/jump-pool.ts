// One SSH connection per jump host, shared by every target behind it (each target is a channel forwarded over it).
import type { Duplex } from 'node:stream';
import type { Client } from 'ssh2';
import { ConnectError, type TsibleError } from '../errors.ts';
import { withHandshakeRetry } from './handshake-retry.ts';
import { openClient, type SshEndpoint } from './ssh-connect.ts';

/** A use of a shared jump connection; release it when the target's connection closes. */
export interface JumpLease {
  /** The connection to the last jump host of the chain. */
  client: Client;
  /** Drops this use; the connection closes when no target uses it any more. */
  release(): void;
}

interface Entry {
  client: Promise<Client>;
  users: number;
  /** The lease on the jump host before this one, if any. */
  parent?: JumpLease;
  closed: boolean;
}

/**
 * Jump connections keyed by the whole chain of jumps that leads to them (a second jump is reached
 * through the first one's connection). Each is opened on first use, with retry on a dropped
 * handshake, and closed when its last user releases it or when it drops (the next user opens a new one).
 */
export class JumpPool {
  private readonly entries = new Map<string, Entry>();

  /** A lease on the connection to `jumps.at(-1)`, through the jumps before it; errors name `host`. */
  async acquire(jumps: SshEndpoint[], host: string): Promise<JumpLease> {
    const key = chainKey(jumps);
    let entry = this.entries.get(key);
    if (!entry || entry.closed) {
      const fresh: Entry = { client: Promise.resolve(null as unknown as Client), users: 0, closed: false };
      fresh.client = this.open(jumps, fresh);
      fresh.client.catch(() => {
        fresh.closed = true;
        if (this.entries.get(key) === fresh) this.entries.delete(key);
      });
      this.entries.set(key, fresh);
      entry = fresh;
    }
    entry.users++;
    let client: Client;
    try {
      client = await entry.client;
    } catch (e) {
      this.release(key, entry);
      throw forHost(e, jumps[jumps.length - 1].label, host);
    }
    let released = false;
    const e = entry;
    return {
      client,
      release: () => {
        if (released) return;
        released = true;
        this.release(key, e);
      },
    };
  }

  /** Number of open (or opening) jump connections, for tests. */
  get size(): number {
    return [...this.entries.values()].filter((e) => !e.closed).length;
  }

  private async open(jumps: SshEndpoint[], entry: Entry): Promise<Client> {
    const ep = jumps[jumps.length - 1];
    let sock: (() => Promise<Duplex | undefined>) = async () => undefined;
    if (jumps.length > 1) {
      entry.parent = await this.acquire(jumps.slice(0, -1), ep.label);
      const via = entry.parent.client;
      sock = () => forward(via, jumps[jumps.length - 2], ep, ep.label);
    }
    try {
      const client = await withHandshakeRetry(async () => openClient(ep, await sock(), ep.label));
      client.on('error', () => undefined);
      client.setMaxListeners(0); // every target behind it listens for its close
      client.once('close', () => {
        entry.closed = true;
        for (const [k, v] of this.entries) if (v === entry) this.entries.delete(k);
      });
      return client;
    } catch (e) {
      entry.parent?.release();
      throw e;
    }
  }

  private release(key: string, entry: Entry): void {
    if (--entry.users > 0) return;
    if (this.entries.get(key) === entry) this.entries.delete(key);
    entry.closed = true;
    entry.client.then((c) => c.end(), () => undefined);
    entry.parent?.release();
  }
}

/** The pool every SSH transport of this process uses (connections are closed by reference counting). */
export const jumpPool = new JumpPool();

/** A TCP stream from `client` (a jump host) to the next hop. */
export function forward(client: Client, jump: SshEndpoint, next: SshEndpoint, host: string): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    try {
      client.forwardOut('127.0.0.1', 0, next.address, next.port, (err, stream) => {
        if (err) reject(new ConnectError(`jump host ${jump.label} cannot reach ${next.address}:${next.port}: ${err.message}`, { host }, { cause: err }));
        else resolve(stream);
      });
    } catch (e) {
      reject(new ConnectError(`jump host ${jump.label} went away: ${(e as Error).message}`, { host }, { cause: e }));
    }
  });
}

/** What makes two jump connections interchangeable: where, as whom, with which keys and host-key policy. */
function chainKey(jumps: SshEndpoint[]): string {
  return JSON.stringify(jumps.map((j) => [j.address, j.port, j.user, j.keyFiles, j.agent ?? '', j.knownHostsFiles, j.acceptNewHostKeys, j.connectTimeoutMs]));
}

/** The error of opening a jump connection, as seen by `host` (one failure is reported by every host behind it). */
function forHost(e: unknown, jump: string, host: string): Error {
  if (!(e instanceof ConnectError)) return e as Error;
  const err = e as TsibleError;
  const text = err.message.startsWith(`host ${err.where.host}: `) ? err.message.slice(`host ${err.where.host}: `.length) : err.message;
  const Kind = err.constructor as new (m: string, w: { host: string }, o?: { cause?: unknown }) => ConnectError;
  return new Kind(text.startsWith('jump host ') ? text : `jump host ${jump}: ${text}`, { host }, { cause: err.cause });
}
