// Fact: how old the host's apt package lists are, and which configured sources have no list at all (a fresh image's empty /var/lib/apt/lists).
import type { FactDefinition } from '../../core/facts.ts';
import type { RunResult } from '../../core/transport/transport.ts';
import { UPDATE_STAMP } from '../lib/apt-command.ts';

export interface AptListsState {
  /** Seconds since the lists were last refreshed, by the host's clock (undefined: never, or unreadable). */
  age?: number;
  /** Configured sources (site_path_dists_suite_component) with no non-empty Packages list on the host. */
  missing: string[];
}

const CONFIGURED = '=configured';
const PRESENT = '=present';

/**
 * One shell command: the host's clock, the mtimes of the stamp and the lists folder, then every Packages list apt's
 * sources configure (`apt-get indextargets --no-release-info` names them whether they exist or not) and the ones
 * present and non-empty. An mtime alone cannot tell a fresh cache from a fresh, empty folder.
 */
export const aptListsFact: FactDefinition<AptListsState> = {
  name: 'apt-lists',
  command: {
    shell: `date +%s; stat -c %Y ${UPDATE_STAMP} /var/lib/apt/lists 2>/dev/null; `
      + `echo ${CONFIGURED}; apt-get indextargets --no-release-info --format '$(FILENAME)' 'Created-By: Packages' 2>/dev/null; `
      + `echo ${PRESENT}; apt-get indextargets --format '$(FILENAME)' 'Created-By: Packages' 2>/dev/null `
      + `| while IFS= read -r f; do [ -s "$f" ] && printf '%s\\n' "$f"; done; true`,
  },
  parse: parseAptLists,
};

/** Pure: the fact from the command's output (see aptListsFact). */
export function parseAptLists(result: Pick<RunResult, 'stdout'>): AptListsState {
  const lines = result.stdout.split('\n').map((l) => l.trim());
  const c = lines.indexOf(CONFIGURED);
  const p = lines.indexOf(PRESENT);
  const head = lines.slice(0, c < 0 ? lines.length : c).filter(Boolean).map(Number);
  const [now, ...times] = head;
  const stamps = times.filter((t) => Number.isFinite(t));
  const age = now !== undefined && Number.isFinite(now) && stamps.length ? Math.max(0, now - Math.max(...stamps)) : undefined;
  const section = (from: number, to: number): string[] => (from < 0 ? [] : lines.slice(from + 1, to < 0 ? lines.length : to).filter(Boolean));
  const configured = new Set(section(c, p).map(sourceOf));
  const present = new Set(section(p, -1).map(sourceOf));
  return { ...(age !== undefined ? { age } : {}), missing: [...configured].filter((s) => !present.has(s)) };
}

/** `/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages.lz4` → `deb.debian.org_debian_dists_bookworm_main`. */
export function sourceOf(listFile: string): string {
  return (listFile.split('/').pop() ?? listFile).replace(/_Packages(\.[a-z0-9]+)?$/, '').replace(/_binary-[^_]+$/, '');
}
