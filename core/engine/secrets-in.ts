// Finds every Secret inside a value (module arguments, variables), so output can mask their text.
import { isSecret, maskSecrets, type Secret } from '../secret.ts';

/** Objects that hold no Secret by construction (the inventory's `groups`): not walked. */
const SECRET_FREE = new WeakSet<object>();

/**
 * Marks `value` as holding no Secret, so secretsIn does not walk it: for what every task's variables share and only
 * tsible builds, from host and group names (the `groups` map grows with the inventory, and walking it for every host
 * and task made the search quadratic in the number of hosts).
 */
export function markSecretFree<T extends object>(value: T): T {
  SECRET_FREE.add(value);
  return value;
}

/** All Secrets reachable from `value` (objects, arrays, Maps), each once. */
export function secretsIn(value: unknown, found: Set<Secret> = new Set(), seen: Set<object> = new Set()): Set<Secret> {
  if (isSecret(value)) {
    found.add(value);
    return found;
  }
  if (!value || typeof value !== 'object' || seen.has(value) || SECRET_FREE.has(value) || Buffer.isBuffer(value)) return found;
  seen.add(value);
  // Accessors are skipped: they are views computed from data properties (lazily templated variables,
  // hostvars), whose Secrets are found there, and reading them could run (and fail) a template.
  const items = value instanceof Map ? [...value.values()] : Array.isArray(value) ? value : Object.values(Object.getOwnPropertyDescriptors(value)).flatMap((d) => ('value' in d && d.enumerable ? [d.value] : []));
  for (const item of items) secretsIn(item, found, seen);
  return found;
}

/** `text` with the value of every secret replaced by ***; a non-string (e.g. a Secret put in a diff) becomes its String() (*** for a Secret). */
export function maskAll(text: unknown, secrets: Set<Secret>): string {
  const s = typeof text === 'string' ? text : String(text);
  return secrets.size ? maskSecrets(s, secrets) : s;
}

/** A deep copy of plain data with secret texts masked in every string (for results, JSON and errors). */
export function maskDeep<T>(value: T, secrets: Set<Secret>): T {
  if (!secrets.size) return value;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return maskSecrets(v, secrets);
    if (isSecret(v) || !v || typeof v !== 'object' || Buffer.isBuffer(v)) return v;
    if (Array.isArray(v)) return v.map(walk);
    if (Object.getPrototypeOf(v) !== Object.prototype) return v;
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
  };
  return walk(value) as T;
}
