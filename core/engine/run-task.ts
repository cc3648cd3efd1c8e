// Runs one task on one host: when, loop, retries/until, check-mode override, changedWhen/failedWhen, register, notify.
import { ConnectError, TsibleError } from '../errors.ts';
import type { Condition, Play, Task, TaskResultData } from '../task.ts';
import type { Become } from '../transport/transport.ts';
import type { Host } from './host.ts';
import type { HostTaskResult } from './results.ts';
import type { RunContext } from './run-context.ts';
import { runModule } from './run-module.ts';
import { maskAll, secretsIn } from './secrets-in.ts';
import { taskVars, withItem, withVar } from './task-vars.ts';
import { conditionHolds, templateValue } from '../template/template-value.ts';
import { taskLabel } from './task-label.ts';

/** The register name of the implicit fact-gathering task (its data is merged into host variables). */
export const SETUP_REGISTER = '__setup';

/** The outcome of `task` on `host`. Never throws: errors become failed (or unreachable) results. */
export async function runTaskOnHost(rc: RunContext, play: Play, host: Host, task: Task): Promise<HostTaskResult> {
  const vars = taskVars(rc, play, host, task);
  const become = host.becomeFor(task, play);
  let items: unknown[] | undefined;
  try {
    items = typeof task.loop === 'function' ? task.loop(vars)
      : typeof task.loop === 'string' ? templateValue(task.loop, vars, { label: 'loop', where: { host: host.name, task: taskLabel(task), field: 'loop' } }) as unknown[]
      : task.loop;
    if (items !== undefined && !Array.isArray(items)) throw new TsibleError('loop must give a list', { host: host.name, task: taskLabel(task), field: 'loop' });
  } catch (e) {
    return finish(rc, host, task, failedResult(host.name, e as Error, vars));
  }
  if (items === undefined) return finish(rc, host, task, await runItem(rc, host, task, vars, become));
  const results: HostTaskResult[] = [];
  for (const item of items) {
    const r = await runItem(rc, host, task, withItem(vars, item), become);
    r.item = item;
    results.push(r);
    if (r.status === 'unreachable') break;
  }
  return finish(rc, host, task, combineItems(host.name, results));
}

/** One run of the module (for one loop item), with `when` and retries. */
async function runItem(rc: RunContext, host: Host, task: Task, vars: Record<string, unknown>, become: Become | undefined): Promise<HostTaskResult> {
  try {
    if (!whenHolds(task, vars, host.name)) return { host: host.name, status: 'skipped', data: { changed: false, failed: false, skipped: true, skip_reason: 'Conditional result was False' }, changes: [], diffs: [] };
  } catch (e) {
    return failedResult(host.name, new TsibleError(`when threw: ${(e as Error).message}`, { host: host.name, task: taskLabel(task), field: 'when' }, { cause: e }), vars);
  }
  const retrying = task.until !== undefined || task.retries !== undefined;
  const attempts = retrying ? (task.retries ?? 3) + 1 : 1;
  let result: HostTaskResult | undefined;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    result = await runOnce(rc, host, task, vars, become);
    if (result.status === 'unreachable' || !retrying) break;
    let done: boolean;
    try {
      done = task.until !== undefined ? resultTest(task, task.until, result.data, vars, 'until') : result.status !== 'failed';
    } catch (e) {
      return failedResult(host.name, new TsibleError(`until threw: ${(e as Error).message}`, { host: host.name, task: taskLabel(task), field: 'until' }, { cause: e }), vars);
    }
    result.data.attempts = attempt;
    if (done) break;
    if (attempt === attempts) {
      result.status = 'failed';
      result.data.failed = true;
      result.data.msg ??= `retries exhausted (${attempts} attempts)`;
      break;
    }
    await new Promise((r) => setTimeout(r, (task.delay ?? 5) * 1000));
  }
  return result!;
}

