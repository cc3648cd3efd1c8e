// What a task did on one host, and the per-host counters of the PLAY RECAP.
import type { FileDiff } from '../module.ts';
import type { TaskResultData } from '../task.ts';

export type HostStatus = 'ok' | 'changed' | 'failed' | 'skipped' | 'unreachable';

/** One task's outcome on one host. */
export interface HostTaskResult {
  host: string;
  status: HostStatus;
  /** The registered data (changed, failed, msg, module output; `results` for loops). */
  data: TaskResultData;
  /** One line per planned change (what changed, or would change in check mode). */
  changes: string[];
  /** File diffs, secrets masked (shown with --diff). */
  diffs: FileDiff[];
  /** Failed but ignoreErrors was set: counted as ignored, the host goes on. */
  ignored?: boolean;
  /** Loop item, for per-item lines. */
  items?: HostTaskResult[];
  item?: unknown;
  /** Check mode result. */
  check?: boolean;
  error?: Error;
}

/** PLAY RECAP counters of one host, with Ansible's field names. */
export interface HostStats {
  ok: number;
  changed: number;
  unreachable: number;
  failed: number;
  skipped: number;
  rescued: number;
  ignored: number;
}

export function emptyStats(): HostStats {
  return { ok: 0, changed: 0, unreachable: 0, failed: 0, skipped: 0, rescued: 0, ignored: 0 };
}

/** Adds one task result to a host's counters as Ansible does (changed also counts as ok). */
export function count(stats: HostStats, r: HostTaskResult): void {
  switch (r.status) {
    case 'ok': stats.ok++; break;
    case 'changed': stats.ok++; stats.changed++; break;
    case 'skipped': stats.skipped++; break;
    case 'unreachable': stats.unreachable++; break;
    case 'failed':
      if (r.ignored) { stats.ok++; stats.ignored++; } else stats.failed++;
      break;
  }
}
