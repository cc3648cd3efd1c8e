// Module file: a path on the host is a file, a directory, a symlink or absent, with mode, owner and group (recursively for directories).
import { posix } from 'node:path';
import { ArgsError, TsibleError } from '../core/errors.ts';
import { type Change, defineModule } from '../core/module.ts';
import { quoteWord } from '../core/quote.ts';
import { type FileStat, fileStat } from './facts/file-stat.ts';
import { attrChanges, newPathMode } from './lib/file-attrs.ts';
import { formatMode } from './lib/file-mode.ts';
import { recurseChanges } from './lib/file-recurse.ts';
import { ATTR_ARGS, checkAbsolutePath } from './lib/write-args.ts';

export type FileState = 'file' | 'directory' | 'absent' | 'link' | 'touch';

export interface FileArgs {
  /** Absolute path on the host. */
  path: string;
  /**
   * file: must exist, attributes fixed; directory: created with parents; absent: removed (recursively);
   * link: a symlink to src; touch: created empty if missing. Default: link when src is given, directory
   * with recurse, else file.
   */
  state?: FileState;
  /** Permissions: octal ('0644') or symbolic ('u=rwX,g=rX,o='). Not for links. */
  mode?: string;
  /** Owner (user name or uid). */
  owner?: string;
  /** Group (name or gid). */
  group?: string;
  /** For state link: what the link points to (written as given, relative or absolute). */
  src?: string;
  /** For state directory: apply mode, owner and group to everything below too. */
  recurse?: boolean;
  /** For state link: replace an existing regular file (or a link elsewhere) at path (default false for files). */
  force?: boolean;
}

export interface FileFacts {
  stat: FileStat;
}

function wantedState(args: FileArgs): FileState {
  return args.state ?? (args.src !== undefined ? 'link' : args.recurse ? 'directory' : 'file');
}

export const file = defineModule<FileArgs, FileFacts>({
  name: 'file',
  doc: {
    summary: 'Makes a path a file, a directory, a symbolic link or absent, with mode, owner and group (recursively with recurse).',
    changed: 'The path was created, removed or re-pointed, or a mode, owner or group differed (for recurse: of any entry below). touch on an existing file changes nothing (its times are kept), so a second run is ok.',
    checkMode: 'Reads the path once (lstat, and a listing with find for recurse) and reports what would change; changes nothing.',
    examples: [
      "file({ path: '/etc/ha.d', state: 'directory', mode: '0755' })",
      "file({ path: '/etc/ha.d/authkeys', mode: '0600', owner: 'root' })",
      "file({ path: '/var/www/site', state: 'directory', recurse: true, owner: 'www-data', mode: 'u=rwX,g=rX,o=rX' })",
      "file({ path: '/etc/nginx/sites-enabled/default', state: 'link', src: '/etc/nginx/sites-available/default' })",
    ],
  },
  args: {
    path: { type: 'string', required: true, aliases: ['dest', 'name'], description: 'Absolute path on the host.' },
    state: { type: 'string', choices: ['file', 'directory', 'absent', 'link', 'touch'], description: 'file: must exist (not created), attributes fixed; directory: created with its parents (mkdir -p); absent: removed, recursively for a directory; link: a symbolic link to src; touch: an empty file created if missing (times of an existing file are kept). Default: link with src, directory with recurse, else file.' },
    ...ATTR_ARGS,
    src: { type: 'string', description: 'For state link: the link target, written as given.' },
    recurse: { type: 'bool', default: false, description: 'For state directory: apply mode, owner and group to every entry below as well (symlinks: owner and group only).' },
    force: { type: 'bool', default: false, description: 'For state link: replace a regular file at path by the link (a link elsewhere is always re-pointed; a directory never replaced).' },
  },
  validate(args, where) {
    checkAbsolutePath(args.path, 'path', where);
    const state = wantedState(args);
    if (state === 'link' && args.src === undefined) throw new ArgsError('state link needs src (the link target)', { ...where, field: 'src' });
    if (state !== 'link' && args.src !== undefined) throw new ArgsError(`src is only for state link, not ${state}`, { ...where, field: 'src' });
    if (state === 'link' && args.mode !== undefined) throw new ArgsError('a symbolic link has no mode of its own (set the mode on its target)', { ...where, field: 'mode' });
    if (args.recurse && state !== 'directory') throw new ArgsError(`recurse is only for state directory, not ${state}`, { ...where, field: 'recurse' });
    if (state === 'absent' && posix.normalize(args.path) === '/') throw new ArgsError('refusing to remove /', { ...where, field: 'path' });
    if (args.src === '') throw new ArgsError('src must not be empty', { ...where, field: 'src' });
  },
  async gather(ctx, args) {
    const state = wantedState(args);
    // file/directory/touch act on what a symlink points to (as Ansible's follow=yes); link/absent on the path itself.
    const follow = state === 'file' || state === 'directory' || state === 'touch';
    return { stat: await ctx.facts.get(fileStat(args.path, { follow, tree: state === 'directory' && args.recurse })) };
  },
  plan(args, facts) {
    const s = facts.stat;
    const path = s.path;
    switch (wantedState(args)) {
      case 'absent':
        return planAbsent(path, s);
      case 'file':
        if (s.type === 'absent') throw new TsibleError(`${path} does not exist (state file never creates files: use state touch, copy or template)`, { field: 'path' });
        if (s.type !== 'file') throw new TsibleError(`${path} is a ${s.type}, not a regular file`, { field: 'path' });
        return attrChanges(path, s, args);
      case 'touch':
        if (s.type === 'absent') {
          const mode = newPathMode(args, false);
          return [{ summary: `create empty ${path} (mode ${formatMode(mode)})`, diff: { path, before: '', after: '' }, steps: [{ kind: 'put', path, content: '', mode, owner: args.owner, group: args.group }] }];
        }
        if (s.type === 'directory' || s.type === 'file') return attrChanges(path, s, args);
        throw new TsibleError(`${path} is a ${s.type}; touch needs a file`, { field: 'path' });
      case 'directory':
        return planDirectory(path, s, args);
      case 'link':
        return planLink(path, s, args);
    }
  },
  output(args, facts) {
    return { path: facts.stat.path, state: wantedState(args) };
  },
});