async function runOnce(rc: RunContext, host: Host, task: Task, vars: Record<string, unknown>, become: Become | undefined): Promise<HostTaskResult> {
  const check = task.checkMode ?? rc.check;
  const run = await runModule({
    module: task.module, args: task.args, host, vars, check,
    diff: task.diff ?? rc.diff, baseDir: rc.baseDir, become,
    where: { file: rc.file, task: taskLabel(task) },
  });
  if (run.error instanceof ConnectError) {
    return { host: host.name, status: 'unreachable', data: { changed: false, failed: true, unreachable: true, msg: run.error.message }, changes: [], diffs: [], error: run.error };
  }
  const data = run.data as TaskResultData;
  const result: HostTaskResult = {
    host: host.name, status: run.status, data, check, error: run.error,
    changes: run.changes.map((c) => c.summary), diffs: run.changes.flatMap((c) => (c.diff ? [c.diff] : [])),
  };
  try {
    if (run.status !== 'skipped' && (run.status !== 'failed' || data.rc !== undefined)) {
      if (task.changedWhen !== undefined) data.changed = resultTest(task, task.changedWhen, data, vars, 'changedWhen');
      if (task.failedWhen !== undefined) data.failed = resultTest(task, task.failedWhen, data, vars, 'failedWhen');
      result.status = data.failed ? 'failed' : data.changed ? 'changed' : 'ok';
    }
  } catch (e) {
    return failedResult(host.name, new TsibleError(`changedWhen/failedWhen threw: ${(e as Error).message}`, { host: host.name, task: taskLabel(task) }, { cause: e }), vars);
  }
  return result;
}

/** The task's `when` (none: true): its function, or its Jinja condition. */
function whenHolds(task: Task, vars: Record<string, unknown>, host: string): boolean {
  if (task.when === undefined) return true;
  if (typeof task.when === 'function') return task.when(vars);
  return conditionHolds(task.when, vars, { label: 'when', where: { host, task: taskLabel(task), field: 'when' } });
}

/** changedWhen, failedWhen or until on a result: the function, or the Jinja condition with the result under the task's register name (as Ansible). */
function resultTest(task: Task, test: ((r: TaskResultData, v: Record<string, unknown>) => boolean) | Condition, data: TaskResultData, vars: Record<string, unknown>, field: string): boolean {
  if (typeof test === 'function') return !!test(data, vars);
  return conditionHolds(test, task.register ? withVar(vars, task.register, data) : vars, { label: field, where: { task: taskLabel(task), field } });
}

/** A failure of the task's own functions (loop, when, until, changedWhen…): its message masked like every module error. */
function failedResult(host: string, error: Error, vars: Record<string, unknown>): HostTaskResult {
  const secrets = secretsIn(vars);
  const msg = maskAll(error.message, secrets);
  if (msg !== error.message) error = new TsibleError(msg, { host });
  return { host, status: 'failed', data: { changed: false, failed: true, msg }, changes: [], diffs: [], error };
}

/** A loop's result: changed if any item changed, failed if any failed, skipped if all were skipped. */
function combineItems(host: string, items: HostTaskResult[]): HostTaskResult {
  const some = (s: string) => items.some((r) => r.status === s);
  const status = some('unreachable') ? 'unreachable' : some('failed') ? 'failed' : some('changed') ? 'changed' : items.length && items.every((r) => r.status === 'skipped') ? 'skipped' : 'ok';
  const failedItem = items.find((r) => r.status === 'failed' || r.status === 'unreachable');
  return {
    host, status, items,
    data: { changed: some('changed'), failed: status === 'failed', results: items.map((r) => ({ ...r.data, item: r.item })), ...(failedItem ? { msg: `one or more items failed: ${failedItem.data.msg ?? ''}` } : {}) },
    changes: items.flatMap((r) => r.changes), diffs: items.flatMap((r) => r.diffs), error: failedItem?.error,
  };
}

/** ignoreErrors, register and notify, once the task is over on this host. */
function finish(rc: RunContext, host: Host, task: Task, result: HostTaskResult): HostTaskResult {
  if (result.status === 'failed' && task.ignoreErrors) result.ignored = true;
  if (task.register === SETUP_REGISTER) {
    // Gathered facts become host variables (tsible_* and ansible_* names), as Ansible's setup does.
    const { changed: _c, failed: _f, msg: _m, ...facts } = result.data;
    if (result.status !== 'failed') Object.assign(host.registered, facts);
  } else if (task.register) host.registered[task.register] = result.data;
  // A module's `ansible_facts` become host variables, as in Ansible (set_fact; each loop item's in order).
  if (result.status !== 'failed') {
    for (const data of result.items ? result.items.map((r) => r.data) : [result.data]) {
      const facts = data.ansible_facts;
      if (facts && typeof facts === 'object' && !Array.isArray(facts)) Object.assign(host.registered, facts);
    }
  }
  if (result.status === 'changed' && task.notify) for (const n of [task.notify].flat()) host.notified.add(n);
  void rc;
  return result;
}
