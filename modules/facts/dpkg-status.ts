// Fact: dpkg's status and version of the named packages, read with ONE dpkg-query.
import { FactError } from '../../core/errors.ts';
import type { FactDefinition } from '../../core/facts.ts';
import type { RunResult } from '../../core/transport/transport.ts';

/** One package (one architecture) as dpkg knows it. */
export interface DpkgPackage {
  name: string;
  arch: string;
  /** Wanted action: install, hold, deinstall, purge, unknown. */
  want: string;
  /** installed, config-files, not-installed, half-installed, unpacked, half-configured, triggers-awaited, triggers-pending. */
  state: string;
  /** Installed (or last installed, for config-files) version; '' when none. */
  version: string;
}

/** The named packages by name; a name dpkg has never heard of maps to []. */
export type DpkgStatus = Record<string, DpkgPackage[]>;

/** dpkg-query expands the \t and \n escapes itself. */
const FORMAT = '${Package}\\t${Architecture}\\t${Status}\\t${Version}\\n';

/** The fact for a set of package names (each `name` or `name:arch`), cached per set. */
export function dpkgStatusFact(names: readonly string[]): FactDefinition<DpkgStatus> {
  const sorted = [...new Set(names)].sort();
  return {
    name: `dpkg-status:${sorted.join(',')}`,
    command: ['dpkg-query', '-W', `-f=${FORMAT}`, ...sorted],
    parse: (result) => parseDpkgStatus(sorted, result),
  };
}

/** Pure parser: exit 0, or 1 with "no packages found matching X" for unknown names; anything else is a FactError. */
export function parseDpkgStatus(names: readonly string[], result: Pick<RunResult, 'code' | 'stdout' | 'stderr'>): DpkgStatus {
  const unknownLines = result.stderr.split('\n').filter((l) => l.trim() !== '' && !/^dpkg-query: no packages found matching \S+$/.test(l.trim()));
  if ((result.code !== 0 && result.code !== 1) || unknownLines.length) {
    throw new FactError(`dpkg-query failed (exit ${result.code}): ${result.stderr.trim() || result.stdout.trim()}`);
  }
  const out: DpkgStatus = {};
  for (const n of names) out[n.split(':')[0]!] = [];
  for (const line of result.stdout.split('\n')) {
    if (!line.trim()) continue;
    const [name, arch, status, version = ''] = line.split('\t');
    const words = (status ?? '').split(' ');
    // A package dpkg only remembers (purged, or known from an interrupted run) has no architecture: `heartbeat\t\tunknown ok not-installed\t`.
    if (!name || arch === undefined || words.length !== 3) throw new FactError(`unexpected dpkg-query line: ${JSON.stringify(line)}`);
    (out[name] ??= []).push({ name, arch, want: words[0]!, state: words[2]!, version });
  }
  return out;
}
