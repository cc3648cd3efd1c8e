// How to reach a host: the Connection the transport layer reads from the host's tsible_*/ansible_* variables over the CLI's defaults (bad types name host and variable).
import { ArgsError } from '../errors.ts';
import { Secret, isSecret } from '../secret.ts';
import type { Inventory, InventoryHost, Vars } from '../inventory/types.ts';
import { expandHome, parseSshArgs, type SshArgs } from './ssh-args.ts';

/** How to reach a host (from ansible_* / tsible_* variables, ~/.ssh/config and CLI options). */
export interface Connection {
  /** 'ssh' (default) or 'local'. */
  transport: 'ssh' | 'local';
  /** Address or name to connect to (ansible_host), default the inventory name. */
  address: string;
  port: number;
  user?: string;
  /** Private key files to try, in order. */
  keyFiles?: string[];
  password?: Secret;
  /** Jump hosts, outermost first, as user@host:port strings or inventory host names. */
  jump?: string[];
  /**
   * A local command whose standard input/output is the connection to the host (OpenSSH's ProxyCommand;
   * %h, %p and %r are replaced by address, port and user). Wins over `jump`.
   */
  proxyCommand?: string;
  /** ssh_config file to read for this host (from `-F FILE` in ansible_ssh_common_args, or tsible_ssh_config); default the transport's. */
  sshConfigFile?: string;
  /** known_hosts files to check against (default ~/.ssh/known_hosts). */
  knownHostsFiles?: string[];
  /** Accept and record an unknown host key (never a changed one). */
  acceptNewHostKeys?: boolean;
  become?: boolean;
  /** How to become: sudo (default) or su. */
  becomeMethod?: 'sudo' | 'su';
  becomeUser?: string;
  becomePassword?: Secret;
  connectTimeoutMs?: number;
  commandTimeoutMs?: number;
  /** Commands go through one long-lived shell on the connection (default; large input and typed passwords still take a channel); false: a channel each, as Ansible. */
  persistentShell?: boolean;
}

/** Connection settings from the command line: defaults that host variables override. */
export interface CliConnectionOptions {
  /** -u / --user. */
  user?: string;
  /** --private-key. */
  privateKey?: string;
  /** -b / --become. */
  become?: boolean;
  /** --become-user. */
  becomeUser?: string;
  /** -K / --ask-become-pass: the password typed. */
  askBecomePass?: Secret;
  /** --timeout, in ms. */
  connectTimeoutMs?: number;
  /** Record unknown host keys (never accept a changed one). */
  acceptNewHostKeys?: boolean;
  /** known_hosts files to check host keys against. */
  knownHostsFiles?: string[];
  /** -c / --connection (or the config's transport): ssh (smart, paramiko) or local. */
  transport?: string;
  /** remote_port from the config. */
  port?: number;
  /** --become-method: sudo or su. */
  becomeMethod?: string;
  /** -k / --ask-pass: the login password typed. */
  password?: Secret;
  /** ssh_args from the config: applied under the common and extra args. */
  sshArgs?: string;
  /** --ssh-common-args (or the config's); ansible_ssh_common_args replaces it. */
  sshCommonArgs?: string;
  /** --ssh-extra-args (or the config's); ansible_ssh_extra_args replaces it. */
  sshExtraArgs?: string;
}

/** Become methods tsible speaks. */
export const BECOME_METHODS = ['sudo', 'su'] as const;

/**
 * The Connection for `host` from its (merged) variables; for each setting the first one set wins:
 * tsible_* name, then its ansible_* names, then ansible_ssh_extra_args / ansible_ssh_common_args,
 * then the CLI option. The table is in docs/inventory.md. A value of the wrong type is an ArgsError
 * naming the host and the variable. To apply -e extra vars, pass `{...host, vars: {...host.vars, ...extra}}`.
 */
