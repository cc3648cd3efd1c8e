// Which inventory variables are secrets: by name (…_password, …_pass, …_token, authkey…) or marked explicitly; wraps them in Secret.
import { ArgsError, type ErrorLocation } from '../errors.ts';
import { MASK, Secret, isSecret } from '../secret.ts';
import type { Vars } from './types.ts';

/** The explicit JSON form of a secret: `{"!secret": "value"}` (YAML: `!secret value`). */
const SECRET_KEY = '!secret';
/** The JSON form of an environment lookup: `{"!env": "NAME"}` (YAML: `!env NAME`). */
const ENV_KEY = '!env';

const SECRET_NAME = /(^|_)(password|passwd|pass|passphrase|secret|token|authkeys?)$/i;

/** True if a variable with this name holds a secret by convention (ansible_become_password, db_pass, api_token, heartbeat_authkey…). */
export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/**
 * Returns `vars` with every secret wrapped: strings (and numbers) under a secret-looking name at any
 * depth, and explicit `{"!secret": …}` / `{"!env": …}` objects. Never mutates its input.
 */
export function wrapSecrets(vars: Vars, where: ErrorLocation = {}): Vars {
  const out: Vars = {};
  for (const [k, v] of Object.entries(vars)) out[k] = wrapValue(k, v, where);
  return out;
}

function wrapValue(name: string | undefined, value: unknown, where: ErrorLocation): unknown {
  value = resolveMarkers(value, name, where);
  if (isSecret(value)) return value;
  if (isForeignSecret(value)) return new Secret(value.reveal());
  if (name !== undefined && isSecretName(name) && (typeof value === 'string' || typeof value === 'number')) {
    return new Secret(String(value));
  }
  if (Array.isArray(value)) return value.map((v) => wrapValue(name, v, where));
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = wrapValue(k, v, where);
    return out;
  }
  return value;
}

/** Turns `{"!secret": "x"}` into a Secret and `{"!env": "NAME"}` into the variable's value; anything else as is. */
function resolveMarkers(value: unknown, name: string | undefined, where: ErrorLocation): unknown {
  if (!isPlainObject(value)) return value;
  const keys = Object.keys(value);
  if (keys.length !== 1 || (keys[0] !== SECRET_KEY && keys[0] !== ENV_KEY)) return value;
  const field = name ?? where.field;
  const inner = value[keys[0]];
  if (keys[0] === SECRET_KEY) {
    if (typeof inner !== 'string' && typeof inner !== 'number') throw new ArgsError(`"${SECRET_KEY}" takes a string`, { ...where, field });
    return new Secret(String(inner));
  }
  if (typeof inner !== 'string') throw new ArgsError(`"${ENV_KEY}" takes the name of an environment variable`, { ...where, field });
  return readEnv(inner, { ...where, field });
}

/** The value of environment variable `name`; an ArgsError naming it if unset. */
function readEnv(name: string, where: ErrorLocation = {}): string {
  const v = process.env[name];
  if (v === undefined) throw new ArgsError(`environment variable ${name} is not set`, where);
  return v;
}

/**
 * A Secret made by another copy of core/secret.ts (a TypeScript inventory imported as ESM while the
 * caller runs as CommonJS, as under mocha): re-wrapped so `isSecret` holds everywhere.
 */
function isForeignSecret(v: unknown): v is { reveal(): string } {
  return (
    v !== null && typeof v === 'object' && (v as { constructor?: { name?: string } }).constructor?.name === 'Secret' &&
    typeof (v as { reveal?: unknown }).reveal === 'function' && JSON.stringify(v) === JSON.stringify(MASK)
  );
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}
