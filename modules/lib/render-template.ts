// Renders an EJS template twice: with secrets revealed (the file's content) and with secrets as *** (for diffs).
import ejs from 'ejs';
import { TsibleError, type ErrorLocation } from '../../core/errors.ts';
import { type Secret, maskSecrets } from '../../core/secret.ts';
import { revealSecrets } from './reveal-secrets.ts';

export interface RenderedTemplate {
  /** The content to write, secrets revealed. */
  real: string;
  /** The same render with every Secret printed as ***. */
  display: string;
  /** Secrets found in the variables. */
  secrets: Secret[];
}

/**
 * `<%= x %>` and `<%- x %>` both print the value as is (config files, not HTML: no escaping unless
 * `htmlEscape`). Includes resolve relative to the template file.
 */
export function renderTemplate(source: string, file: string, vars: Record<string, unknown>, where: ErrorLocation, htmlEscape = false): RenderedTemplate {
  const found = new Set<Secret>();
  const revealed = revealSecrets(vars, found);
  const secrets = [...found];
  const options: ejs.Options = { filename: file, cache: false, async: false };
  if (!htmlEscape) options.escape = (v: unknown) => (v === undefined || v === null ? '' : String(v));
  const render = (data: Record<string, unknown>): string => {
    try {
      return ejs.render(source, data, options) as string;
    } catch (e) {
      // EJS quotes the template lines around the error; the message never holds variable values unless
      // the template itself threw them, so mask the known secrets anyway.
      const message = maskSecrets((e as Error).message, secrets);
      // No `cause`: the original error object could carry revealed values into a printed stack.
      throw new TsibleError(`template ${file} failed to render: ${message}`, { ...where, field: 'src' });
    }
  };
  const real = render(revealed);
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
