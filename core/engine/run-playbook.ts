// Runs a playbook's plays in order over one set of host connections, and turns the recap into an exit code.
import type { Playbook } from '../task.ts';
import { inventoryConnections } from '../transport/connection.ts';
import type { HostStats } from './results.ts';
import type { RunContext, RunSettings } from './run-context.ts';
import { runPlay } from './run-play.ts';

import { EXIT } from './exit-codes.ts';

/** Exit codes, as Ansible's (see docs/cli.md). */
export { EXIT };

export interface PlaybookOutcome {
  stats: Map<string, HostStats>;
  /** Unreachable hosts first (4), then failed ones (2), else 0. */
  exitCode: number;
}

/** Runs every play (stopping early when a play says so), closes every connection, reports the recap. */
export async function runPlaybook(pb: Playbook, settings: RunSettings): Promise<PlaybookOutcome> {
  const rc: RunContext = { ...settings, hosts: new Map(), connections: inventoryConnections(settings.inventory, settings.extraVars, settings.cli) };
  const state: { startAt?: string; stepAll?: boolean } = { startAt: settings.startAtTask };
  rc.interrupt?.onAbort(() => Promise.all([...rc.hosts.values()].map((h) => h.close())));
  try {
    for (const play of pb.plays) {
      if (!(await runPlay(rc, play, state))) break;
    }
  } finally {
    await Promise.all([...rc.hosts.values()].map((h) => h.close()));
    rc.interrupt?.close();
  }
  const stats = new Map([...rc.hosts.values()].map((h) => [h.name, h.stats]));
  for (const line of rc.interrupt?.report() ?? []) rc.reporter.notice(line);
  rc.reporter.recap(stats);
  return { stats, exitCode: rc.interrupt?.exitCode ?? exitCodeFor(stats) };
}

function exitCodeFor(stats: Map<string, HostStats>): number {
  const all = [...stats.values()];
  if (all.some((s) => s.unreachable > 0)) return EXIT.hostUnreachable;
  if (all.some((s) => s.failed > 0)) return EXIT.hostFailed;
  return EXIT.ok;
}
