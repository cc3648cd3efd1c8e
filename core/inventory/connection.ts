// connectionFor(): a host's Connection from its tsible_* and ansible_* variables, over the CLI's defaults; bad types name host and variable.
import { ArgsError } from '../errors.ts';
import { Secret, isSecret } from '../secret.ts';
import { expandHome, parseSshArgs, type SshArgs } from './ssh-args.ts';
import type { Connection, InventoryHost } from './types.ts';

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
}

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
  const transportName = str(transportVar) ?? 'ssh';
  let transport: Connection['transport'];
  if (transportName === 'local') transport = 'local';
  else if (['ssh', 'smart', 'paramiko', 'paramiko_ssh'].includes(transportName)) transport = 'ssh';
  else return fail(transportVar![0], `connection type "${transportName}" is not supported (tsible speaks ssh and local)`);

  const method = str(first('ansible_become_method'));
  if (method !== undefined && method !== 'sudo') fail('ansible_become_method', `become method "${method}" is not supported (tsible uses sudo)`);

  const ssh: SshArgs = {};
  for (const n of ['ansible_ssh_common_args', 'ansible_ssh_extra_args']) {
    const text = str(first(n));
    if (text) Object.assign(ssh, parseSshArgs(text, { host: host.name, field: n }));
  }

  const portVar = first('tsible_port', 'ansible_port', 'ansible_ssh_port');
  let port = ssh.port ?? 22;
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
  if (password) conn.password = password;

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
  const becomeUser = str(first('tsible_become_user', 'ansible_become_user', 'ansible_sudo_user')) ?? cli.becomeUser;
  if (becomeUser !== undefined) conn.becomeUser = becomeUser;
  const becomePassword =
    secretOf(first('tsible_become_password', 'ansible_become_password', 'ansible_become_pass', 'ansible_sudo_pass')) ?? cli.askBecomePass;
  if (becomePassword) conn.becomePassword = becomePassword;

  const connectTimeoutMs = seconds(first('tsible_timeout', 'ansible_timeout', 'ansible_ssh_timeout')) ?? ssh.connectTimeoutMs ?? cli.connectTimeoutMs;
  if (connectTimeoutMs !== undefined) conn.connectTimeoutMs = connectTimeoutMs;
  const commandTimeoutMs = seconds(first('tsible_command_timeout'));
  if (commandTimeoutMs !== undefined) conn.commandTimeoutMs = commandTimeoutMs;
  return conn;
}

function describe(v: unknown): string {
  if (isSecret(v)) return 'a secret';
  if (Array.isArray(v)) return 'a list';
  if (v === null) return 'null';
  if (typeof v === 'string') return `"${v.length > 40 ? v.slice(0, 40) + '…' : v}"`;
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${String(v)}`;
}
