// The variables a task sees on one host, in Ansible's precedence: inventory < play < task vars < registered and facts < item < extra vars.
import { magicVars, groupsMap } from '../inventory/magic-vars.ts';
import { templateVarsLazily } from '../template/template-value.ts';
import { markSecretFree } from './secrets-in.ts';
import type { Play, TaskOptions } from '../task.ts';
import type { Host } from './host.ts';
import type { RunContext } from './run-context.ts';

/** Merged variables of `host` for a task of `play` (without the loop item). */
export function taskVars(rc: RunContext, play: Play, host: Host, task?: TaskOptions): Record<string, unknown> {
  const groups = cachedGroups(rc);
  const vars: Record<string, unknown> = {
    ...host.host.vars,
    ...play.vars,
    ...task?.vars,
    ...host.registered,
    ...rc.extraVars,
    ...magicVars(rc.inventory, host.host, groups),
    // As in Ansible: the run's --check / --diff, even inside a task with its own checkMode (so a task forced
    // to run for real can feed a later `when: (v) => !v.ansible_check_mode`).
    ansible_check_mode: rc.check,
    ansible_diff_mode: rc.diff,
    ansible_verbosity: rc.verbosity ?? 0,
  };
  // One shared getter reading its run and play from a hidden property: a getter closure made per call gave every
  // task's vars object a hidden class of its own (about 1.3 KiB each, per host and task, most of it promoted garbage).
  Object.defineProperty(vars, HOSTVARS_SOURCE, { value: { rc, play } satisfies HostvarsSource });
  Object.defineProperty(vars, 'hostvars', HOSTVARS_PROPERTY);
  // `{{ }}` in inventory, play, task and extra vars renders on first read, as in Ansible (not in registered results or facts).
  return templateVarsLazily(vars, (name) => !(name in host.registered) || name in rc.extraVars);
}

/**
 * `vars` with the loop variable set. A copy of the descriptors, not a spread: a spread would drop the
 * non-enumerable `hostvars` getter, and a looped task could no longer read other hosts' variables.
 */
export function withItem(vars: Record<string, unknown>, item: unknown): Record<string, unknown> {
  return withVar(vars, 'item', item);
}

/** `vars` with one more variable, set over any of that name; the others stay as they are (unrendered ones too). */
export function withVar(vars: Record<string, unknown>, name: string, value: unknown): Record<string, unknown> {
  const out = Object.defineProperties({}, Object.getOwnPropertyDescriptors(vars)) as Record<string, unknown>;
  Object.defineProperty(out, name, { value, enumerable: true, writable: true, configurable: true });
  return out;
}

const groupsCache = new WeakMap<object, Record<string, string[]>>();
function cachedGroups(rc: RunContext): Record<string, string[]> {
  let g = groupsCache.get(rc.inventory);
  if (!g) groupsCache.set(rc.inventory, (g = markSecretFree(groupsMap(rc.inventory))));
  return g;
}

/** What a vars object's `hostvars` is computed from (non-enumerable, so spreads and Object.keys do not see it; withItem's descriptor copy keeps it). */
interface HostvarsSource {
  rc: RunContext;
  play: Play;
}
const HOSTVARS_SOURCE = Symbol('tsible.hostvarsSource');
const HOSTVARS_PROPERTY: PropertyDescriptor = {
  enumerable: false,
  get(this: Record<PropertyKey, unknown>) {
    const source = this[HOSTVARS_SOURCE] as HostvarsSource;
    return hostvars(source.rc, source.play);
  },
};

/** Ansible's hostvars: every inventory host's variables (with what was registered on hosts of this run). */
function hostvars(rc: RunContext, play: Play): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const h of rc.inventory.hosts.values()) {
    const run = rc.hosts.get(h.name);
    const registered = run?.registered ?? {};
    out[h.name] = templateVarsLazily({ ...h.vars, ...play.vars, ...registered, ...rc.extraVars, inventory_hostname: h.name }, (name) => !(name in registered) || name in rc.extraVars);
  }
  return out;
}
