// The variables a task sees on one host, in Ansible's precedence: inventory < play < task vars < registered and facts < item < extra vars.
import { magicVars, groupsMap } from '../inventory/magic-vars.ts';
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
  };
  Object.defineProperty(vars, 'hostvars', { enumerable: false, get: () => hostvars(rc, play) });
  return vars;
}

/**
 * `vars` with the loop variable set. A copy of the descriptors, not a spread: a spread would drop the
 * non-enumerable `hostvars` getter, and a looped task could no longer read other hosts' variables.
 */
export function withItem(vars: Record<string, unknown>, item: unknown): Record<string, unknown> {
  const out = Object.defineProperties({}, Object.getOwnPropertyDescriptors(vars)) as Record<string, unknown>;
  out.item = item;
  return out;
}

const groupsCache = new WeakMap<object, Record<string, string[]>>();
function cachedGroups(rc: RunContext): Record<string, string[]> {
  let g = groupsCache.get(rc.inventory);
  if (!g) groupsCache.set(rc.inventory, (g = groupsMap(rc.inventory)));
  return g;
}

/** Ansible's hostvars: every inventory host's variables (with what was registered on hosts of this run). */
function hostvars(rc: RunContext, play: Play): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const h of rc.inventory.hosts.values()) {
    const run = rc.hosts.get(h.name);
    out[h.name] = { ...h.vars, ...play.vars, ...run?.registered, ...rc.extraVars, inventory_hostname: h.name };
  }
  return out;
}
