// Makes every string inside a value a Secret: the values of a wholly vault-encrypted file print as *** everywhere.
import { Secret, isSecret } from '../secret.ts';

/**
 * A copy of `value` with each string (at any depth, in arrays and plain objects) wrapped in a
 * Secret. Numbers, booleans and null stay as they are: they keep their type (a port stays a
 * number), and masking every "1" or "22" in the output would garble it.
 */
export function secretLeaves<T>(value: T): T {
  if (typeof value === 'string') return new Secret(value) as T;
  if (isSecret(value) || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(secretLeaves) as T;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, secretLeaves(v)])) as T;
}
