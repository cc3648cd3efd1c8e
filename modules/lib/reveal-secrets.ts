// A copy of variables with every Secret replaced by its value (for rendering the real file content only).
import { type Secret, isSecret } from '../../core/secret.ts';

/**
 * Deep copy of plain objects and arrays with Secrets revealed; other objects (Dates, class
 * instances) are kept as they are. Cycles are preserved. `found` collects the secrets met.
 */
export function revealSecrets<T>(value: T, found: Set<Secret> = new Set()): T {
  const seen = new Map<object, unknown>();
  const walk = (v: unknown): unknown => {
    if (isSecret(v)) {
      found.add(v);
      return v.reveal();
    }
    if (!v || typeof v !== 'object') return v;
    if (seen.has(v)) return seen.get(v);
    if (Array.isArray(v)) {
      const out: unknown[] = [];
      seen.set(v, out);
      for (const item of v) out.push(walk(item));
      return out;
    }
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) return v;
    const out: Record<string, unknown> = {};
    seen.set(v, out);
    for (const [k, item] of Object.entries(v)) out[k] = walk(item);
    return out;
  };
  return walk(value) as T;
}
