// Fact: the live host name and the files that persist it (/etc/hostname, /etc/hosts), read in one round trip.
import { FactError } from '../../core/errors.ts';
import type { FactDefinition } from '../../core/facts.ts';
import { fileSnapshotScript, parseFileSnapshots, snapshotOf, type FileSnapshot } from './file-snapshot.ts';

export interface HostnameState {
  /** What `hostname` prints (the kernel's host name in the host's UTS namespace). */
  live: string;
  hostnameFile: FileSnapshot;
  hostsFile: FileSnapshot;
}

export const HOSTNAME_FILE = '/etc/hostname';
export const HOSTS_FILE = '/etc/hosts';

/** The fact (one per host, cached by name). */
export const hostnameStateFact: FactDefinition<HostnameState> = {
  name: 'hostname-state',
  command: { shell: `printf '@@tsible-hostname %s\\n' "$(hostname)"\n${fileSnapshotScript([HOSTNAME_FILE, HOSTS_FILE])}` },
  parse: (result) => parseHostnameState(result.stdout, result.stderr),
};

/** Pure parser of the fact command's output. */
export function parseHostnameState(stdout: string, stderr = ''): HostnameState {
  const m = /^@@tsible-hostname (\S+)$/m.exec(stdout);
  if (!m) throw new FactError(`cannot read the host name${stderr.trim() ? `: ${stderr.trim()}` : ''}`);
  const files = parseFileSnapshots(stdout);
  return { live: m[1]!, hostnameFile: snapshotOf(files, HOSTNAME_FILE, stderr), hostsFile: snapshotOf(files, HOSTS_FILE, stderr) };
}
