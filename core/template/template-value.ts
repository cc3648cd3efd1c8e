// `{{ }}` inside values (ad hoc arguments, inventory and play variables) rendered as Ansible does: typed when the whole value is one expression, lazily and once for variables.
import type { ErrorLocation } from '../errors.ts';
import { revealedView } from '../reveal-secrets.ts';
import { type Secret, isSecret, secret } from '../secret.ts';
import { isDict, pyStr, pyTruth, strict } from './py-values.ts';
import { TemplateError, hasJinja, renderJinja } from './render.ts';
import { GLOBALS } from './runtime.ts';

/** Where a templated value came from, for errors: a label such as `-a` or `variable "motd"`, and the location. */
export interface ValueSource {
  label: string;
  where?: ErrorLocation;
  /**
   * A string built from Secrets is a Secret (default), or the revealed text (module arguments: the
   * engine masks every Secret's text in what it prints, and modules such as command refuse Secret text).
   */
  revealInStrings?: boolean;
}

/** Ansible's `omit`: an argument whose value renders to it is left out. */
export const OMIT = '__omit_place_holder__tsible';
GLOBALS.omit = OMIT;

const CAPTURE = '__tsible_capture__';
let captured: unknown;
GLOBALS[CAPTURE] = (v: unknown) => {
  captured = strict(v);
  return '';
};

/** `{{ expr }}` and nothing else around it (Ansible then keeps the value's type). */
const LONE = /^\{\{-?((?:(?!\{\{|\}\})[\s\S])*?)-?\}\}$/;

/** The value of a Jinja expression with `vars`. */
function evaluate(expr: string, vars: Record<string, unknown>, src: ValueSource): unknown {
  captured = undefined;
  renderJinja(`{{ ${CAPTURE}((${expr})) }}`, vars, { file: src.label, where: src.where, noLine: true });
  return captured;
}

/** Ansible's text → value step: 'True'/'False' and text that reads as a list or dict literal become those. */
function literal(text: string, src: ValueSource): unknown {
  if (text === 'True') return true;
  if (text === 'False') return false;
  if (/^[[{]/.test(text) && !hasJinja(text)) {
    try {
      return evaluate(text, {}, src);
    } catch {
      return text;
    }
  }
  return text;
}

/**
 * One string rendered with `vars`: a lone `{{ expr }}` gives its value (a list stays a list, a bool a
 * bool, a Secret stays a Secret), anything else a string. Secrets used in a string make the result a
 * Secret, so it prints as *** wherever tsible prints it.
 */
export function templateString(text: string, vars: Record<string, unknown>, src: ValueSource): unknown {
  if (!hasJinja(text)) return text;
  const found = new Set<Secret>();
  const lone = LONE.exec(text);
  if (lone) {
    let plain: unknown;
    try {
      plain = evaluate(lone[1], vars, src);
    } catch {
      // a filter that needed a Secret's text: the revealed evaluation below says what went wrong, if anything
    }
    if (isSecret(plain)) return plain;
    const value = evaluate(lone[1], revealedView(vars, found), src);
    if (typeof value === 'string') return found.size && !src.revealInStrings ? secret(value) : literal(value, src);
    if (value === null || value === undefined) return '';
    if (typeof value === 'number') return pyStr(value);
    return value;
  }
  const out = renderJinja(text, revealedView(vars, found), { file: src.label, where: src.where, noLine: !text.includes('\n') });
  return found.size && !src.revealInStrings ? secret(out) : literal(out, src);
}

/** Every string inside `value` (lists, dicts) rendered with `vars`; Secrets and other objects as they are. */
export function templateValue(value: unknown, vars: Record<string, unknown>, src: ValueSource): unknown {
  if (typeof value === 'string') return templateString(value, vars, src);
  if (Array.isArray(value)) return value.map((v) => templateValue(v, vars, src));
  if (isDict(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, templateValue(v, vars, src)]).filter(([, v]) => v !== OMIT));
  return value;
}

/**
 * Ansible's conditional (`when: "x is defined and x > 1"`): each expression of `exprs` evaluated with `vars`, all
 * must hold (a list is an `and`, as in Ansible). An expression written inside `{{ }}` is taken without them.
 */
export function conditionHolds(exprs: string | string[] | boolean, vars: Record<string, unknown>, src: ValueSource): boolean {
  if (typeof exprs === 'boolean') return exprs;
  for (const raw of [exprs].flat()) {
    const lone = LONE.exec(raw.trim());
    if (!pyTruth(evaluate(lone ? lone[1] : raw, vars, src))) return false;
  }
  return true;
}

/**
 * True when a string inside `value` holds a Jinja expression or statement (`{{`, `{%`). A `{#` alone does not count:
 * in a playbook's literal arguments it is far more often shell (`${#list[@]}`) than a Jinja comment.
 */
export function holdsJinjaCode(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('{{') || value.includes('{%');
  if (!value || typeof value !== 'object' || isSecret(value)) return false;
  const items = Array.isArray(value) ? value : isDict(value) ? Object.values(value) : [];
  return items.some(holdsJinjaCode);
}

/** templateValue for a playbook's literal arguments: only the strings holding `{{` or `{%` render (see holdsJinjaCode). */
export function templateCode(value: unknown, vars: Record<string, unknown>, src: ValueSource): unknown {
  if (typeof value === 'string') return holdsJinjaCode(value) ? templateString(value, vars, src) : value;
  if (Array.isArray(value)) return value.map((v) => templateCode(v, vars, src));
  if (isDict(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, templateCode(v, vars, src)]).filter(([, v]) => v !== OMIT));
  return value;
}

