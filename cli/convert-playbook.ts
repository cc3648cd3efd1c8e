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
/** Task keywords of Ansible that tsible has no option for: dropped from the task, each with a note saying so. */
const DROPPED_TASK_KEYS: Record<string, string> = {
  become_method: 'become_method (the run\'s --become-method applies)', delegate_to: 'delegate_to (the task runs on each host itself)',
  run_once: 'run_once (the task runs on every host)', environment: 'environment', no_log: 'no_log (secrets are masked anyway when they are vault or secret-named values)',
  async: 'async', poll: 'poll', throttle: 'throttle', connection: 'connection', any_errors_fatal: 'any_errors_fatal (a play option in tsible)',
  local_action: 'local_action', debugger: 'debugger', timeout: 'timeout',
};

/** Ansible's module names that are tsible's under another name. */
const MODULE_NAMES: Record<string, string> = { wait_for: 'waitFor', set_fact: 'setFact' };

/** Reads the YAML files a playbook refers to (task files, roles), paths relative to the playbook's folder. */
export interface ConvertSources {
  /** The parsed YAML of `path`, or undefined when there is no such file. */
  load(path: string): unknown;
  /** Whether `path` exists (a role's template or file). */
  exists(path: string): boolean;
}

/** Where a task list comes from: its folder (task files resolve from it) and, inside a role, the role's folder. */
interface Origin {
  dir: string;
  role?: string;
}

/**
 * Converts the plays of an Ansible playbook (`plays`: the parsed YAML) with `modules` (tsible's modules by name).
 * `file` names the source in comments and problems; `sources` reads the task files and roles it uses.
 */
export function convertPlaybook(plays: unknown, modules: ReadonlyMap<string, Module>, file: string, sources?: ConvertSources, imports = { core: 'tsible', modules: 'tsible/modules' }): Converted {
  if (!Array.isArray(plays)) throw new ArgsError('an Ansible playbook is a YAML list of plays', { file });
  const c = new Converter(modules, sources ?? { load: () => undefined, exists: () => false });
  const out = plays.map((play, i) => c.play(play, i));
  const exportName = (m: string) => MODULE_NAMES[m] ?? m;
  const lines = [
    `// Converted by tsible convert from ${file}${c.problems.length ? `: ${c.problems.length} thing(s) not converted, marked TODO` : ''}.`,
    `import { playbook } from '${imports.core}';`,
    ...(c.used.size ? [`import { ${[...c.used].sort().map(exportName).join(', ')} } from '${imports.modules}';`] : []),
    '',
    `export default playbook(${out.length === 1 ? out[0] : `\n${out.map((p) => indent(p, 2)).join(',\n')},\n`});`,
    '',
  ];
  return { source: lines.join('\n'), problems: c.problems };
}

/** Task options an include passes on to each task it brings in. */
type Inherited = { when?: unknown[]; tags?: string[]; become?: unknown; becomeUser?: unknown; vars?: Record<string, unknown> };

class Converter {
  readonly problems: string[] = [];
  readonly used = new Set<string>();
  constructor(private readonly modules: ReadonlyMap<string, Module>, private readonly sources: ConvertSources) {}

