// Opens one authenticated, host-key-checked ssh2 connection (one hop), directly or over a jump host's stream.
import { readFileSync, statSync } from 'node:fs';
import type { Duplex } from 'node:stream';
import ssh2, { type AnyAuthMethod, type ConnectConfig, type ServerHostKeyAlgorithm } from 'ssh2';

const { Client, utils } = ssh2;
type Client = InstanceType<typeof Client>;
import { ConnectError, HostKeyError, TimeoutError } from '../errors.ts';
import type { Secret } from '../secret.ts';
import { algorithmsFor, fingerprint, keyType } from './host-key.ts';
import { appendKnownHost, checkHostKey, knownHostsName } from './known-hosts.ts';
import { knownHostsIndex } from './known-hosts-index.ts';
import './quiet-channel-destroy.ts';

/** Everything needed to reach and log into one SSH server. */
export interface SshEndpoint {
  /** Name used in messages: the inventory name, or the jump host as written. */
  label: string;
  /** Address or DNS name to connect to. */
  address: string;
  port: number;
  user: string;
  /** Private key files to offer, in order (unencrypted OpenSSH/PEM keys). */
  keyFiles: string[];
  password?: Secret;
  /** ssh-agent socket path (SSH_AUTH_SOCK), tried before key files, like OpenSSH. */
  agent?: string;
  /** known_hosts files; new keys are appended to the first one. */
  knownHostsFiles: string[];
  /** Record an unknown host key instead of refusing it (a changed key is always refused). */
  acceptNewHostKeys: boolean;
  /** Limit for TCP connect, key exchange and authentication together. */
  connectTimeoutMs: number;
  /** SSH keepalive interval, so a silently dead peer is noticed (0 = off). */
  keepaliveIntervalMs: number;
  /** Reach this (first) hop through a local command's stdio instead of TCP (ProxyCommand, %h/%p/%r already replaced). */
  proxyCommand?: string;
}

const DEFAULT_HOST_KEY_ALGORITHMS = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'rsa-sha2-512',
  'rsa-sha2-256',
  'ssh-rsa',
];

/**
 * Connects and authenticates. Rejects with HostKeyError or ConnectError (timeouts: ConnectError
 * caused by TimeoutError). `host` is the inventory host the connection is for; when `ep` is one
 * of its jump hosts, messages say so.
 */
