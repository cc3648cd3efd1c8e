// --json: one machine-readable document for the whole run, printed at the end (secrets already masked).
import type { RunReporter } from '../core/engine/events.ts';
import type { HostStats, HostTaskResult } from '../core/engine/results.ts';

interface JsonTask {
  name: string;
  module: string;
  handler: boolean;
  hosts: Record<string, Record<string, unknown>>;
}

export class JsonReporter implements RunReporter {
  private readonly plays: { name: string; check: boolean; tasks: JsonTask[]; notices: string[] }[] = [];
  constructor(private readonly write: (text: string) => void) {}

  playStart(play: { name: string; check: boolean }): void {
    this.plays.push({ name: play.name, check: play.check, tasks: [], notices: [] });
  }

  taskStart(task: { name: string; handler: boolean; module: string }): void {
    this.plays.at(-1)?.tasks.push({ name: task.name, module: task.module, handler: task.handler, hosts: {} });
  }

  hostResult(_task: { name: string }, r: HostTaskResult): void {
    const t = this.plays.at(-1)?.tasks.at(-1);
    if (!t) return;
    // The module's data as registered, then tsible's outcome, which a module's own `status` (service: the unit's
    // state, uri: the HTTP code) must not overwrite: that one is kept as `module_status`.
    const { status: moduleStatus, ...data } = r.data as Record<string, unknown>;
    t.hosts[r.host] = {
      ...data, ...(moduleStatus !== undefined ? { module_status: moduleStatus } : {}),
      status: r.status, ...(r.ignored ? { ignored: true } : {}), changes: r.changes, ...(r.diffs.length ? { diff: r.diffs } : {}),
    };
  }

  notice(message: string): void {
    this.plays.at(-1)?.notices.push(message);
  }

  recap(stats: Map<string, HostStats>): void {
    this.write(`${JSON.stringify({ plays: this.plays, stats: Object.fromEntries(stats) }, null, 2)}\n`);
  }
}
