// known_hosts files: parse entries (plain, comma lists, wildcards, [host]:port, hashed |1|), check a key, append one.
import { createHmac } from 'node:crypto';
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { keyType } from './host-key.ts';
import { matchPatternList } from './pattern.ts';

/** One key line of a known_hosts file. */
export interface KnownHostEntry {
  /** '@revoked' or '@cert-authority' when the line starts with a marker. */
  marker?: string;
  /** The host field as written: comma list of patterns, or one hashed `|1|salt|hash` name. */
  hosts: string;
  /** Key type as written, e.g. 'ssh-ed25519'. */
  type: string;
  /** The key blob (decoded base64). */
  key: Buffer;
  /** Where the line is, for messages. */
  file: string;
  line: number;
}

/** What the known_hosts files say about the key a host presented. */
export type HostKeyVerdict =
  | { status: 'known'; entry: KnownHostEntry }
  | { status: 'unknown' }
  | { status: 'changed'; expected: KnownHostEntry[] }
  | { status: 'revoked'; entry: KnownHostEntry };

/** The name OpenSSH looks up: `host` on port 22, `[host]:port` otherwise. */
export function knownHostsName(address: string, port: number): string {
  return port === 22 ? address : `[${address}]:${port}`;
}

/** Parses the text of one known_hosts file; malformed lines are ignored, like OpenSSH does. */
export function parseKnownHosts(text: string, file: string): KnownHostEntry[] {
  const out: KnownHostEntry[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const fields = line.split(/\s+/);
    let marker: string | undefined;
    if (fields[0].startsWith('@')) marker = fields.shift();
    if (fields.length < 3) return;
    const [hosts, type, b64] = fields;
    const key = Buffer.from(b64, 'base64');
    if (key.length === 0) return;
    out.push({ marker, hosts, type, key, file, line: i + 1 });
  });
  return out;
}

/** Reads and parses known_hosts files; missing files count as empty. */
export function readKnownHosts(files: readonly string[]): KnownHostEntry[] {
  const out: KnownHostEntry[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw err;
    }
    out.push(...parseKnownHosts(text, file));
  }
  return out;
}

/** Whether an entry's host field names `name` (hashed names, comma lists, wildcards, negations). */
export function hostFieldMatches(hosts: string, name: string): boolean {
  if (hosts.startsWith('|1|')) {
    const [, , salt64, hash64] = hosts.split('|');
    if (!salt64 || !hash64) return false;
    const mac = createHmac('sha1', Buffer.from(salt64, 'base64')).update(name).digest('base64');
    return mac === hash64;
  }
  return matchPatternList(hosts.split(','), name);
}

/** The questions a host key check asks of known_hosts (answered by a list of entries, or by known-hosts-index.ts's index). */
export interface KnownHostsLookup {
  /** The entries (without @cert-authority ones) that apply to `name`, in file order. */
  entriesFor(name: string): KnownHostEntry[];
  /** The @revoked entry for `key`, if any. */
  revokedEntry(key: Buffer): KnownHostEntry | undefined;
}

/** The lookups over a plain list of entries (each a scan). */
function listLookup(entries: readonly KnownHostEntry[]): KnownHostsLookup {
  return { entriesFor: (name) => entriesFor(entries, name), revokedEntry: (key) => entries.find((e) => e.marker === '@revoked' && e.key.equals(key)) };
}

/** The entries (without @cert-authority ones) that apply to `name`. */
export function entriesFor(entries: readonly KnownHostEntry[], name: string): KnownHostEntry[] {
  return entries.filter((e) => e.marker !== '@cert-authority' && hostFieldMatches(e.hosts, name));
}

/**
 * Judges a presented host key. Any recorded key of the same type that differs, or only keys of
 * other types, means "changed" (stricter than OpenSSH, which would ask: a different key is refused).
 */
export function checkHostKey(known: readonly KnownHostEntry[] | KnownHostsLookup, name: string, key: Buffer): HostKeyVerdict {
  const lookup = Array.isArray(known) ? listLookup(known as readonly KnownHostEntry[]) : (known as KnownHostsLookup);
  const mine = lookup.entriesFor(name);
  const revoked = lookup.revokedEntry(key);
  if (revoked) return { status: 'revoked', entry: revoked };
  const plain = mine.filter((e) => e.marker === undefined);
  const same = plain.find((e) => e.key.equals(key));
  if (same) return { status: 'known', entry: same };
  if (plain.length === 0) return { status: 'unknown' };
  const sameType = plain.filter((e) => e.type === keyType(key));
  return { status: 'changed', expected: sameType.length ? sameType : plain };
}

/** The known_hosts line recording `key` for `name`. */
export function knownHostsLine(name: string, key: Buffer): string {
  return `${name} ${keyType(key)} ${key.toString('base64')}`;
}

/** Appends a line for `key` to `file`, creating the file (0600) and its directory (0700) if needed. */
export function appendKnownHost(file: string, name: string, key: Buffer): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  let prefix = '';
  try {
    const text = readFileSync(file, 'utf8');
    if (text.length && !text.endsWith('\n')) prefix = '\n';
  } catch {
    /* new file */
  }
  appendFileSync(file, `${prefix}${knownHostsLine(name, key)}\n`, { mode: 0o600 });
}
