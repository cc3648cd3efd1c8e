// Deep copy of variables that keeps Secret values (structuredClone would strip them) and merges layers by replacing top-level keys.
import { isSecret } from '../secret.ts';
import type { Vars } from './types.ts';

/** A deep copy of `value`: arrays and plain objects copied, Secrets and other values kept as they are. */
export function cloneValue<T>(value: T): T {
  if (isSecret(value)) return value;
  if (Array.isArray(value)) return value.map(cloneValue) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = cloneValue(v);
    return out as T;
  }
  return value;
}

/** Merges variable layers lowest first; a later layer replaces a key wholesale (Ansible's hash_behaviour=replace). */
export function combineVars(...layers: Vars[]): Vars {
  const out: Vars = {};
  for (const layer of layers) for (const [k, v] of Object.entries(layer)) out[k] = cloneValue(v);
  return out;
}