export function openClient(ep: SshEndpoint, sock?: Duplex, host: string = ep.label): Promise<Client> {
  const where = { host };
  const hop = host === ep.label ? '' : `jump host ${ep.label}: `;
  const target = `${ep.user}@${ep.address}:${ep.port}`;
  const name = knownHostsName(ep.address, ep.port);
  const known = knownHostsIndex(ep.knownHostsFiles);
  const knownTypes = known.entriesFor(name)
    .filter((e) => e.marker === undefined)
    .flatMap((e) => algorithmsFor(e.type));
  const hostKeyAlgorithms = [...new Set([...knownTypes, ...DEFAULT_HOST_KEY_ALGORITHMS])];

  let keyError: HostKeyError | undefined;
  const hostVerifier = (key: Buffer): boolean => {
    const verdict = checkHostKey(known, name, key);
    const presented = `${keyType(key)} ${fingerprint(key)}`;
    switch (verdict.status) {
      case 'known':
        return true;
      case 'revoked':
        keyError = new HostKeyError(`${hop}host key ${presented} of ${name} is marked @revoked in ${verdict.entry.file}:${verdict.entry.line}`, where);
        return false;
      case 'changed': {
        const recorded = verdict.expected.map((e) => `${e.type} ${fingerprint(e.key)} (${e.file}:${e.line})`).join(', ');
        keyError = new HostKeyError(
          `${hop}HOST KEY CHANGED for ${name}: it presented ${presented} but known_hosts records ${recorded}. ` +
            `Refusing to connect (possible man-in-the-middle). If the change is expected, remove the old key (ssh-keygen -R '${name}') and connect again.`,
          where,
        );
        return false;
      }
      case 'unknown':
        if (ep.acceptNewHostKeys && ep.knownHostsFiles.length) {
          try {
            appendKnownHost(ep.knownHostsFiles[0], name, key);
          } catch (cause) {
            keyError = new HostKeyError(`${hop}cannot record the host key of ${name} in ${ep.knownHostsFiles[0]}`, where, { cause });
            return false;
          }
          return true;
        }
        keyError = new HostKeyError(
          `${hop}unknown host key for ${name} (${presented}); not in ${ep.knownHostsFiles.join(', ') || 'any known_hosts file'}. ` +
            'Add it to known_hosts (ssh-keyscan, after checking the fingerprint) or opt into accepting new host keys.',
          where,
        );
        return false;
    }
  };

  const { methods, tried } = authMethods(ep);
  const config: ConnectConfig = {
    host: ep.address,
    port: ep.port,
    username: ep.user,
    readyTimeout: ep.connectTimeoutMs,
    keepaliveInterval: ep.keepaliveIntervalMs,
    keepaliveCountMax: 3,
    hostVerifier,
    authHandler: methods,
    algorithms: { serverHostKey: hostKeyAlgorithms as ServerHostKeyAlgorithm[] },
  };
  if (sock) config.sock = sock;

  return new Promise<Client>((resolve, reject) => {
    const client = new Client();
    let lastError: (Error & { level?: string }) | undefined;
    let settled = false;
    const fail = (): void => {
      if (settled) return;
      settled = true;
      client.end();
      const e = lastError;
      if (keyError) reject(keyError);
      else if (e?.level === 'client-authentication') {
        reject(new ConnectError(`${hop}authentication failed for ${target} (offered: ${tried.join(', ') || 'nothing'})`, where, { cause: e }));
      } else if (e?.level === 'client-timeout') {
        const msg = `${hop}no SSH answer from ${ep.address}:${ep.port} within ${ep.connectTimeoutMs} ms`;
        reject(new ConnectError(msg, where, { cause: new TimeoutError(msg, where, { cause: e }) }));
      } else {
        reject(new ConnectError(`${hop}cannot connect to ${target}: ${e?.message ?? 'connection closed'}`, where, { cause: e }));
      }
    };
    client.on('error', (e: Error & { level?: string }) => {
      lastError = e;
      if (!settled) fail();
    });
    client.on('close', () => fail());
    client.on('ready', () => {
      settled = true;
      // As OpenSSH for interactive sessions: a command's small request must not wait for the ACK of the last
      // packet (Nagle, then the host's delayed ACK: 40 ms per command after a channel closed).
      client.setNoDelay(true);
      resolve(client);
    });
    try {
      client.connect(config);
    } catch (e) {
      lastError = e as Error;
      fail();
    }
  });
}

/** Key files read and parsed, by path, inode, size and change times: every host of a run uses the same key, read once. */
const parsedKeys = new Map<string, ReturnType<typeof utils.parseKey>>();

/** The private key in `file`, parsed (an Error when it cannot be read or parsed); read again when the file changed. */
function keyFromFile(file: string): ReturnType<typeof utils.parseKey> {
  const st = statSync(file, { throwIfNoEntry: false });
  if (!st) return new Error('unreadable');
  const id = `${file}\0${st.ino}\0${st.size}\0${st.mtimeMs}\0${st.ctimeMs}`;
  let parsed = parsedKeys.get(id);
  if (parsed === undefined) {
    let text: Buffer;
    try {
      text = readFileSync(file);
    } catch {
      return new Error('unreadable'); // not kept: the next host tries again
    }
    parsed = utils.parseKey(text);
    parsedKeys.set(id, parsed);
  }
  return parsed;
}

/** ssh2 auth methods in OpenSSH's order: agent, key files, password. */
function authMethods(ep: SshEndpoint): { methods: AnyAuthMethod[]; tried: string[] } {
  const methods: AnyAuthMethod[] = [];
  const tried: string[] = [];
  if (ep.agent) {
    methods.push({ type: 'agent' as const, username: ep.user, agent: ep.agent });
    tried.push('ssh-agent');
  }
  for (const file of ep.keyFiles) {
    const parsed = keyFromFile(file);
    if (parsed instanceof Error) {
      tried.push(`${file} (${parsed.message})`);
      continue;
    }
    // ssh2 takes a parsed key as it is (its parseKey returns one unchanged).
    methods.push({ type: 'publickey' as const, username: ep.user, key: parsed });
    tried.push(file);
  }
  if (ep.password) {
    methods.push({ type: 'password' as const, username: ep.user, password: ep.password.reveal() });
    tried.push('password');
  }
  return { methods, tried };
}