export function connectionFor(host: InventoryHost, cli: CliConnectionOptions = {}): Connection {
  const vars = host.vars;
  // A Secret setting (from a vault-encrypted inventory) is used as its value, never quoted in an error.
  const secretSettings = new Set<string>();
  const fail = (name: string, why: string): never => {
    throw new ArgsError(secretSettings.has(name) ? why.replace(/, got .*$/s, ', got a secret value') : why, { host: host.name, field: name });
  };
  const first = (...names: string[]): [string, unknown] | undefined => {
    for (const n of names) {
      const v = vars[n];
      if (v === undefined || v === null) continue;
      if (isSecret(v)) secretSettings.add(n);
      return [n, isSecret(v) ? v.reveal() : v];
    }
    return undefined;
  };
  const str = (e: [string, unknown] | undefined): string | undefined => {
    if (!e) return undefined;
    const [n, v] = e;
    if (typeof v === 'number') return String(v);
    if (typeof v !== 'string' || v === '') return fail(n, `${n} must be a non-empty string, got ${describe(v)}`);
    return v;
  };
  const bool = (e: [string, unknown] | undefined): boolean | undefined => {
    if (!e) return undefined;
    const [n, v] = e;
    if (typeof v === 'boolean') return v;
    const s = typeof v === 'string' || typeof v === 'number' ? String(v).toLowerCase() : '';
    if (['yes', 'true', 'on', '1'].includes(s)) return true;
    if (['no', 'false', 'off', '0'].includes(s)) return false;
    return fail(n, `${n} must be a boolean (true/false, yes/no), got ${describe(v)}`);
  };
  const seconds = (e: [string, unknown] | undefined): number | undefined => {
    if (!e) return undefined;
    const [n, v] = e;
    const x = typeof v === 'number' ? v : typeof v === 'string' && /^\d+(\.\d+)?$/.test(v) ? Number(v) : NaN;
    if (!(x > 0)) return fail(n, `${n} must be a number of seconds, got ${describe(v)}`);
    return Math.round(x * 1000);
  };
  const list = (e: [string, unknown] | undefined): string[] | undefined => {
    if (!e) return undefined;
    const [n, v] = e;
    if (typeof v === 'string') return v.split(',').map((s) => s.trim()).filter(Boolean);
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v.map((s: string) => s.trim()).filter(Boolean);
    return fail(n, `${n} must be a string or a list of strings, got ${describe(v)}`);
  };
  const secretOf = (e: [string, unknown] | undefined): Secret | undefined => {
    if (!e) return undefined;
    const [n, v] = e;
    if (isSecret(v)) return v;
    if (typeof v === 'string' || typeof v === 'number') return new Secret(String(v));
    return fail(n, `${n} must be a string, got ${describe(v)}`);
  };

  const transportVar = first('tsible_connection', 'ansible_connection');
  const transportName = str(transportVar) ?? cli.transport ?? 'ssh';
  let transport: Connection['transport'];
  if (transportName === 'local') transport = 'local';
  else if (['ssh', 'smart', 'paramiko', 'paramiko_ssh'].includes(transportName)) transport = 'ssh';
  else return fail(transportVar?.[0] ?? 'connection', `connection type "${transportName}" is not supported (tsible speaks ssh and local)`);

  const methodVar = first('tsible_become_method', 'ansible_become_method');
  const method = str(methodVar) ?? cli.becomeMethod ?? 'sudo';
  if (!(BECOME_METHODS as readonly string[]).includes(method)) {
    fail(methodVar?.[0] ?? 'become_method', `become method "${method}" is not supported (tsible speaks ${BECOME_METHODS.join(' and ')})`);
  }

  // ssh_args (config), then the common and extra args: each from the host's variable, else the command line or config.
  const ssh: SshArgs = {};
  const sshTexts: [string, string | undefined][] = [
    ['ssh_args', cli.sshArgs],
    ['ansible_ssh_common_args', str(first('ansible_ssh_common_args')) ?? cli.sshCommonArgs],
    ['ansible_ssh_extra_args', str(first('ansible_ssh_extra_args')) ?? cli.sshExtraArgs],
  ];
  for (const [n, text] of sshTexts) if (text) Object.assign(ssh, parseSshArgs(text, { host: host.name, field: n }));

  const portVar = first('tsible_port', 'ansible_port', 'ansible_ssh_port');
  let port = ssh.port ?? cli.port ?? 22;
  if (portVar) {
    const [n, v] = portVar;
    port = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v) : NaN;
    if (!Number.isInteger(port) || port < 1 || port > 65535) fail(n, `${n} must be a port number (1-65535), got ${describe(v)}`);
  }

  const conn: Connection = {
    transport,
    address: str(first('tsible_host', 'ansible_host', 'ansible_ssh_host')) ?? host.name,
    port,
  };
  const user = str(first('tsible_user', 'ansible_user', 'ansible_ssh_user')) ?? ssh.user ?? cli.user;
  if (user !== undefined) conn.user = user;
  const keys = list(first('tsible_key_file', 'ansible_ssh_private_key_file', 'ansible_private_key_file')) ?? ssh.keyFiles ?? (cli.privateKey ? [cli.privateKey] : undefined);
  if (keys) conn.keyFiles = keys.map(expandHome);
  const password = secretOf(first('tsible_password', 'ansible_password', 'ansible_ssh_pass', 'ansible_ssh_password'));
  if (password ?? cli.password) conn.password = password ?? cli.password;

  const jumpVar = first('tsible_jump');
  const jump = jumpVar ? list(jumpVar)!.filter((j) => j !== 'none') : ssh.jump;
  if (jump) {
    if (jump.includes(host.name)) fail(jumpVar?.[0] ?? 'ansible_ssh_common_args', `host ${host.name} cannot be its own jump host`);
    conn.jump = jump;
  }
  const proxyCommand = str(first('tsible_proxy_command')) ?? ssh.proxyCommand;
  if (proxyCommand !== undefined) conn.proxyCommand = proxyCommand;
  const sshConfig = str(first('tsible_ssh_config')) ?? ssh.sshConfigFile;
  if (sshConfig !== undefined) conn.sshConfigFile = expandHome(sshConfig);
  const known = list(first('tsible_known_hosts')) ?? ssh.knownHostsFiles ?? cli.knownHostsFiles;
  if (known) conn.knownHostsFiles = known.map(expandHome);
  const hostKeyChecking = bool(first('ansible_host_key_checking'));
  const acceptNew = bool(first('tsible_accept_new_host_keys')) ?? (hostKeyChecking === false ? true : undefined) ?? ssh.acceptNewHostKeys ?? cli.acceptNewHostKeys;
  if (acceptNew !== undefined) conn.acceptNewHostKeys = acceptNew;

  const become = bool(first('tsible_become', 'ansible_become', 'ansible_sudo')) ?? cli.become;
  if (become !== undefined) conn.become = become;
  if (method !== 'sudo') conn.becomeMethod = method as Connection['becomeMethod'];
  const becomeUser = str(first('tsible_become_user', 'ansible_become_user', 'ansible_sudo_user')) ?? cli.becomeUser;
  if (becomeUser !== undefined) conn.becomeUser = becomeUser;
  const becomePassword =
    secretOf(first('tsible_become_password', 'ansible_become_password', 'ansible_become_pass', 'ansible_sudo_pass')) ?? cli.askBecomePass;
  if (becomePassword) conn.becomePassword = becomePassword;

  const connectTimeoutMs = seconds(first('tsible_timeout', 'ansible_timeout', 'ansible_ssh_timeout')) ?? ssh.connectTimeoutMs ?? cli.connectTimeoutMs;
  if (connectTimeoutMs !== undefined) conn.connectTimeoutMs = connectTimeoutMs;
  const commandTimeoutMs = seconds(first('tsible_command_timeout'));
  if (commandTimeoutMs !== undefined) conn.commandTimeoutMs = commandTimeoutMs;
  const persistentShell = bool(first('tsible_persistent_shell'));
  if (persistentShell !== undefined) conn.persistentShell = persistentShell;
  return conn;
}

/**
 * Each inventory host's Connection by name (-e extra vars applied), read once: the transport's view of the
 * inventory, and what a jump host name (tsible_jump=NAME) resolves against before ssh_config and DNS.
 */
export function inventoryConnections(inventory: Inventory, extraVars: Vars = {}, cli: CliConnectionOptions = {}): (name: string) => Connection | undefined {
  const read = new Map<string, Connection>();
  return (name) => {
    const host = inventory.hosts.get(name);
    if (!host) return undefined;
    let conn = read.get(name);
    if (!conn) read.set(name, (conn = connectionFor({ ...host, vars: { ...host.vars, ...extraVars } }, cli)));
    return conn;
  };
}

function describe(v: unknown): string {
  if (isSecret(v)) return 'a secret';
  if (Array.isArray(v)) return 'a list';
  if (v === null) return 'null';
  if (typeof v === 'string') return `"${v.length > 40 ? v.slice(0, 40) + '…' : v}"`;
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${String(v)}`;
}
