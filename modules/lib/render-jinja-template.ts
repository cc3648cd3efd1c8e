// Renders a Jinja2 template file twice: with secrets revealed (the file's content) and with secrets as *** (for diffs and output).
import { dirname } from 'node:path';
import type { ErrorLocation } from '../../core/errors.ts';
import { type Secret, maskSecrets } from '../../core/secret.ts';
import { renderJinja } from '../../core/template/render.ts';
import type { RenderedTemplate } from './render-template.ts';
import { revealedView } from '../../core/reveal-secrets.ts';

export interface JinjaTemplateInput {
  source: string;
  /** The template file (errors name it; includes look beside it first). */
  file: string;
  /** The playbook's folder: includes are also looked up in its templates/ folder and in it. */
  baseDir: string;
  vars: Record<string, unknown>;
  where: ErrorLocation;
  trimBlocks?: boolean;
  lstripBlocks?: boolean;
}

/**
 * The real render reads variables through a view that reveals Secrets (and records which it read); the
 * display render reads the Secrets themselves, which print as ***. A template that fails to render is a
 * TemplateError naming the file and line (with the host and task of `where`).
 */
export function renderJinjaTemplate(input: JinjaTemplateInput): RenderedTemplate {
  const found = new Set<Secret>();
  const opts = {
    file: input.file,
    searchPath: [dirname(input.file), `${input.baseDir}/templates`, input.baseDir],
    trimBlocks: input.trimBlocks,
    lstripBlocks: input.lstripBlocks,
    where: { ...input.where, field: 'src' },
  };
  const real = renderJinja(input.source, revealedView(input.vars, found), opts);
  const secrets = [...found];
  if (!secrets.length) return { real, display: real, secrets };
  let display: string;
  try {
    display = renderJinja(input.source, input.vars, opts);
  } catch {
    display = real;
  }
  return { real, display: maskSecrets(display, secrets), secrets };
}
