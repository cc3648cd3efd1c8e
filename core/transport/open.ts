// openTransport(): builds the SSH or local transport for one inventory host, resolving ~/.ssh/config and jump hosts.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { ArgsError } from '../errors.ts';
import type { Connection } from './connection.ts';
import { parseJumpSpec } from './jump-spec.ts';
import { LocalTransport } from './local.ts';
import { DEFAULT_MAX_CHANNELS, SshTransport } from './ssh.ts';
import { SshConfig, defaultSshConfigFile, localUser } from './ssh-config.ts';
import type { SshEndpoint } from './ssh-connect.ts';
import type { Transport } from './transport.ts';

/** Options that are not per-host inventory settings. */
export interface TransportOptions {
  /** ssh_config file to honour; default ~/.ssh/config; null for none. */
  sshConfigFile?: string | null;
  /** Turns a jump name into an inventory host's connection, if it is one. */
  resolveJump?: (name: string) => Connection | undefined;
  /** ssh-agent socket; default $SSH_AUTH_SOCK; null for none. */
  agentSocket?: string | null;
  /** Key files tried when neither inventory nor ssh_config names one; default the existing ~/.ssh/id_{ed25519,ecdsa,rsa}. */
  defaultKeyFiles?: string[];
  /** Concurrent channels per connection (default 8, below OpenSSH's MaxSessions=10). */
  maxChannels?: number;
  /** SSH keepalive interval (default 15000 ms; 3 missed answers drop the connection). */
  keepaliveIntervalMs?: number;
}

const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
const DEFAULT_COMMAND_TIMEOUT_MS = 3_600_000;

/** The transport for `hostName`, per `conn.transport`. Nothing is opened until `connect()`/`run()`. */
export function openTransport(hostName: string, conn: Connection, options: TransportOptions = {}): Transport {
  const commandTimeoutMs = conn.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS;
  if (conn.transport === 'local') return new LocalTransport(hostName, { commandTimeoutMs, becomePassword: conn.becomePassword });
  if (conn.transport !== 'ssh') throw new ArgsError(`unknown transport "${String(conn.transport)}"`, { host: hostName, field: 'transport' });
  return new SshTransport(hostName, {
    chain: resolveChain(hostName, conn, options),
    maxChannels: options.maxChannels ?? DEFAULT_MAX_CHANNELS,
    commandTimeoutMs,
    becomePassword: conn.becomePassword,
    persistentShell: conn.persistentShell,
  });
}

/**
 * The endpoints to connect through: jump hosts outermost first, then the host. Inventory values
 * win over ssh_config (port 22 counts as "not set"), as with `ssh -p` / `ssh user@`.
 */
export function resolveChain(hostName: string, conn: Connection, options: TransportOptions = {}): SshEndpoint[] {
  const configFile = conn.sshConfigFile ?? (options.sshConfigFile === undefined ? defaultSshConfigFile() : options.sshConfigFile);
  const config = configFile === null ? SshConfig.parse('') : SshConfig.load(configFile);
  const agent = options.agentSocket === undefined ? process.env.SSH_AUTH_SOCK || undefined : options.agentSocket ?? undefined;
  const defaultKeys = options.defaultKeyFiles ?? ['id_ed25519', 'id_ecdsa', 'id_rsa'].map((f) => `${homedir()}/.ssh/${f}`).filter((f) => existsSync(f));
  const common = {
    knownHostsFiles: conn.knownHostsFiles ?? [`${homedir()}/.ssh/known_hosts`, '/etc/ssh/ssh_known_hosts'],
    acceptNewHostKeys: conn.acceptNewHostKeys ?? false,
    connectTimeoutMs: conn.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    keepaliveIntervalMs: options.keepaliveIntervalMs ?? 15_000,
    agent,
  };
  const cfg = config.resolve(conn.address);
  const target: SshEndpoint = {
    ...common,
    label: hostName,
    address: cfg.hostName ?? conn.address,
    port: conn.port !== 22 ? conn.port : cfg.port ?? 22,
    user: conn.user ?? cfg.user ?? localUser(),
    keyFiles: conn.keyFiles ?? (cfg.identityFiles.length ? cfg.identityFiles : defaultKeys),
    password: conn.password,
    acceptNewHostKeys: acceptNew(conn.acceptNewHostKeys, cfg.hostKeyChecking),
  };
  const proxyCommand = conn.proxyCommand ?? cfg.proxyCommand;
  if (proxyCommand && proxyCommand.toLowerCase() !== 'none') {
    // OpenSSH: ProxyCommand and ProxyJump exclude each other; the proxy command reaches the target itself.
    return [{ ...target, proxyCommand: expandProxyTokens(proxyCommand, target) }];
  }
  const jumps = (conn.jump ?? cfg.proxyJump ?? []).map((spec): SshEndpoint => {
    const inv = options.resolveJump?.(spec);
    if (inv) {
      const [ep] = resolveChain(spec, { ...inv, jump: [] }, options).slice(-1);
      return { ...ep, password: undefined };
    }
    const j = parseJumpSpec(spec);
    const jc = config.resolve(j.host);
    return {
      ...common,
      label: spec,
      address: jc.hostName ?? j.host,
      port: j.port ?? jc.port ?? 22,
      user: j.user ?? jc.user ?? target.user,
      keyFiles: jc.identityFiles.length ? jc.identityFiles : target.keyFiles,
      acceptNewHostKeys: acceptNew(conn.acceptNewHostKeys, jc.hostKeyChecking),
    };
  });
  return [...jumps, target];
}

/**
 * Whether to record an unknown host key: the inventory or --accept-new-host-keys says so, or
 * ssh_config's StrictHostKeyChecking accept-new/no does when they say nothing; ssh_config's `yes`
 * (or `ask`) always refuses, whatever they say: the stricter setting wins.
 */
function acceptNew(fromInventory: boolean | undefined, fromConfig: 'refuse' | 'accept-new' | undefined): boolean {
  if (fromConfig === 'refuse') return false;
  return fromInventory ?? fromConfig === 'accept-new';
}

/** OpenSSH's ProxyCommand tokens: %h address, %p port, %r user, %% a percent sign. */
function expandProxyTokens(command: string, ep: SshEndpoint): string {
  return command.replace(/%([hpr%])/g, (_, t: string) => (t === 'h' ? ep.address : t === 'p' ? String(ep.port) : t === 'r' ? ep.user : '%'));
}
