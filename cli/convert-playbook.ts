// tsible convert: an Ansible YAML playbook written out as a tsible TypeScript playbook (the same plays, tasks, Jinja kept), with what could not be converted listed.
import { ArgsError } from '../core/errors.ts';
import type { Module } from '../core/module.ts';
import { parseAdhocArgs } from './adhoc-args.ts';

/** The TypeScript text, and one line per thing left out (also written as a comment where it was). */
export interface Converted {
  source: string;
  problems: string[];
}

/** Play keys converted, by their tsible name. */
const PLAY_KEYS: Record<string, string> = {
  name: 'name', hosts: 'hosts', vars: 'vars', become: 'become', become_user: 'becomeUser', gather_facts: 'gatherFacts',
  serial: 'serial', max_fail_percentage: 'maxFailPercentage', any_errors_fatal: 'anyErrorsFatal',
};
/** Task keys converted (besides the module), by their tsible name. */
const TASK_KEYS: Record<string, string> = {
  name: 'name', when: 'when', register: 'register', notify: 'notify', loop: 'loop', with_items: 'loop', with_list: 'loop',
  retries: 'retries', until: 'until', delay: 'delay', ignore_errors: 'ignoreErrors', tags: 'tags', become: 'become',
  become_user: 'becomeUser', check_mode: 'checkMode', diff: 'diff', changed_when: 'changedWhen', failed_when: 'failedWhen',
  vars: 'vars', listen: 'listen',
};
/** Ansible's module names that are tsible's under another name. */
const MODULE_NAMES: Record<string, string> = { wait_for: 'waitFor', set_fact: 'setFact' };

/**
 * Converts the plays of an Ansible playbook (`plays`: the parsed YAML) with `modules` (tsible's modules by name).
 * `file` names the source in comments and problems; `imports` are the specifiers for core and modules.
 */
export function convertPlaybook(plays: unknown, modules: ReadonlyMap<string, Module>, file: string, imports = { core: 'tsible', modules: 'tsible/modules' }): Converted {
  if (!Array.isArray(plays)) throw new ArgsError('an Ansible playbook is a YAML list of plays', { file });
  const problems: string[] = [];
  const used = new Set<string>();
  const out = plays.map((play, i) => convertPlay(play, i, modules, used, problems));
  const exportName = (m: string) => MODULE_NAMES[m] ?? m;
  const lines = [
    `// Converted by tsible convert from ${file}${problems.length ? `: ${problems.length} thing(s) not converted, marked TODO` : ''}.`,
    `import { playbook } from '${imports.core}';`,
    ...(used.size ? [`import { ${[...used].sort().map(exportName).join(', ')} } from '${imports.modules}';`] : []),
    '',
    `export default playbook(${out.length === 1 ? out[0] : `[\n${out.map((p) => indent(p, 2)).join(',\n')},\n]`});`,
    '',
  ];
  return { source: lines.join('\n'), problems };
}

function convertPlay(play: unknown, index: number, modules: ReadonlyMap<string, Module>, used: Set<string>, problems: string[]): string {
  if (!isObject(play)) throw new ArgsError(`play ${index + 1} is not a mapping`, {});
  const label = typeof play.name === 'string' ? `play "${play.name}"` : `play ${index + 1}`;
  if (play.import_playbook !== undefined) {
    problems.push(`${label}: import_playbook is not converted (convert that file, then import its plays in TypeScript)`);
    return `{ hosts: 'none', tasks: [] } /* TODO: import_playbook ${JSON.stringify(play.import_playbook)} */`;
  }
  const fields: string[] = [];
  const todo: string[] = [];
  for (const [k, v] of Object.entries(play)) {
    if (k in PLAY_KEYS) fields.push(`${PLAY_KEYS[k]}: ${literal(k === 'gather_facts' || k === 'become' || k === 'any_errors_fatal' ? bool(v) : v)}`);
    else if (!['tasks', 'handlers', 'pre_tasks', 'post_tasks'].includes(k)) {
      todo.push(`${k}: ${JSON.stringify(v)}`);
      problems.push(`${label}: "${k}" is not converted`);
    }
  }
  const tasks = [...list(play.pre_tasks), ...list(play.tasks), ...list(play.post_tasks)].map((t, i) => convertTask(t, `${label} task ${i + 1}`, modules, used, problems));
  if (play.pre_tasks !== undefined || play.post_tasks !== undefined) problems.push(`${label}: pre_tasks and post_tasks became plain tasks (before and after the others; handlers are not flushed between them)`);
  fields.push(`tasks: [\n${tasks.map((t) => indent(t, 2)).join(',\n')}${tasks.length ? ',' : ''}\n]`);
  if (play.handlers !== undefined) {
    const handlers = list(play.handlers).map((t, i) => convertTask(t, `${label} handler ${i + 1}`, modules, used, problems));
    fields.push(`handlers: [\n${handlers.map((t) => indent(t, 2)).join(',\n')},\n]`);
  }
  return `{\n${todo.map((t) => `  // TODO: not converted: ${t}\n`).join('')}${fields.map((f) => indent(f, 2)).join(',\n')},\n}`;
}

