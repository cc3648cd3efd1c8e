// Reads ansible_ssh_common_args / ansible_ssh_extra_args: the ssh options tsible can honour (-J, -o ProxyJump=…, -p, -l, -i, …).
import { homedir } from 'node:os';
import { ArgsError, type ErrorLocation } from '../errors.ts';
import { splitWords } from '../inventory/words.ts';

/** What the ssh arguments ask for; each field only if given. */
export interface SshArgs {
  /** -J, ProxyJump or the ssh -W form of ProxyCommand ([] for ProxyJump=none). */
  jump?: string[];
  /** -p, Port. */
  port?: number;
  /** -l, User. */
  user?: string;
  /** -i, IdentityFile (~ expanded). */
  keyFiles?: string[];
  /** UserKnownHostsFile (~ expanded). */
  knownHostsFiles?: string[];
  /** StrictHostKeyChecking: no/accept-new → true, yes/ask → false. */
  acceptNewHostKeys?: boolean;
  /** ConnectTimeout, in ms. */
  connectTimeoutMs?: number;
  /** -F. */
  sshConfigFile?: string;
  /** ProxyCommand other than the `ssh -W` form (run locally; its stdio is the connection). */
  proxyCommand?: string;
}

/** ssh -o options that only tune OpenSSH's own client and mean nothing to tsible's SSH; accepted and ignored. */
const IGNORED_OPTIONS = new Set(
  ['ControlMaster', 'ControlPersist', 'ControlPath', 'ServerAliveInterval', 'ServerAliveCountMax', 'Compression', 'LogLevel',
    'PreferredAuthentications', 'IdentitiesOnly', 'GSSAPIAuthentication', 'ConnectionAttempts', 'KbdInteractiveAuthentication',
    'PasswordAuthentication', 'PubkeyAuthentication', 'HashKnownHosts', 'AddKeysToAgent'].map((o) => o.toLowerCase()),
);
const IGNORED_FLAGS = new Set(['-q', '-v', '-vv', '-vvv', '-C', '-T', '-t', '-tt', '-4', '-6', '-n', '-x']);

/**
 * Parses ssh command-line arguments as written in Ansible's ansible_ssh_common_args/extra_args.
 * Supported: `-J jump[,jump2]`, `-p port`, `-l user`, `-i key`, `-F ssh_config`, and `-o` ProxyJump, ProxyCommand (the
 * `ssh -W %h:%p [user@]jump` form), Port, User, IdentityFile, UserKnownHostsFile, StrictHostKeyChecking
 * (no/accept-new become accept-new: a changed key is still refused), ConnectTimeout. Options that only tune
 * OpenSSH's client are ignored; anything else is an ArgsError at `where` (tsible does not run ssh).
 */
export function parseSshArgs(text: string, where: ErrorLocation): SshArgs {
  const out: SshArgs = {};
  const words = splitWords(text, { where }).map((w) => w.text);
  const fail = (why: string): never => {
    throw new ArgsError(why, where);
  };
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const flag = /^-([JpliFo])(.*)$/.exec(w);
    if (flag) {
      const value = flag[2] !== '' ? flag[2] : words[++i];
      if (value === undefined) fail(`ssh option ${w} needs a value`);
      applyOption({ J: 'proxyjump', p: 'port', l: 'user', i: 'identityfile', F: 'configfile', o: '' }[flag[1]]!, value, out, fail);
    } else if (!IGNORED_FLAGS.has(w)) {
      fail(`unsupported ssh argument "${w}" (tsible speaks SSH itself; see docs/inventory.md for what it honours)`);
    }
  }
  return out;
}

function applyOption(kind: string, value: string, out: SshArgs, fail: (why: string) => never): void {
  let key = kind;
  let written = kind;
  let v = value;
  if (kind === '') {
    const m = /^([A-Za-z0-9]+)\s*(?:=\s*|\s+)(.*)$/s.exec(value.trim());
    if (!m) return fail(`bad ssh option "-o ${value}" (expected -o Key=Value)`);
    written = m[1];
    key = written.toLowerCase();
    v = m[2].trim();
  }
  switch (key) {
    case 'proxyjump':
      out.jump = v === 'none' ? [] : v.split(',').map((s) => s.trim()).filter(Boolean);
      return;
    case 'proxycommand':
      if (/(^|\/)ssh\s/.test(v.trim()) && /\s-W\s/.test(` ${v} `)) out.jump = [jumpFromProxyCommand(v, fail)];
      else if (v.toLowerCase() === 'none') out.proxyCommand = undefined;
      else out.proxyCommand = v;
      return;
    case 'port': {
      const n = /^\d+$/.test(v) ? Number(v) : NaN;
      if (!(n >= 1 && n <= 65535)) fail(`bad ssh port "${v}"`);
      out.port = n;
      return;
    }
    case 'user':
      out.user = v;
      return;
    case 'configfile':
      out.sshConfigFile = expandHome(v);
      return;
    case 'identityfile':
      out.keyFiles = [...(out.keyFiles ?? []), expandHome(v)];
      return;
    case 'userknownhostsfile': {
      const files = v.split(/\s+/).filter(Boolean).map(expandHome);
      if (files.includes('/dev/null')) fail('UserKnownHostsFile=/dev/null turns host key checking off, which tsible does not do (use tsible_accept_new_host_keys=true to record new keys)');
      out.knownHostsFiles = files;
      return;
    }
    case 'stricthostkeychecking': {
      const s = v.toLowerCase();
      if (['no', 'off', 'accept-new'].includes(s)) out.acceptNewHostKeys = true;
      else if (['yes', 'ask'].includes(s)) out.acceptNewHostKeys = false;
      else fail(`bad StrictHostKeyChecking value "${v}"`);
      return;
    }
    case 'connecttimeout': {
      if (!/^\d+$/.test(v)) fail(`bad ConnectTimeout "${v}" (seconds)`);
      out.connectTimeoutMs = Number(v) * 1000;
      return;
    }
    default:
      if (IGNORED_OPTIONS.has(key)) return;
      fail(`unsupported ssh option "${written}" (tsible speaks SSH itself; see docs/inventory.md for what it honours)`);
  }
}

/** `ssh -W %h:%p [-q] [-p port] [-l user] [user@]host` → `user@host:port`; any other ProxyCommand is refused. */
function jumpFromProxyCommand(command: string, fail: (why: string) => never): string {
  const words = splitWords(command).map((w) => w.text);
  if (!/(^|\/)ssh$/.test(words[0] ?? '') || !words.includes('-W')) {
    fail('only ProxyCommand="ssh -W %h:%p [user@]jumphost" is supported (or use ProxyJump / tsible_jump)');
  }
  let port: string | undefined;
  let user: string | undefined;
  let host: string | undefined;
  for (let i = 1; i < words.length; i++) {
    const w = words[i];
    if (w === '-W' || w === '-o' || w === '-i' || w === '-F') i++;
    else if (w === '-p') port = words[++i];
    else if (w === '-l') user = words[++i];
    else if (w.startsWith('-')) continue;
    else host = w;
  }
  if (!host) return fail('ProxyCommand names no jump host');
  if (user && !host.includes('@')) host = `${user}@${host}`;
  return port ? `${host}:${port}` : host;
}

/** `~/x` → `$HOME/x`. */
export function expandHome(path: string): string {
  return path.replace(/^~(?=\/|$)/, homedir());
}
