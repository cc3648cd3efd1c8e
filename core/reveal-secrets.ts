// A read-only view of variables in which every Secret reads as its value (for rendering the real file content only).
import { type Secret, isSecret } from './secret.ts';

/** Plain objects and arrays are viewed through; other objects (Dates, class instances, Maps) are given as they are. */
function viewable(v: object): boolean {
  if (Array.isArray(v)) return true;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/**
 * A lazy view of `value`: reading a property that holds a Secret gives its revealed string (and adds
 * the Secret to `found`); nested plain objects and arrays are viewed the same way. Nothing is copied,
 * so non-enumerable getters (the engine's `hostvars`) and large variable trees cost nothing until read.
 */
export function revealedView<T extends object>(value: T, found: Set<Secret>): T {
  const views = new WeakMap<object, object>();
  const wrap = (v: unknown): unknown => {
    if (isSecret(v)) {
      found.add(v);
      return v.reveal();
    }
    if (!v || typeof v !== 'object' || !viewable(v)) return v;
    let view = views.get(v);
    if (!view) {
      view = new Proxy(v, {
        get(target, key) {
          const got = Reflect.get(target, key, target);
          // A frozen property must read as itself (a Proxy invariant): left unrevealed.
          const d = Reflect.getOwnPropertyDescriptor(target, key);
          if (d && !d.configurable && 'value' in d && !d.writable) return got;
          return wrap(got);
        },
      });
      views.set(v, view);
    }
    return view;
  };
  return wrap(value) as T;
}

/** `top`'s variables over `base`'s, without copying either (keeps `base`'s non-enumerable getters). */
export function layeredVars(top: Record<string, unknown> | undefined, base: Record<string, unknown>): Record<string, unknown> {
  if (!top || !Object.keys(top).length) return base;
  return new Proxy({} as Record<string, unknown>, {
    get: (_t, key) => (key in top ? Reflect.get(top, key) : Reflect.get(base, key)),
    has: (_t, key) => key in top || key in base,
    ownKeys: () => [...new Set([...Reflect.ownKeys(base), ...Reflect.ownKeys(top)])],
    getOwnPropertyDescriptor: (_t, key) => {
      const d = Reflect.getOwnPropertyDescriptor(top, key) ?? Reflect.getOwnPropertyDescriptor(base, key);
      return d ? { ...d, configurable: true } : undefined;
    },
  });
}
