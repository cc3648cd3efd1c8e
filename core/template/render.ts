// Renders Jinja2 text as Ansible does (trim_blocks, one trailing newline eaten then given back, strict undefined), naming file and line on error.
import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { TsibleError, type ErrorLocation } from '../errors.ts';
import { installJinjaCompiler } from './compiler.ts';
import { type NjkEnvironment, type NjkTemplate, nunjucks } from './nunjucks.ts';
import { runtime, withVars } from './runtime.ts';

/** A template that does not parse or cannot be rendered (syntax, undefined variable, unknown filter, a filter's failure). */
export class TemplateError extends TsibleError {
  override name = 'TemplateError';
}

export interface JinjaOptions {
  /** The template's file (or a label such as `-a`), for errors and includes. */
  file: string;
  /** Folders `{% include %}` / `{% import %}` names are looked up in, first match wins. */
  searchPath?: string[];
  /** Ansible's defaults: trim_blocks true, lstrip_blocks false (a `#jinja2:` first line can change them). */
  trimBlocks?: boolean;
  lstripBlocks?: boolean;
  /** Where errors point besides file and line (host, task, field). */
  where?: ErrorLocation;
  /** A value rather than a file: errors name `file` without a line. */
  noLine?: boolean;
}

/** Jinja's lexer: newlines normalized to \n, and (keep_trailing_newline=False) one trailing newline dropped. */
function jinjaSource(text: string): string {
  // `{%+` (keep the spaces before a block tag under lstrip_blocks) is read as `{%`.
  const s = text.replace(/\r\n|\r/g, '\n').replace(/\{%\+/g, '{%');
  return s.endsWith('\n') ? s.slice(0, -1) : s;
}

/** `#jinja2: trim_blocks: False, lstrip_blocks: True` on the first line (Ansible's per-template overrides). */
function overrides(source: string, opts: JinjaOptions): { body: string; trimBlocks: boolean; lstripBlocks: boolean } {
  let trimBlocks = opts.trimBlocks ?? true;
  let lstripBlocks = opts.lstripBlocks ?? false;
  if (!source.startsWith('#jinja2:')) return { body: source, trimBlocks, lstripBlocks };
  const eol = source.indexOf('\n');
  const line = source.slice('#jinja2:'.length, eol < 0 ? undefined : eol);
  for (const pair of line.split(',')) {
    const m = /^\s*(\w+)\s*:\s*(\S+)\s*$/.exec(pair);
    if (!m) throw new TemplateError(`failed to parse jinja2 override '${pair.trim()}'`, { ...opts.where, file: opts.file, line: 1 });
    const on = /^(True|true|1)$/.test(m[2]);
    if (m[1] === 'trim_blocks') trimBlocks = on;
    else if (m[1] === 'lstrip_blocks') lstripBlocks = on;
  }
  return { body: eol < 0 ? '' : source.slice(eol + 1), trimBlocks, lstripBlocks };
}

const environments = new Map<string, NjkEnvironment>();

/** One Nunjucks environment per whitespace setting and include path. */
function environment(trimBlocks: boolean, lstripBlocks: boolean, searchPath: string[]): NjkEnvironment {
  const key = JSON.stringify([trimBlocks, lstripBlocks, searchPath]);
  let env = environments.get(key);
  if (env) return env;
  const n = nunjucks();
  installJinjaCompiler(n);
  const loader = {
    cache: {},
    getSource(name: string) {
      const candidates = isAbsolute(name) ? [name] : searchPath.map((d) => join(d, name));
      for (const path of candidates) {
        try {
          return { src: jinjaSource(readFileSync(path, 'utf8')), path, noCache: true };
        } catch {
          // next folder
        }
      }
      throw new Error(`template not found: ${name} (looked in ${searchPath.join(', ') || 'no folder'})`);
    },
  };
  env = new n.Environment([loader], { autoescape: false, trimBlocks, lstripBlocks, throwOnUndefined: false, dev: true });
  env.tsible = runtime;
  environments.set(key, env);
  return env;
}

const compiled = new Map<string, { source: string; template: NjkTemplate }>();

function compile(source: string, env: NjkEnvironment, key: string, file: string): NjkTemplate {
  const hit = compiled.get(key);
  if (hit && hit.source === source) return hit.template;
  const template = new (nunjucks().Template)(source, env, file, true);
  compiled.set(key, { source, template });
  return template;
}

/** The error's message without Nunjucks' "(file) [Line n, Column m]" prefix, and its 1-based line. */
function describe(e: unknown): { message: string; line?: number } {
  const err = e as { message?: string; lineno?: number; tsibleMessage?: string; cause?: Error };
  let message = err.tsibleMessage ?? err.cause?.message ?? String(err.message ?? e);
  message = message.replace(/^\([^)]*\)( \[Line \d+(, Column \d+)?\])?\n\s*/, '').replace(/^Template render error: /, '').replace(/^(Error|TypeError): /, '');
  const line = typeof err.lineno === 'number' && err.lineno > 0 ? err.lineno : undefined;
  return { message, line };
}

/** Renders `text` (a whole template file's content) with `vars`. Throws TemplateError naming file and line. */
export function renderJinja(text: string, vars: Record<string, unknown>, opts: JinjaOptions): string {
  const { body, trimBlocks, lstripBlocks } = overrides(text, opts);
  const source = jinjaSource(body);
  const env = environment(trimBlocks, lstripBlocks, opts.searchPath ?? []);
  let out: string;
  try {
    const template = compile(source, env, `${trimBlocks}\0${lstripBlocks}\0${opts.file}`, opts.file);
    out = withVars(vars, () => template.render({}));
  } catch (e) {
    // An error of a variable rendered inside this one (lazily) already names that variable: passed on as it is.
    if (e instanceof TsibleError) throw e;
    if ((e as { cause?: unknown }).cause instanceof TsibleError) throw (e as { cause: unknown }).cause;
    const { message, line: found } = describe(e);
    // The parser reports a block left open at the end of the template without a line: the last one.
    const line = found ?? (/end of file/.test(message) ? source.split('\n').length : undefined);
    throw new TemplateError(message.replace(/^parse\w+: /, ''), { ...opts.where, file: opts.file, ...(line && !opts.noLine ? { line } : {}) });
  }
  // Ansible's template action: as many trailing newlines as the template text had (Jinja ate one).
  const want = /\n*$/.exec(body)![0].length;
  const have = /\n*$/.exec(out)![0].length;
  return want > have ? out + '\n'.repeat(want - have) : out;
}

/** True when `text` holds Jinja markup (`{{`, `{%` or `{#`). */
export function hasJinja(text: string): boolean {
  return text.includes('{{') || text.includes('{%') || text.includes('{#');
}
