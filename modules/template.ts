// Module template: a Jinja2 (or, for .ejs files, EJS) template of the control machine rendered with the host's variables into a file on the host.
import { posix } from 'node:path';
import { defineModule } from '../core/module.ts';
import { type FileStat, fileStat } from './facts/file-stat.ts';
import { type PlannedContent, contentSkipChecksum, maskedContent, sha256 } from './lib/file-content.ts';
import { backupFileFrom, planFileWrite } from './lib/file-write.ts';
import { readLocalFile } from './lib/local-source.ts';
import { renderJinjaTemplate } from './lib/render-jinja-template.ts';
import { renderTemplate } from './lib/render-template.ts';
import { layeredVars } from '../core/reveal-secrets.ts';
import { ATTR_ARGS, WRITE_ARGS, checkAbsolutePath, checkValidate } from './lib/write-args.ts';

export interface TemplateArgs {
  /** Template on the control machine (Jinja2; EJS when it ends in .ejs), relative to the playbook's folder (or its templates/ folder), or absolute. */
  src: string;
  /** Absolute path of the rendered file on the host. */
  dest: string;
  /** Extra variables for this template, over the host's variables. */
  vars?: Record<string, unknown>;
  /** Permissions: octal ('0644') or symbolic ('u=rw,g=r'). Default: kept, or 0644 for a new file. */
  mode?: string;
  /** Owner (name or uid). Default: kept, or the connecting user for a new file. */
  owner?: string;
  /** Group (name or gid). Default: kept, or the owner's group for a new file. */
  group?: string;
  /** Copy the old file to DEST.PID.TIMESTAMP~ before replacing it. */
  backup?: boolean;
  /** Command with %s run on the rendered file (uploaded beside dest) before it replaces dest. */
  validate?: string;
  /** When dest is a symlink, write the file it points to instead of replacing the link (default false). */
  follow?: boolean;
  /** HTML-escape `<%= %>` output of an EJS template (default false: config files want values as they are). */
  htmlEscape?: boolean;
  /** Jinja2: drop the first newline after a block tag (Ansible's default: true). */
  trimBlocks?: boolean;
  /** Jinja2: strip spaces and tabs before a block tag on its line (Ansible's default: false). */
  lstripBlocks?: boolean;
}

export interface TemplateFacts {
  dest: FileStat;
  content: PlannedContent;
  /** The template file used. */
  srcFile: string;
}

/** The variables Ansible's template action adds (ansible_managed, template_path…), under the host's. */
function templateVars(file: string, dest: string): Record<string, unknown> {
  return { ansible_managed: 'Ansible managed', template_path: file, template_fullpath: file, template_destpath: dest };
}

export const template = defineModule<TemplateArgs, TemplateFacts>({
  name: 'template',
  doc: {
    summary: 'Renders a Jinja2 template (EJS for .ejs files) with the host\'s variables (inventory, play, task, facts, `vars`) into a file on the host.',
    changed: 'The rendered content (compared by sha256), mode, owner or group differed. Secrets in variables are written for real but shown as *** in diffs and output.',
    checkMode: 'Renders the template, reads the file once (stat, sha256, and the content for the diff when the checksum differs) and reports what would change; writes nothing.',
    examples: [
      "template({ src: 'motd.j2', dest: '/etc/motd' })   // Hello {{ inventory_hostname }}",
      "tsible all -i hosts.ini -m template -a 'src=motd.j2 dest=/etc/motd mode=0644'",
      "template({ src: 'templates/ha.cf.ejs', dest: '/etc/ha.d/ha.cf' })",
      "template({ src: 'authkeys.ejs', dest: '/etc/ha.d/authkeys', mode: '0600', owner: 'root' })  // <%= heartbeat_key %> is a Secret",
      "template({ src: 'index.html.ejs', dest: '/var/www/html/index.html', vars: { title: 'Debian Web 1' } })",
    ],
  },
  args: {
    src: { type: 'string', required: true, description: "Template on the control machine: relative to the playbook's folder, then its templates/ folder; or absolute. Jinja2 as in Ansible (`{{ name }}`, `{% if %}`, filters; trim_blocks on, an undefined variable is an error; see docs/templates.md); a file ending in .ejs is EJS: `<%= name %>` prints a variable as is (no HTML escaping unless htmlEscape), `<% if (x) { %>…<% } %>` for logic. Includes resolve relative to the template." },
    dest: { type: 'string', required: true, aliases: ['path'], description: 'Absolute path of the rendered file on the host.' },
    vars: { type: 'dict', description: "Extra variables for this template, over the host's variables." },
    ...ATTR_ARGS,
    ...WRITE_ARGS,
    follow: { type: 'bool', default: false, description: 'When dest is a symlink, write its target instead of replacing the link by a file.' },
    htmlEscape: { type: 'bool', default: false, aliases: ['html_escape'], description: 'EJS: HTML-escape the output of <%= %> (default: values as they are).' },
    trimBlocks: { type: 'bool', default: true, aliases: ['trim_blocks'], description: 'Jinja2: remove the first newline after a block tag, as Ansible (default true).' },
    lstripBlocks: { type: 'bool', default: false, aliases: ['lstrip_blocks'], description: 'Jinja2: strip spaces and tabs from the start of a line up to a block tag, as Ansible (default false).' },
  },
  validate(args, where) {
    // As Ansible: a dest ending in / is a folder, and the file in it takes the template's own name.
    if (typeof args.dest === 'string' && /[^/]\/+$/.test(args.dest) && typeof args.src === 'string') args.dest = posix.join(args.dest, posix.basename(args.src));
    checkAbsolutePath(args.dest, 'dest', where);
    checkValidate(args.validate, where);
  },
  async gather(ctx, args) {
    const local = await readLocalFile(ctx.baseDir, args.src, 'templates', ctx.where);
    const vars = layeredVars(args.vars, ctx.vars);
    const source = local.bytes.toString('utf8');
    const rendered = local.file.endsWith('.ejs')
      ? renderTemplate(source, local.file, vars, ctx.where, args.htmlEscape)
      : renderJinjaTemplate({ source, file: local.file, baseDir: ctx.baseDir, vars: layeredVars(vars, templateVars(local.file, args.dest)), where: ctx.where, trimBlocks: args.trimBlocks, lstripBlocks: args.lstripBlocks });
    const content = maskedContent(rendered.real, rendered.display, rendered.secrets);
    // The old content only matters for the diff of a change: not read when the checksum already matches (unless secret).
    const dest = await ctx.facts.get(fileStat(args.dest, { content: true, contentUnlessSha256: contentSkipChecksum(content), follow: args.follow }));
    return { dest, content, srcFile: local.file };
  },
  plan(args, facts) {
    return planFileWrite(facts.dest.path, facts.dest, facts.content, args);
  },
  output(args, facts, results) {
    const secret = facts.content.display !== facts.content.bytes.toString('utf8');
    return {
      dest: facts.dest.path,
      src: facts.srcFile,
      size: facts.content.bytes.length,
      ...(secret ? {} : { checksum: sha256(facts.content.bytes) }),
      ...(backupFileFrom(results) ? { backupFile: backupFileFrom(results) } : {}),
    };
  },
});