  play(play: unknown, index: number): string {
    if (!isObject(play)) throw new ArgsError(`play ${index + 1} is not a mapping`, {});
    const label = typeof play.name === 'string' ? `play "${play.name}"` : `play ${index + 1}`;
    if (play.import_playbook !== undefined) {
      this.problems.push(`${label}: import_playbook is not converted (convert that file, then import its plays in TypeScript)`);
      return `{ hosts: 'none', tasks: [] } /* TODO: import_playbook ${JSON.stringify(play.import_playbook)} */`;
    }
    const fields: string[] = [];
    const todo: string[] = [];
    let vars: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(play)) {
      if (k === 'vars' && isObject(v)) vars = { ...vars, ...v };
      else if (k in PLAY_KEYS) fields.push(`${PLAY_KEYS[k]}: ${literal(k === 'gather_facts' || k === 'become' || k === 'any_errors_fatal' ? bool(v) : v)}`);
      else if (!['tasks', 'handlers', 'pre_tasks', 'post_tasks', 'roles'].includes(k)) {
        todo.push(`${k}: ${JSON.stringify(v)}`);
        this.problems.push(`${label}: "${k}" is not converted`);
      }
    }
    // Ansible gathers facts unless told not to; tsible only when asked: the converted play asks.
    if (play.gather_facts === undefined) fields.push('gatherFacts: true');
    const root: Origin = { dir: '.' };
    const roleTasks: string[] = [];
    const roleHandlers: string[] = [];
    for (const [i, r] of list(play.roles).entries()) {
      const role = this.role(r, `${label} role ${i + 1}`);
      if (!role) {
        todo.push(`role ${JSON.stringify(r)}`);
        continue;
      }
      vars = { ...role.vars, ...vars };
      roleTasks.push(...role.tasks);
      roleHandlers.push(...role.handlers);
    }
    if (Object.keys(vars).length) fields.push(`vars: ${literal(vars)}`);
    const tasks = [
      ...this.tasks(list(play.pre_tasks), `${label} pre_task`, root),
      ...roleTasks,
      ...this.tasks(list(play.tasks), `${label} task`, root),
      ...this.tasks(list(play.post_tasks), `${label} post_task`, root),
    ];
    if (play.pre_tasks !== undefined || play.post_tasks !== undefined) this.problems.push(`${label}: pre_tasks and post_tasks became plain tasks (before and after the others; handlers are not flushed between them)`);
    fields.push(`tasks: [\n${tasks.map((t) => indent(t, 2)).join(',\n')}${tasks.length ? ',' : ''}\n]`);
    const handlers = [...roleHandlers, ...this.tasks(list(play.handlers), `${label} handler`, root)];
    if (handlers.length) fields.push(`handlers: [\n${handlers.map((t) => indent(t, 2)).join(',\n')},\n]`);
    return `{\n${todo.map((t) => `  // TODO: not converted: ${t}\n`).join('')}${fields.map((f) => indent(f, 2)).join(',\n')},\n}`;
  }

  /** A role's defaults and vars (as play vars), tasks and handlers, from roles/NAME/ beside the playbook. */
  private role(entry: unknown, label: string): { vars: Record<string, unknown>; tasks: string[]; handlers: string[] } | undefined {
    const name = typeof entry === 'string' ? entry : isObject(entry) ? (entry.role ?? entry.name) : undefined;
    if (typeof name !== 'string') {
      this.problems.push(`${label}: a role entry without a name`);
      return undefined;
    }
    const dir = `roles/${name}`;
    const tasks = this.sources.load(`${dir}/tasks/main.yml`);
    if (tasks === undefined) {
      this.problems.push(`${label}: role ${name} not found (${dir}/tasks/main.yml)`);
      return undefined;
    }
    const defaults = this.sources.load(`${dir}/defaults/main.yml`);
    const roleVars = this.sources.load(`${dir}/vars/main.yml`);
    if (isObject(defaults) && Object.keys(defaults).length) this.problems.push(`${label}: role ${name}'s defaults became play vars: inventory values of the same names no longer win over them as in Ansible (move those to group_vars/all if they should)`);
    if (this.sources.load(`${dir}/meta/main.yml`) !== undefined) this.problems.push(`${label}: role ${name}'s meta/main.yml (dependencies) is not converted`);
    const origin: Origin = { dir: `${dir}/tasks`, role: dir };
    const entryVars = isObject(entry) && isObject(entry.vars) ? entry.vars : {};
    const when = isObject(entry) && entry.when !== undefined ? [entry.when].flat() : undefined;
    return {
      vars: { ...(isObject(defaults) ? defaults : {}), ...(isObject(roleVars) ? roleVars : {}), ...entryVars },
      tasks: this.tasks(list(tasks), `${label} (${name}) task`, origin, when ? { when } : {}),
      handlers: this.tasks(list(this.sources.load(`${dir}/handlers/main.yml`)), `${label} (${name}) handler`, { dir: `${dir}/handlers`, role: dir }),
    };
  }

  /** A task list, task files included in place (import_tasks, include_tasks). */
  private tasks(items: unknown[], label: string, origin: Origin, inherited: Inherited = {}): string[] {
    return items.flatMap((t, i) => this.task(t, `${label} ${i + 1}`, origin, inherited));
  }

  private task(task: unknown, label: string, origin: Origin, inherited: Inherited): string[] {
    if (!isObject(task)) throw new ArgsError(`${label} is not a mapping`, {});
    const named = typeof task.name === 'string' ? `${label} ("${task.name}")` : label;
    // A block without rescue/always only groups tasks under shared options: its tasks come in place, with them.
    if (Array.isArray(task.block) && task.rescue === undefined && task.always === undefined) {
      return this.tasks(task.block, `${named} block task`, origin, inheritedFrom(task, inherited));
    }
    for (const k of Object.keys(task)) {
      if (k in DROPPED_TASK_KEYS) this.problems.push(`${named}: ${DROPPED_TASK_KEYS[k]} is not converted`);
    }
    const moduleKeys = Object.keys(task).filter((k) => !(k in TASK_KEYS) && !(k in DROPPED_TASK_KEYS) && k !== 'args' && !(task.block !== undefined && (k === 'rescue' || k === 'always')));
    const unsupported = (why: string): string[] => {
      this.problems.push(`${named}: ${why}`);
      return [`// TODO: not converted (${why}): ${JSON.stringify(task)}`];
    };
    if (moduleKeys.length !== 1) return unsupported(moduleKeys.length ? `several actions or unknown keys: ${moduleKeys.join(', ')}` : 'no module');
    const key = moduleKeys[0];
    const name = key.replace(/^ansible\.(builtin|legacy)\./, '');
    if (name === 'import_tasks' || name === 'include_tasks' || name === 'include') return this.include(task, key, named, origin, inherited) ?? unsupported(`${name}: the file could not be read`);
    if (name === 'block') return unsupported('a block with rescue or always has no tsible equivalent (write it in TypeScript: try/catch is not there either; use ignoreErrors and a when on the result)');
    if (['include_role', 'import_role', 'include_vars', 'meta'].includes(name)) {
      return unsupported(`${name} has no tsible equivalent to convert to (write it in TypeScript)`);
    }
    const module = this.modules.get(name);
    if (!module) return unsupported(`module ${key} is not one of tsible's`);
    this.used.add(name);
    const raw = task[key];
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
    args = this.inRole(canonicalArgs(args, module, named, this.problems), module.name, origin);
    const options: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(task)) {
      if (!(k in TASK_KEYS)) continue;
      options[TASK_KEYS[k]] = ['ignore_errors', 'become', 'check_mode', 'diff'].includes(k) ? bool(v) : k === 'tags' && typeof v === 'string' ? v.split(',').map((t) => t.trim()) : v;
    }
    const merged = withInherited(options, inherited);
    const shown = Object.entries(merged).map(([k, v]) => `${k}: ${literal(v)}`);
    return [`${MODULE_NAMES[name] ?? name}(${literal(args)}${shown.length ? `, { ${shown.join(', ')} }` : ''})`];
  }

  /** The tasks of an import_tasks/include_tasks file, in place, with the include's when, tags, become and vars on each. */
  private include(task: Record<string, unknown>, key: string, label: string, origin: Origin, inherited: Inherited): string[] | undefined {
    const spec = task[key];
    const file = typeof spec === 'string' ? spec : isObject(spec) && typeof spec.file === 'string' ? spec.file : undefined;
    if (file === undefined || task.loop !== undefined || task.with_items !== undefined) return undefined;
    const path = file.startsWith('/') ? file : `${origin.dir}/${file}`;
    const items = this.sources.load(path);
    if (!Array.isArray(items)) return undefined;
    if (key.endsWith('include_tasks') && task.when !== undefined) this.problems.push(`${label}: include_tasks with a when became the when of each included task (evaluated before each one, as import_tasks does)`);
    return this.tasks(items, `${label} → ${file} task`, { ...origin, dir: path.replace(/\/[^/]*$/, '') }, inheritedFrom(task, inherited));
  }

  /** Inside a role, a template's or copy's relative src found in the role's templates/ or files/ folder, as Ansible looks first. */
  private inRole(args: Record<string, unknown>, module: string, origin: Origin): Record<string, unknown> {
    const src = args.src;
    if (!origin.role || typeof src !== 'string' || src.startsWith('/') || src.includes('{{')) return args;
    const folder = module === 'template' ? 'templates' : module === 'copy' ? 'files' : undefined;
    if (!folder) return args;
    const candidate = `${origin.role}/${folder}/${src}`;
    return this.sources.exists(candidate) ? { ...args, src: candidate } : args;
  }
}

