// Runs one play: selects hosts, rolls through `serial` batches, runs each task on every live host (forks at once), flushes handlers.
import pLimit from 'p-limit';
import { ArgsError } from '../errors.ts';
import { implicitLocalhost, selectHosts } from '../inventory/pattern.ts';
import type { FlushHandlers, Play, Task } from '../task.ts';
import { connectionFor } from '../transport/connection.ts';
import { openTransport } from '../transport/open.ts';
import { Host } from './host.ts';
import { count, type HostTaskResult } from './results.ts';
import type { RunContext } from './run-context.ts';
import { runTaskOnHost } from './run-task.ts';
import { serialBatches } from './serial.ts';
import { taskSelected } from './tag-filter.ts';
import { taskLabel } from './task-label.ts';
import { gatherFactsTask } from './gather-facts.ts';

/** Hosts a play matches (after --limit); [] when none match (a notice, not an error, as in Ansible). */
export function playHosts(rc: Pick<RunContext, 'inventory' | 'limit'>, play: Play): string[] {
  try {
    return selectHosts(rc.inventory, play.hosts, rc.limit).map((h) => h.name);
  } catch (e) {
    if (e instanceof ArgsError && /^.*no host matches/.test(e.message)) return [];
    throw e;
  }
}

/** Runs `play`. Returns false when the run must stop (anyErrorsFatal or maxFailPercentage reached). */
export async function runPlay(rc: RunContext, play: Play, state: { startAt?: string; stepAll?: boolean }): Promise<boolean> {
  const names = playHosts(rc, play);
  rc.reporter.playStart({ name: play.name ?? play.hosts, hosts: names, check: rc.check });
  if (!names.length) {
    rc.reporter.notice('skipping: no hosts matched');
    return true;
  }
  const limit = pLimit(Math.max(1, rc.forks));
  for (const batchNames of serialBatches(names, play.serial)) {
    const batch = batchNames.map((n) => hostOf(rc, n));
    for (const h of batch) h.failed = false;
    const live = () => batch.filter((h) => !h.failed && !h.unreachable);
    const runOn = async (task: Task, handler: boolean, on: Host[]): Promise<HostTaskResult[]> => {
      rc.reporter.taskStart({ name: taskLabel(task), handler, module: task.module.name });
      const results = await Promise.all(on.map((h) => limit(async () => {
        if (rc.interrupt?.requested) return undefined; // interrupted: no new task starts
        const r = await (rc.interrupt ? rc.interrupt.track(h.name, taskLabel(task), () => runTaskOnHost(rc, play, h, task)) : runTaskOnHost(rc, play, h, task));
        count(h.stats, r);
        if (r.status === 'unreachable') h.unreachable = true;
        if (r.status === 'failed' && !r.ignored) h.failed = true;
        rc.reporter.hostResult({ name: taskLabel(task), module: task.module.name }, r);
        return r;
      })));
      return results.filter((r): r is HostTaskResult => r !== undefined);
    };
    const aborted = (results: HostTaskResult[]): boolean => {
      if (rc.interrupt?.requested) return true;
      const failed = results.filter((r) => (r.status === 'failed' && !r.ignored) || r.status === 'unreachable').length;
      if (failed && play.anyErrorsFatal) {
        rc.reporter.notice('a host failed and anyErrorsFatal is set: stopping the play on every host');
        return true;
      }
      if (play.maxFailPercentage !== undefined && (batch.filter((h) => h.failed || h.unreachable).length * 100) / batch.length > play.maxFailPercentage) {
        rc.reporter.notice(`more than ${play.maxFailPercentage}% of the batch's hosts failed: stopping the play`);
        return true;
      }
      return false;
    };
    const flush = async (): Promise<boolean> => {
      for (let round = 0; round < 10; round++) {
        let ran = false;
        for (const handler of play.handlers ?? []) {
          const answers = [handler.name, ...[handler.listen ?? []].flat()].filter((n): n is string => !!n);
          const eligible = rc.forceHandlers ? batch.filter((h) => !h.unreachable) : live();
          const on = eligible.filter((h) => answers.some((a) => h.notified.has(a)));
          if (!on.length) continue;
          for (const h of on) for (const a of answers) h.notified.delete(a);
          ran = true;
          if (aborted(await runOn(handler, true, on))) return false;
        }
        if (!ran) break;
      }
      return true;
    };
    const tasks: (Task | FlushHandlers)[] = play.gatherFacts ? [gatherFactsTask(rc.factsModule), ...play.tasks] : play.tasks;
    for (const task of tasks) {
      if (!live().length) break;
      if ('flushHandlers' in task) {
        if (!(await flush())) return false;
        continue;
      }
      if (state.startAt !== undefined) {
        if (taskLabel(task) !== state.startAt) continue;
        state.startAt = undefined;
      }
      if (!taskSelected(task, rc.tags, rc.skipTags)) continue;
      if (rc.step && !state.stepAll) {
        const answer = await rc.step(taskLabel(task));
        if (answer === 'n') continue;
        if (answer === 'c') state.stepAll = true;
      }
      if (aborted(await runOn(task, false, live()))) return false;
    }
    if (!(await flush())) return false;
    if (!live().length && batch.length) {
      rc.reporter.notice('NO MORE HOSTS LEFT');
      return false;
    }
  }
  return true;
}

/** The run's Host for `name` (made on first use, kept across plays: one connection per host). */
function hostOf(rc: RunContext, name: string): Host {
  let h = rc.hosts.get(name);
  if (!h) {
    // A name selected but not in the inventory is the implicit localhost (connection local), as in Ansible.
    const inventoryHost = rc.inventory.hosts.get(name) ?? implicitLocalhost(rc.inventory, name);
    const connection = rc.connections(name) ?? connectionFor({ ...inventoryHost, vars: { ...inventoryHost.vars, ...rc.extraVars } }, rc.cli);
    h = new Host(name, inventoryHost, connection, () => openTransport(name, connection, { resolveJump: rc.connections, ...rc.transportOptions }));
    rc.hosts.set(name, h);
  }
  return h;
}