function convertTask(task: unknown, label: string, modules: ReadonlyMap<string, Module>, used: Set<string>, problems: string[]): string {
  if (!isObject(task)) throw new ArgsError(`${label} is not a mapping`, {});
  const named = typeof task.name === 'string' ? `${label} ("${task.name}")` : label;
  const moduleKeys = Object.keys(task).filter((k) => !(k in TASK_KEYS) && k !== 'args');
  const unsupported = (why: string): string => {
    problems.push(`${named}: ${why}`);
    return `// TODO: not converted (${why}): ${JSON.stringify(task)}`;
  };
  if (moduleKeys.length !== 1) return unsupported(moduleKeys.length ? `several actions or unknown keys: ${moduleKeys.join(', ')}` : 'no module');
  const key = moduleKeys[0];
  const name = key.replace(/^ansible\.(builtin|legacy)\./, '');
  if (['block', 'include_tasks', 'import_tasks', 'include_role', 'import_role', 'include_vars', 'meta'].includes(name)) {
    return unsupported(`${name} has no tsible equivalent to convert to (write it in TypeScript)`);
  }
  const module = modules.get(name);
  if (!module) return unsupported(`module ${key} is not one of tsible's`);
  used.add(name);
  let raw = task[key];
  let args: Record<string, unknown>;
  if (typeof raw === 'string') {
    const known = new Set(Object.entries(module.args).flatMap(([n, s]) => [n, ...(s.aliases ?? [])]));
    args = parseAdhocArgs(raw, 'cmd' in module.args ? known : undefined);
  } else if (raw === null || raw === undefined) {
    args = {};
  } else if (isObject(raw)) {
    args = { ...raw };
  } else {
    return unsupported(`the arguments of ${key} are neither a mapping nor a string`);
  }
  if (isObject(task.args)) args = { ...args, ...task.args };
  raw = canonicalArgs(args, module, named, problems);
  const options: string[] = [];
  for (const [k, v] of Object.entries(task)) {
    if (!(k in TASK_KEYS)) continue;
    const value = ['ignore_errors', 'become', 'check_mode', 'diff'].includes(k) ? bool(v) : k === 'tags' && typeof v === 'string' ? v.split(',').map((t) => t.trim()) : v;
    options.push(`${TASK_KEYS[k]}: ${literal(value)}`);
  }
  return `${MODULE_NAMES[name] ?? name}(${literal(raw)}${options.length ? `, { ${options.join(', ')} }` : ''})`;
}

/** Arguments under tsible's own names (an alias such as update_cache becomes updateCache); unknown ones are kept (the type check names them). */
function canonicalArgs(args: Record<string, unknown>, module: Module, label: string, problems: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(args)) {
    const canonical = Object.entries(module.args).find(([n, s]) => n === k || s.aliases?.includes(k))?.[0] ?? (module.args['*'] ? k : undefined);
    if (canonical === undefined) problems.push(`${label}: argument "${k}" is not one of ${module.name}'s (left as is: the type check will name it)`);
    const type = canonical === undefined ? undefined : (module.args[canonical] ?? module.args['*']).type;
    // k=v words are strings: a boolean or a number is written as one, as the module's argument is typed.
    const typed = typeof v !== 'string' ? v : type === 'bool' ? bool(v) : type === 'int' && /^-?\d+$/.test(v) ? Number(v) : v;
    out[canonical === '_raw_params' ? 'cmd' : canonical ?? k] = typed;
  }
  return out;
}

/** Ansible's booleans (yes/no/true/false as strings too). */
function bool(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  if (/^(yes|true|on|y|1)$/i.test(v)) return true;
  if (/^(no|false|off|n|0)$/i.test(v)) return false;
  return v;
}

/** A value as TypeScript source on one line: strings JSON-quoted, identifier keys unquoted. */
function literal(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(literal).join(', ')}]`;
  if (isObject(v)) {
    const entries = Object.entries(v).map(([k, x]) => `${/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(k) ? k : JSON.stringify(k)}: ${literal(x)}`);
    return entries.length ? `{ ${entries.join(', ')} }` : '{}';
  }
  return v === undefined ? 'undefined' : JSON.stringify(v);
}

function list(v: unknown): unknown[] {
  return v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

function indent(text: string, n: number): string {
  return text.split('\n').map((l) => (l ? ' '.repeat(n) + l : l)).join('\n');
}
