// Checks a loaded playbook before anything runs: plays, task options, module arguments (when literal), handlers notified.
import { ArgsError, type ErrorLocation } from '../errors.ts';
import { isModule } from '../module.ts';
import type { Play, Playbook, Task } from '../task.ts';
import { conditionHolds, holdsJinjaCode, holdsTemplate } from '../template/template-value.ts';
import { prepareArgs } from './run-module.ts';
import { serialBatches } from './serial.ts';

const TASK_KEYS = new Set(['module', 'args', 'name', 'when', 'register', 'notify', 'loop', 'retries', 'until', 'delay', 'ignoreErrors', 'tags', 'become', 'becomeUser', 'checkMode', 'diff', 'changedWhen', 'failedWhen', 'vars', 'listen']);
const PLAY_KEYS = new Set(['name', 'hosts', 'vars', 'become', 'becomeUser', 'gatherFacts', 'serial', 'maxFailPercentage', 'anyErrorsFatal', 'tasks', 'handlers']);
const FUNCTION_KEYS = ['when', 'until', 'changedWhen', 'failedWhen'] as const;

/** Throws ArgsError (file, line, task, field) for the first problem found. */
export function validatePlaybook(pb: Playbook, file: string, source: string): void {
  pb.plays.forEach((play, i) => validatePlay(play, i, file, source));
}

function validatePlay(play: Play, index: number, file: string, source: string): void {
  const playName = play?.name ?? `play ${index + 1}`;
  const at = (field?: string, name?: string): ErrorLocation => ({ file, line: lineOf(source, name ?? play?.name), task: name ? name : undefined, field: field ? (name ? field : `${playName}.${field}`) : undefined });
  if (!play || typeof play !== 'object') throw new ArgsError(`play ${index + 1} is not an object`, { file });
  for (const k of Object.keys(play)) if (!PLAY_KEYS.has(k)) throw new ArgsError(`unknown play option; plays take: ${[...PLAY_KEYS].join(', ')}`, at(k));
  if (typeof play.hosts !== 'string' || !play.hosts.trim()) throw new ArgsError('a play needs `hosts`, a host pattern such as "webservers"', at('hosts'));
  if (!Array.isArray(play.tasks)) throw new ArgsError('a play needs `tasks`, a list', at('tasks'));
  if (play.serial !== undefined) {
    try { serialBatches([1], play.serial); } catch (e) { throw new ArgsError((e as Error).message.replace(/^.*?: /, ''), at('serial')); }
  }
  if (play.maxFailPercentage !== undefined && !(typeof play.maxFailPercentage === 'number' && play.maxFailPercentage >= 0 && play.maxFailPercentage <= 100)) {
    throw new ArgsError('maxFailPercentage must be a number from 0 to 100', at('maxFailPercentage'));
  }
  const handlerNames = new Set<string>();
  for (const [i, h] of (play.handlers ?? []).entries()) {
    validateTask(h, `${playName} handler ${i + 1}`, file, source);
    for (const n of [h.name, ...[h.listen ?? []].flat()]) if (n) handlerNames.add(n);
  }
  for (const [i, t] of play.tasks.entries()) {
    if (t && typeof t === 'object' && 'flushHandlers' in t) continue;
    const task = t as Task;
    validateTask(task, `${playName} task ${i + 1}`, file, source);
    for (const n of [task.notify ?? []].flat()) {
      if (!handlerNames.has(n)) throw new ArgsError(`notifies "${n}", but the play has no handler of that name or listen`, { file, line: lineOf(source, task.name), task: task.name ?? `${playName} task ${i + 1}`, field: 'notify' });
    }
  }
}

function validateTask(task: Task, fallback: string, file: string, source: string): void {
  const name = task?.name ?? fallback;
  const where = (field?: string): ErrorLocation => ({ file, line: lineOf(source, task?.name), task: name, field });
  if (!task || typeof task !== 'object') throw new ArgsError('a task must be an object made by a module call, e.g. apt({ name: "x" }, { name: "Install x" })', where());
  if (!isModule(task.module)) throw new ArgsError('the task has no module: call a module, e.g. apt({ name: "x" }, { name: "Install x" })', where('module'));
  for (const k of Object.keys(task)) if (!TASK_KEYS.has(k)) throw new ArgsError(`unknown task option; tasks take: ${[...TASK_KEYS].filter((x) => x !== 'module' && x !== 'args').join(', ')}`, where(k));
  for (const k of FUNCTION_KEYS) {
    const c = task[k];
    if (c !== undefined && typeof c !== 'function' && !isCondition(c)) throw new ArgsError('must be a function of the host variables, e.g. (v) => v.x === 1, or a Jinja condition such as "x is defined"', where(k));
    if (typeof c === 'string' || Array.isArray(c)) checkConditionSyntax(c, where(k));
  }
  if (task.loop !== undefined && !Array.isArray(task.loop) && typeof task.loop !== 'function' && !(typeof task.loop === 'string' && holdsTemplate(task.loop))) {
    throw new ArgsError('loop must be a list, a function returning one, or a "{{ … }}" expression giving one', where('loop'));
  }
  for (const k of ['retries', 'delay'] as const) if (task[k] !== undefined && !(Number.isInteger(task[k]) && task[k]! >= 0)) throw new ArgsError('must be a whole number', where(k));
  if (task.tags !== undefined && !(Array.isArray(task.tags) && task.tags.every((t) => typeof t === 'string'))) throw new ArgsError('tags must be a list of strings', where('tags'));
  // Literal arguments are checked now, before any host is touched; those holding `{{ }}` once rendered for each host.
  if (typeof task.args !== 'function' && !holdsJinjaCode(task.args)) prepareArgs(task.module, task.args, {}, where());
}

/** A Jinja condition: a non-empty string, or a non-empty list of them. */
function isCondition(c: unknown): boolean {
  return typeof c === 'boolean' || (typeof c === 'string' && c.trim() !== '') || (Array.isArray(c) && c.length > 0 && c.every((x) => typeof x === 'string' && x.trim() !== ''));
}

/** A condition's syntax errors are reported before anything runs (evaluated with no variables: only a syntax error counts). */
function checkConditionSyntax(c: string | string[], where: ErrorLocation): void {
  for (const expr of [c].flat()) {
    try {
      conditionHolds(expr, {}, { label: where.field ?? 'when', where });
    } catch (e) {
      if (/unexpected|expected|no (test|filter) named/i.test((e as Error).message) && !/is undefined/.test((e as Error).message)) throw new ArgsError(`bad condition "${expr}": ${(e as Error).message}`, where);
    }
  }
}

/** The 1-based line where `name` appears as a quoted string in the source (for error messages). */
export function lineOf(source: string, name: string | undefined): number | undefined {
  if (!name) return undefined;
  for (const q of [`'${name}'`, `"${name}"`, `\`${name}\``]) {
    const i = source.indexOf(q);
    if (i >= 0) return source.slice(0, i).split('\n').length;
  }
  return undefined;
}
