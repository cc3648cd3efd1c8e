// Renders an EJS template twice: with secrets revealed (the file's content) and with secrets as *** (for diffs); compiled once per file and source.
import ejs from 'ejs';
import { TsibleError, type ErrorLocation } from '../../core/errors.ts';
import { type Secret, maskSecrets } from '../../core/secret.ts';
import { revealedView } from '../../core/reveal-secrets.ts';

export interface RenderedTemplate {
  /** The content to write, secrets revealed. */
  real: string;
  /** The same render with every Secret printed as ***. */
  display: string;
  /** Secrets found in the variables. */
  secrets: Secret[];
}

type TemplateFunction = (data: Record<string, unknown>) => string;

/** Compiled templates by file and escaping; reused while the source is the same text (a changed file compiles again). */
const compiledCache = new Map<string, { source: string; fn: TemplateFunction }>();

/** The compiled function of `source` (EJS's own cache is off: it keys on the file name alone, never on the content). */
function compiled(source: string, file: string, htmlEscape: boolean): TemplateFunction {
  const key = `${htmlEscape ? 'html' : 'raw'}\0${file}`;
  const hit = compiledCache.get(key);
  if (hit && hit.source === source) return hit.fn;
  const options = { filename: file, cache: false, async: false, unsafePrototypeLocals: true } as ejs.Options;
  if (!htmlEscape) options.escape = (v: unknown) => (v === undefined || v === null ? '' : String(v));
  const fn = ejs.compile(source, options as ejs.Options & { async: false }) as TemplateFunction;
  compiledCache.set(key, { source, fn });
  return fn;
}

/**
 * `<%= x %>` and `<%- x %>` both print the value as is (config files, not HTML: no escaping unless
 * `htmlEscape`). Includes resolve relative to the template file; an included template gets a copy of the
 * enumerable variables (no `hostvars`: pass what it needs as include data).
 */
export function renderTemplate(source: string, file: string, vars: Record<string, unknown>, where: ErrorLocation, htmlEscape = false): RenderedTemplate {
  const found = new Set<Secret>();
  const revealed = revealedView(vars, found);
  // unsafePrototypeLocals: hand our variables to the template as they are instead of EJS's shallow copy of
  // their enumerable keys, which would drop the engine's non-enumerable `hostvars` getter and read (and
  // so reveal) every top-level secret. Templates are the playbook author's code (EJS runs any JavaScript),
  // so the prototype-pollution guard of that copy protects nothing here.
  const render = (data: Record<string, unknown>): string => {
    try {
      return compiled(source, file, htmlEscape)(data);
    } catch (e) {
      // EJS quotes the template lines around the error; the message never holds variable values unless
      // the template itself threw them, so mask the known secrets anyway.
      const message = maskSecrets((e as Error).message, [...found]);
      // No `cause`: the original error object could carry revealed values into a printed stack.
      throw new TsibleError(`template ${file} failed to render: ${message}`, { ...where, field: 'src' });
    }
  };
  const real = render(revealed);
  // Filled while the real render read secret values: exactly the secrets the content holds.
  const secrets = [...found];
  if (!secrets.length) return { real, display: real, secrets };
  let display: string;
  try {
    display = render(vars);
  } catch {
    // The template did string work on a Secret object (e.g. .length): mask the real text instead.
    display = real;
  }
  return { real, display: maskSecrets(display, secrets), secrets };
}
