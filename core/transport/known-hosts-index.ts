// known_hosts files read and parsed once per version of them and shared by every connection of the process: entries indexed by the literal names they list, so a host's lookup does not scan every line.
import { statSync } from 'node:fs';
import { hostFieldMatches, readKnownHosts, type KnownHostEntry, type KnownHostsLookup } from './known-hosts.ts';

/** How many times known_hosts files were read and parsed in this process (tests check it stays at one per version). */
export const knownHostsReads = { count: 0 };

/** The entries of some known_hosts files, with the lookups a host key check needs. */
export class KnownHostsIndex implements KnownHostsLookup {
  /** Entries whose host field is a plain name list (no wildcard, negation or hash), by lower-cased name. */
  private readonly byName = new Map<string, KnownHostEntry[]>();
  /** Entries that must be matched one by one: hashed names, wildcards, negations. */
  private readonly patterned: KnownHostEntry[] = [];
  private readonly revokedKeys: KnownHostEntry[] = [];
  private readonly order = new Map<KnownHostEntry, number>();

  constructor(readonly entries: readonly KnownHostEntry[]) {
    entries.forEach((e, i) => {
      this.order.set(e, i);
      if (e.marker === '@revoked') this.revokedKeys.push(e);
      if (e.marker === '@cert-authority') return;
      if (e.hosts.startsWith('|') || /[*?!]/.test(e.hosts)) {
        this.patterned.push(e);
        return;
      }
      for (const name of new Set(e.hosts.toLowerCase().split(','))) {
        const list = this.byName.get(name);
        if (list) list.push(e);
        else this.byName.set(name, [e]);
      }
    });
  }

  /** The entries (without @cert-authority ones) that apply to `name`, in file order. */
  entriesFor(name: string): KnownHostEntry[] {
    const literal = this.byName.get(name.toLowerCase()) ?? [];
    const matched = this.patterned.filter((e) => hostFieldMatches(e.hosts, name));
    if (!matched.length) return [...literal];
    return [...literal, ...matched].sort((a, b) => this.order.get(a)! - this.order.get(b)!);
  }

  /** The @revoked entry for `key`, if any. */
  revokedEntry(key: Buffer): KnownHostEntry | undefined {
    return this.revokedKeys.find((e) => e.key.equals(key));
  }
}

const cache = new Map<string, { stamp: string; index: KnownHostsIndex }>();

/**
 * The parsed known_hosts `files`, read again only when one of them changed (inode, size or modification time in
 * nanoseconds differ, as after tsible appends a key): one read for all the connections of a run, however many hosts.
 */
export function knownHostsIndex(files: readonly string[]): KnownHostsIndex {
  const key = files.join('\0');
  const stamp = files.map(stampOf).join('\0');
  const hit = cache.get(key);
  if (hit && hit.stamp === stamp) return hit.index;
  knownHostsReads.count++;
  const index = new KnownHostsIndex(readKnownHosts(files));
  cache.set(key, { stamp, index });
  return index;
}

function stampOf(file: string): string {
  try {
    const s = statSync(file, { bigint: true });
    return `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`;
  } catch {
    return 'none';
  }
}
