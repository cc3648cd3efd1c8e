// Module argument specs: one declaration validates, coerces ad hoc strings, fills defaults and documents.
import { ArgsError, type ErrorLocation } from './errors.ts';
import { Secret, isSecret } from './secret.ts';

export type ArgType = 'string' | 'bool' | 'int' | 'list' | 'mode' | 'dict' | 'secret' | 'any';

export interface ArgSpec {
  type: ArgType;
  description: string;
  required?: boolean;
  default?: unknown;
  /** Allowed values (for string, or for each element of a list). */
  choices?: readonly string[];
  /** Other accepted names (e.g. Ansible's snake_case: update_cache for updateCache). */
  aliases?: readonly string[];
  /** For lists: the type of each element (default string). */
  elements?: ArgType;
  /** The value is file content sent on stdin: a NUL byte is allowed in it (refused in every other string, see core/receivable.ts). */
  binary?: boolean;
}

export type ArgSpecs = Record<string, ArgSpec>;

/**
 * Validates raw arguments (from a playbook object or ad hoc k=v strings) against specs.
 * Unknown fields, missing required ones, wrong types and bad choices throw ArgsError naming the field.
 */
export function parseArgs<T>(moduleName: string, specs: ArgSpecs, raw: unknown, where: ErrorLocation = {}): T {
  if (raw === undefined || raw === null) raw = {};
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ArgsError(`module ${moduleName} takes an object of arguments, got ${describe(raw)}`, where);
  }
  const byName = new Map<string, string>();
  for (const [name, spec] of Object.entries(specs)) {
    byName.set(name, name);
    for (const alias of spec.aliases ?? []) byName.set(alias, name);
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    const name = byName.get(key);
    if (!name) {
      const known = Object.keys(specs).join(', ') || '(none)';
      throw new ArgsError(`unknown argument for module ${moduleName}; it takes: ${known}`, { ...where, field: key });
    }
    if (value === undefined) continue;
    out[name] = coerce(moduleName, name, specs[name], value, where);
  }
  for (const [name, spec] of Object.entries(specs)) {
    if (out[name] !== undefined) continue;
    if (spec.required) throw new ArgsError(`module ${moduleName} requires this argument`, { ...where, field: name });
    if (spec.default !== undefined) out[name] = structuredClone(spec.default);
  }
  return out as T;
}

function coerce(mod: string, field: string, spec: ArgSpec, value: unknown, where: ErrorLocation): unknown {
  const fail = (expected: string): never => {
    throw new ArgsError(`module ${mod} expects ${expected}, got ${describe(value)}`, { ...where, field });
  };
  const v = coerceType(spec.type, value, spec.elements, fail);
  if (spec.choices) {
    const values = Array.isArray(v) ? v : [v];
    for (const one of values) {
      if (typeof one !== 'string' || !spec.choices.includes(one)) fail(`one of ${spec.choices.join(', ')}`);
    }
  }
  return v;
}

function coerceType(type: ArgType, value: unknown, elements: ArgType | undefined, fail: (e: string) => never): unknown {
  switch (type) {
    case 'any':
      return value;
    case 'string':
      if (typeof value === 'string') return value;
      if (typeof value === 'number') return String(value);
      if (isSecret(value)) return value;
      return fail('a string');
    case 'secret':
      if (isSecret(value)) return value;
      if (typeof value === 'string') return new Secret(value);
      return fail('a string or secret');
    case 'bool':
      if (typeof value === 'boolean') return value;
      if (typeof value === 'string') {
        const s = value.toLowerCase();
        if (['yes', 'true', 'on', '1'].includes(s)) return true;
        if (['no', 'false', 'off', '0'].includes(s)) return false;
      }
      return fail('a boolean (true/false, yes/no)');
    case 'int':
      if (typeof value === 'number' && Number.isInteger(value)) return value;
      if (typeof value === 'string' && /^-?\d+$/.test(value)) return Number(value);
      return fail('an integer');
    case 'mode':
      return parseModeArg(value, fail);
    case 'dict':
      if (value && typeof value === 'object' && !Array.isArray(value)) return value;
      if (typeof value === 'string') {
        try {
          const parsed = JSON.parse(value);
          if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed;
        } catch {
          /* fall through to the error */
        }
      }
      return fail('an object');
    case 'list': {
      let list: unknown[];
      if (Array.isArray(value)) list = value;
      else if (typeof value === 'string') list = value.split(',').map((s) => s.trim()).filter((s) => s !== '');
      else list = [value];
      return list.map((one) => coerceType(elements ?? 'string', one, undefined, fail));
    }
  }
}

/** A file mode: octal string ('0644', '644') or number (0o644), or a symbolic mode string ('u=rw,g=r'). Kept as a string. */
function parseModeArg(value: unknown, fail: (e: string) => never): string {
  if (typeof value === 'number') {
    // A number is taken as already octal (0o644); warn-free but unambiguous.
    return '0' + value.toString(8);
  }
  if (typeof value === 'string') {
    if (/^0?[0-7]{3,4}$/.test(value)) return value.length === 3 ? '0' + value : value;
    if (/^[ugoa]*[-+=][rwxXstugo]*(,[ugoa]*[-+=][rwxXstugo]*)*$/.test(value)) return value;
  }
  return fail("a mode: an octal string such as '0644' or a symbolic mode such as 'u=rw,g=r,o=r'");
}

function describe(v: unknown): string {
  if (isSecret(v)) return 'a secret';
  if (Array.isArray(v)) return 'a list';
  if (v === null) return 'null';
  if (typeof v === 'string') return `"${v.length > 40 ? v.slice(0, 40) + '…' : v}"`;
  return typeof v;
}