function planAbsent(path: string, s: FileStat): Change[] {
  if (s.type === 'absent') return [];
  const what = s.type === 'directory' ? `remove directory ${path} and everything in it` : `remove ${s.type === 'link' ? 'symbolic link' : s.type} ${path}`;
  return [{ summary: what, steps: [{ kind: 'run', command: ['rm', '-rf', '--', path] }] }];
}

function planDirectory(path: string, s: FileStat, args: FileArgs): Change[] {
  if (s.type === 'directory') return [...attrChanges(path, s, args), ...(args.recurse ? recurseChanges(path, s.tree ?? [], args) : [])];
  if (s.type !== 'absent') throw new TsibleError(`${path} exists and is a ${s.type}, not a directory`, { field: 'path' });
  const mode = newPathMode(args, true);
  const steps: Change['steps'] = [{ kind: 'run', command: ['mkdir', '-p', '-m', formatMode(mode), '--', path] }];
  if (args.owner !== undefined || args.group !== undefined) {
    steps.push({ kind: 'run', command: ['chown', '--', `${args.owner ?? ''}${args.group !== undefined ? `:${args.group}` : ''}`, path] });
  }
  return [{ summary: `create directory ${path} (mode ${formatMode(mode)})`, steps }];
}

function planLink(path: string, s: FileStat, args: FileArgs): Change[] {
  const src = args.src!;
  if (s.type === 'link' && s.linkTarget === src) return attrChanges(path, s, args);
  if (s.type === 'directory') throw new TsibleError(`${path} is a directory; it cannot become a symbolic link`, { field: 'path' });
  if (s.type === 'file' && !args.force) throw new TsibleError(`${path} is a regular file; set force: true to replace it by a link to ${src}`, { field: 'path' });
  if (s.type === 'other') throw new TsibleError(`${path} exists and is not a file or link`, { field: 'path' });
  // A new link beside the path, renamed over it: the path is never missing.
  const tmp = posix.join(posix.dirname(path), `.${posix.basename(path)}.tsible-link`);
  const script = [
    `rm -f -- ${quoteWord(tmp)}`,
    `ln -s -- ${quoteWord(src)} ${quoteWord(tmp)}`,
    ...(args.owner !== undefined || args.group !== undefined
      ? [`chown -h -- ${quoteWord(`${args.owner ?? ''}${args.group !== undefined ? `:${args.group}` : ''}`)} ${quoteWord(tmp)} || { rm -f -- ${quoteWord(tmp)}; exit 1; }`]
      : []),
    `mv -Tf -- ${quoteWord(tmp)} ${quoteWord(path)} || { rm -f -- ${quoteWord(tmp)}; exit 1; }`,
  ].join('\n');
  const before = s.type === 'absent' ? '' : s.type === 'link' ? `symbolic link to ${s.linkTarget}` : 'regular file';
  const summary = s.type === 'absent' ? `create symbolic link ${path} → ${src}` : `${path}: ${before} → symbolic link to ${src}`;
  return [{ summary, diff: { path, before: before ? before + '\n' : '', after: `symbolic link to ${src}\n` }, steps: [{ kind: 'run', command: { shell: 'set -e\n' + script } }] }];
}
