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
  const { byName } = specIndex(specs);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    // A module whose keys are free (set_fact's variable names) declares them all with the spec '*'.
    const name = byName.get(key) ?? (specs['*'] && key !== '*' ? key : undefined);
    if (!name) {
      const known = Object.keys(specs).join(', ') || '(none)';
      throw new ArgsError(`unknown argument for module ${moduleName}; it takes: ${known}`, { ...where, field: key });
    }
    if (value === undefined) continue;
    out[name] = coerce(moduleName, name, specs[name] ?? specs['*'], value, where);
  }
  for (const name of Object.keys(specs)) {
    if (name === '*') continue;
    const spec = specs[name];
    if (out[name] !== undefined) continue;
    if (spec.required) throw new ArgsError(`module ${moduleName} requires this argument`, { ...where, field: name });
    if (spec.default !== undefined) out[name] = typeof spec.default === 'object' && spec.default !== null ? structuredClone(spec.default) : spec.default;
  }
  return out as T;
}

/** What parsing needs from a module's specs, derived once per spec object (a module's specs are made once; arguments are parsed per host and task). */
interface SpecIndex {
  /** Each argument's name and aliases → its name. */
  byName: Map<string, string>;
  /** The `binary` arguments (file content, NUL allowed). */
  binary: ReadonlySet<string>;
}
const specIndexes = new WeakMap<ArgSpecs, SpecIndex>();
function specIndex(specs: ArgSpecs): SpecIndex {
  let index = specIndexes.get(specs);
  if (index) return index;
  const byName = new Map<string, string>();
  for (const [name, spec] of Object.entries(specs)) {
    byName.set(name, name);
    for (const alias of spec.aliases ?? []) byName.set(alias, name);
  }
  index = { byName, binary: new Set(Object.entries(specs).filter(([, s]) => s.binary).map(([n]) => n)) };
  specIndexes.set(specs, index);
  return index;
}

/** The names of the `binary` arguments of `specs` (file content, where NUL is allowed). */
export function binaryArgs(specs: ArgSpecs): ReadonlySet<string> {
  return specIndex(specs).binary;
}

function coerce(mod: string, field: string, spec: ArgSpec, value: unknown, where: ErrorLocation): unknown {
  const fail = (expected: string): never => {
    throw new ArgsError(`module ${mod} expects ${expected}, got ${describe(value)}`, { ...where, field });
  };
  // For a mode, choices are extra keywords taken as they are (copy's mode=preserve).
  if (spec.type === 'mode' && typeof value === 'string' && spec.choices?.includes(value)) return value;
  const v = coerceType(spec.type, value, spec.elements, fail);
  if (spec.choices && spec.type !== 'mode') {
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
    // A number is the mode's value (0o644, or YAML's 0644, is 420), as in Ansible. A number whose decimal digits
    // look octal and that is above 0o777 (644, 755, 600) is almost surely a mode written without its leading 0:
    // Ansible applies 644 as 0o1204 without a word; tsible refuses it.
    if (!Number.isInteger(value) || value < 0 || value > 0o7777) return fail('a mode between 0 and 0o7777');
    if (value > 0o777 && /^[0-7]+$/.test(String(value))) {
      return fail(`a mode: the number ${value} is 0o${value.toString(8)} (a decimal number, as YAML reads ${value}); write '0${value}' (a string) or 0o${value} to mean 0${value}`);
    }
    return '0' + value.toString(8).padStart(3, '0');
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