const holdsCache = new WeakMap<object, boolean>();

/** True when a string inside `value` holds Jinja markup. */
export function holdsTemplate(value: unknown): boolean {
  if (typeof value === 'string') return hasJinja(value);
  if (!value || typeof value !== 'object' || isSecret(value)) return false;
  const hit = holdsCache.get(value);
  if (hit !== undefined) return hit;
  const items = Array.isArray(value) ? value : isDict(value) ? Object.values(value) : [];
  const holds = items.some(holdsTemplate);
  holdsCache.set(value, holds);
  return holds;
}

/**
 * Turns each variable of `vars` whose value holds `{{ }}` (and for which `shouldTemplate` says yes) into
 * a getter that renders it against `vars` on first read, as Ansible templates variables lazily: a
 * variable that is never read is never rendered, one that refers to itself (directly or through others)
 * is an error naming it.
 */
export function templateVarsLazily(vars: Record<string, unknown>, shouldTemplate: (name: string) => boolean, where?: ErrorLocation): Record<string, unknown> {
  for (const name of Object.keys(vars)) {
    const raw = vars[name];
    if (!shouldTemplate(name) || !holdsTemplate(raw)) continue;
    // Per object that reads it: a copy of the descriptors with the loop's `item` (engine's withItem)
    // renders against that copy, so `"{{ item }}-dev"` follows the loop as in Ansible.
    const done = new WeakMap<object, unknown>();
    const resolving = new WeakSet<object>();
    Object.defineProperty(vars, name, {
      enumerable: true,
      configurable: true,
      get(this: Record<string, unknown> | undefined) {
        const self = this && typeof this === 'object' ? this : vars;
        if (done.has(self)) return done.get(self);
        if (resolving.has(self)) throw new TemplateError(`recursive loop detected in template: variable "${name}" refers to itself`, { ...where });
        resolving.add(self);
        try {
          const value = templateValue(raw, self, { label: `variable "${name}"`, where });
          done.set(self, value);
          return value;
        } finally {
          resolving.delete(self);
        }
      },
      set(this: Record<string, unknown> | undefined, v: unknown) {
        Object.defineProperty(this ?? vars, name, { value: v, enumerable: true, configurable: true, writable: true });
      },
    });
  }
  return vars;
}