/** What an include or block passes on to its tasks: its when and tags added to the outer ones, its become and vars over them. */
function inheritedFrom(task: Record<string, unknown>, inherited: Inherited): Inherited {
  return {
    when: [...(inherited.when ?? []), ...(task.when !== undefined ? [task.when].flat() : [])],
    tags: [...(inherited.tags ?? []), ...(task.tags !== undefined ? [task.tags].flat().map(String) : [])],
    become: task.become ?? inherited.become,
    becomeUser: task.become_user ?? inherited.becomeUser,
    vars: { ...(inherited.vars ?? {}), ...(isObject(task.vars) ? task.vars : {}) },
  };
}

/** A task's own options with what an include or role passes on (conditions and tags added, the rest only where unset). */
function withInherited(options: Record<string, unknown>, inherited: Inherited): Record<string, unknown> {
  const out = { ...options };
  const when = [...(inherited.when ?? []), ...(out.when !== undefined ? [out.when].flat() : [])];
  if (when.length) out.when = when.length === 1 ? when[0] : when;
  const tags = [...(inherited.tags ?? []), ...((out.tags as string[] | undefined) ?? [])];
  if (tags.length) out.tags = tags;
  if (out.become === undefined && inherited.become !== undefined) out.become = bool(inherited.become);
  if (out.becomeUser === undefined && inherited.becomeUser !== undefined) out.becomeUser = inherited.becomeUser;
  if (inherited.vars && Object.keys(inherited.vars).length) out.vars = { ...inherited.vars, ...((out.vars as Record<string, unknown>) ?? {}) };
  return out;
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
