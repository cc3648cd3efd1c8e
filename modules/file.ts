// Module file: a path on the host is a file, a directory, a symlink, a hard link or absent, with mode, owner, group and times.
import { posix } from 'node:path';
import { ArgsError, TsibleError } from '../core/errors.ts';
import { type Change, type Step, defineModule } from '../core/module.ts';
import { quoteWord } from '../core/quote.ts';
import { type FileStat, fileStat } from './facts/file-stat.ts';
import { type PathLinks, type PathLinksQuestions, ansibleTimeToDate, pathLinks } from './facts/path-links.ts';
import { attrChanges, newPathMode } from './lib/file-attrs.ts';
import { formatMode } from './lib/file-mode.ts';
import { recurseChanges } from './lib/file-recurse.ts';
import { ATTR_ARGS, checkPath } from './lib/write-args.ts';

export type FileState = 'file' | 'directory' | 'absent' | 'link' | 'hard' | 'touch';

export interface FileArgs {
  /** Path on the host (relative: to the login directory). */
  path: string;
  /**
   * file: must exist, attributes fixed; directory: created with parents; absent: removed (recursively);
   * link: a symlink to src; hard: a hard link to src; touch: created empty if missing, times updated.
   * Default: what the path is now (file, directory or link); for a missing path directory with recurse, else file.
   */
  state?: FileState;
  /** Permissions: octal ('0644') or symbolic ('u=rwX,g=rX,o='). With follow (default), a link's target gets them. */
  mode?: string;
  /** Owner (user name or uid). */
  owner?: string;
  /** Group (name or gid). */
  group?: string;
  /** For state link/hard: what the link points to (a symlink's src is written as given, relative to the link's folder). */
  src?: string;
  /** For state directory: apply mode, owner and group to everything below too. */
  recurse?: boolean;
  /** For state link/hard: replace a regular file or an empty directory at path; link to a src that does not exist. */
  force?: boolean;
  /** Act on what a symlink at path points to (default true), as Ansible's follow. */
  follow?: boolean;
  /** 'now', 'preserve' or 'YYYYmmddHHMM.SS' (host's local time). Default: now for touch, else preserve. */
  accessTime?: string;
  /** Like accessTime, for the modification time. */
  modificationTime?: string;
  /** Only Ansible's default '%Y%m%d%H%M.%S' is supported. */
  accessTimeFormat?: string;
  modificationTimeFormat?: string;
}

export interface FileFacts {
  /** The path itself (lstat). */
  stat: FileStat;
  /** What a symlink at path points to, when follow (the path's stat otherwise). */
  target?: FileStat;
  /** For state link with follow: the stat of src (as seen from the link's folder). */
  srcStat?: FileStat;
  /** Answers about src, emptiness, inodes, times and missing parents. */
  links?: PathLinks;
}

const TIME_FORMAT = '%Y%m%d%H%M.%S';

/** The state Ansible acts on: the given one, else what the path is now, else directory (recurse) or file. */
export function resolvedState(args: FileArgs, stat: FileStat): FileState {
  if (args.state) return args.state;
  if (stat.type === 'absent') return args.recurse ? 'directory' : 'file';
  return stat.type === 'link' ? 'link' : stat.type === 'directory' ? 'directory' : 'file';
}

/** Where a symlink's src is looked up: beside the link (inside path when path is a real directory). */
function absoluteSrc(path: string, stat: FileStat, src: string): string {
  return src.startsWith('/') ? src : posix.join(stat.type === 'directory' ? path : posix.dirname(path), src);
}

export const file = defineModule<FileArgs, FileFacts>({
  name: 'file',
  doc: {
    summary: 'Makes a path a file, a directory, a symbolic or hard link, or absent, with mode, owner, group and times (recursively with recurse).',
    changed: "The path was created, removed or re-pointed, or a mode, owner or group differed (for recurse: of any entry below), or times were set. As in Ansible, touch (and access_time/modification_time 'now') always reports changed: its times are updated on every run.",
    checkMode: 'Reads the path once (lstat, plus the link target, src, and a listing with find for recurse) and reports what would change; changes nothing.',
    ansibleDifferences: [
      "A numeric mode whose decimal digits look octal and that is above 0o777 (mode: 644 in YAML) is refused; Ansible applies it as the decimal number (644 = 0o1204). Write '0644' or 0o644.",
      'access_time_format and modification_time_format: only the default %Y%m%d%H%M.%S is supported.',
      'recurse with follow does not descend into directories that links below point to.',
      'attributes, unsafe_writes and the SELinux arguments are not supported (an unknown argument is an error).',
    ],
    examples: [
      "file({ path: '/etc/ha.d', state: 'directory', mode: '0755' })",
      "file({ path: '/etc/ha.d/authkeys', mode: '0600', owner: 'root' })",
      "file({ path: '/var/www/site', state: 'directory', recurse: true, owner: 'www-data', mode: 'u=rwX,g=rX,o=rX' })",
      "file({ path: '/etc/nginx/sites-enabled/default', state: 'link', src: '/etc/nginx/sites-available/default' })",
    ],
  },
  args: {
    path: { type: 'string', required: true, aliases: ['dest', 'name'], description: 'Path on the host; a relative path is relative to the login directory (the working directory for local).' },
    state: { type: 'string', choices: ['file', 'directory', 'absent', 'link', 'hard', 'touch'], description: "file: must exist (never created), attributes fixed; directory: created with its missing parents, each getting mode, owner and group; absent: removed, recursively for a directory; link: a symbolic link to src; hard: a hard link to src; touch: an empty file created if missing, its times set to now. Default: what the path is now (file, directory or link), or for a missing path directory with recurse, else file (which fails, as in Ansible). src without state link or hard is an error." },
    ...ATTR_ARGS,
    src: { type: 'string', description: "For state link: the link target, written as given (a relative src is relative to the link's folder); it must exist unless force. For state hard: the file to link (relative: to the login directory)." },
    recurse: { type: 'bool', default: false, description: 'For state directory: apply mode, owner and group to every entry below as well (symlinks: owner and group only).' },
    force: { type: 'bool', default: false, description: 'For state link/hard: replace a regular file or an empty directory at path by the link, and (link) create a link to a src that does not exist. A non-empty directory is never replaced.' },
    follow: { type: 'bool', default: true, description: 'When path is a symlink, mode, owner, group and times apply to what it points to (and state file/directory check the target).' },
    accessTime: { type: 'string', aliases: ['access_time'], description: "now, preserve, or a time as YYYYmmddHHMM.SS (the host's local time). Default: now for touch, preserve otherwise." },
    modificationTime: { type: 'string', aliases: ['modification_time'], description: 'Like accessTime, for the modification time.' },
    accessTimeFormat: { type: 'string', aliases: ['access_time_format'], description: `Format of accessTime; only Ansible's default ${TIME_FORMAT} is supported.` },
    modificationTimeFormat: { type: 'string', aliases: ['modification_time_format'], description: `Format of modificationTime; only ${TIME_FORMAT} is supported.` },
  },
  validate(args, where) {
    // As Ansible: a folder's path may end with / (path=/usr/share/tomcat/ state=directory); it names the same folder.
    const folderLike = args.state === undefined || args.state === 'directory' || args.state === 'absent' || args.state === 'touch';
    if (folderLike && typeof args.path === 'string' && /[^/]\/+$/.test(args.path)) args.path = args.path.replace(/\/+$/, '');
    checkPath(args.path, 'path', where);
    if ((args.state === 'link' || args.state === 'hard') && args.src === undefined) throw new ArgsError(`state ${args.state} needs src (the link target)`, { ...where, field: 'src' });
    if (args.state === 'absent' && posix.normalize(args.path) === '/') throw new ArgsError('refusing to remove /', { ...where, field: 'path' });
    if (args.src === '') throw new ArgsError('src must not be empty', { ...where, field: 'src' });
    // With an explicit state these are argument errors; with the default state they are checked in plan (it depends on the path).
    if (args.state !== undefined && args.recurse && args.state !== 'directory') throw new ArgsError("recurse option requires state to be 'directory'", { ...where, field: 'recurse' });
    if (args.state !== undefined && args.src !== undefined && args.state !== 'link' && args.state !== 'hard') throw new ArgsError("src option requires state to be 'link' or 'hard'", { ...where, field: 'src' });
    for (const [field, value, format] of [['accessTime', args.accessTime, args.accessTimeFormat], ['modificationTime', args.modificationTime, args.modificationTimeFormat]] as const) {
      if (format !== undefined && format !== TIME_FORMAT) throw new ArgsError(`only the format ${TIME_FORMAT} is supported, got ${JSON.stringify(format)}`, { ...where, field: `${field}Format` });
      if (value !== undefined && value !== 'now' && value !== 'preserve' && !ansibleTimeToDate(value)) {
        throw new ArgsError(`must be now, preserve or a time as YYYYmmddHHMM.SS, got ${JSON.stringify(value)}`, { ...where, field });
      }
    }
  },
  async gather(ctx, args) {
    const stat = await ctx.facts.get(fileStat(args.path, {}));
    const path = stat.path;
    const state = resolvedState(args, stat);
    const follow = args.follow !== false;
    const recurse = state === 'directory' && args.recurse === true;
    const q: PathLinksQuestions = {};
    let srcStat: FileStat | undefined;
    if (state === 'link' && args.src !== undefined) {
      const abs = absoluteSrc(path, stat, args.src);
      // Followed, src's stat also says whether it exists (as `[ -e ]` would): no separate question.
      if (follow) srcStat = await ctx.facts.get(fileStat(abs, { follow: true }));
      else q.srcExists = abs;
    }
    let target = stat;
    // A link already pointing at src leads where src leads: src's stat is the target's (one round trip fewer).
    if (stat.type === 'link' && follow && state !== 'absent' && !recurse && srcStat && stat.linkTarget === args.src) target = srcStat;
    else if (stat.type === 'link' && follow && state !== 'absent') target = await ctx.facts.get(fileStat(path, { follow: true, tree: recurse }));
    else if (recurse) target = await ctx.facts.get(fileStat(path, { tree: true }));
    if (state === 'hard' && args.src !== undefined) {
      q.srcExists = args.src;
      q.inodes = { src: args.src };
    }
    if ((state === 'link' || state === 'hard') && stat.type === 'directory') q.dirEmpty = true;
    const times = timeArgs(args, state);
    if (times.atime !== 'preserve' || times.mtime !== 'preserve') {
      q.timesOf = target.path;
      q.wantTimes = { atime: times.atime, mtime: times.mtime };
    }
    // Parents to create (they get the mode too, as in Ansible): only asked when the parent is missing.
    if (state === 'directory' && target.type === 'absent' && !target.parentIsDir) q.missingParents = true;
    let links = Object.keys(q).length ? await ctx.facts.get(pathLinks(target.path, q)) : undefined;
    if (srcStat) links = { ...links, srcExists: srcStat.type !== 'absent' };
    return { stat, target, srcStat, links };
  },
  plan(args, facts) {
    const s = facts.stat;
    const state = resolvedState(args, s);
    if (args.recurse && state !== 'directory') throw new TsibleError("recurse option requires state to be 'directory'", { field: 'recurse' });
    if (args.src !== undefined && state !== 'link' && state !== 'hard') throw new TsibleError("src option requires state to be 'link' or 'hard'", { field: 'src' });
    const target = facts.target ?? s;
    switch (state) {
      case 'absent':
        return planAbsent(s.path, s);
      case 'file':
        if (target.type !== 'file') throw new TsibleError(`file (${target.path}) is ${target.type}, cannot continue${target.type === 'absent' ? ' (state file never creates files: use state touch, copy or template)' : ''}`, { field: 'path' });
        return [...attrChanges(target.path, target, args), ...timeChanges(target.path, args, state, facts.links)];
      case 'touch':
        return planTouch(target, args, facts.links);
      case 'directory':
        return planDirectory(target, args, facts.links);
      case 'link':
        return planLink(s, args, facts);
      case 'hard':
        return planHard(s, args, facts.links);
    }
  },
  output(args, facts) {
    return { path: facts.stat.path, state: resolvedState(args, facts.stat) };
  },
});

/** The wanted access and modification times ('now', 'preserve' or a YYYYmmddHHMM.SS). */
function timeArgs(args: FileArgs, state: FileState): { atime: string; mtime: string } {
  const fallback = state === 'touch' ? 'now' : 'preserve';
  return { atime: args.accessTime ?? fallback, mtime: args.modificationTime ?? fallback };
}

/** touch -c steps for the wanted times; 'now' always changes (as in Ansible), a given time when it differs. */
function timeChanges(path: string, args: FileArgs, state: FileState, links: PathLinks | undefined): Change[] {
  const { atime, mtime } = timeArgs(args, state);
  const steps: Step[] = [];
  const words: string[] = [];
  if (atime === 'now' && mtime === 'now') {
    steps.push({ kind: 'run', command: ['touch', '-c', '--', path] });
    words.push('access and modification times → now');
  } else {
    for (const [flag, value, current, wanted, name] of [['-a', atime, links?.atime, links?.wantAtime, 'access'], ['-m', mtime, links?.mtime, links?.wantMtime, 'modification']] as const) {
      if (value === 'now') {
        steps.push({ kind: 'run', command: ['touch', '-c', flag, '--', path] });
        words.push(`${name} time → now`);
      } else if (value !== 'preserve' && wanted !== undefined && wanted !== current) {
        steps.push({ kind: 'run', command: ['touch', '-c', flag, '-d', `@${wanted}`, '--', path] });
        words.push(`${name} time → ${value}`);
      }
    }
  }
  return steps.length ? [{ summary: `${path}: ${words.join(', ')}`, steps }] : [];
}

function planAbsent(path: string, s: FileStat): Change[] {
  if (s.type === 'absent') return [];
  const what = s.type === 'directory' ? `remove directory ${path} and everything in it` : `remove ${s.type === 'link' ? 'symbolic link' : s.type} ${path}`;
  return [{ summary: what, steps: [{ kind: 'run', command: ['rm', '-rf', '--', path] }] }];
}

function planTouch(t: FileStat, args: FileArgs, links: PathLinks | undefined): Change[] {
  const path = t.path;
  if (t.type === 'absent') {
    const mode = newPathMode(args, false);
    return [{ summary: `create empty ${path} (mode ${formatMode(mode)})`, diff: { path, before: '', after: '' }, steps: [{ kind: 'put', path, content: '', mode, owner: args.owner, group: args.group }] }];
  }
  return [...attrChanges(path, t, args), ...timeChanges(path, args, 'touch', links)];
}

function chownSpec(args: FileArgs): string | undefined {
  return args.owner !== undefined || args.group !== undefined ? `${args.owner ?? ''}${args.group !== undefined ? `:${args.group}` : ''}` : undefined;
}

function planDirectory(t: FileStat, args: FileArgs, links: PathLinks | undefined): Change[] {
  const path = t.path;
  if (t.type === 'directory') {
    return [...attrChanges(path, t, args), ...timeChanges(path, args, 'directory', links), ...(args.recurse ? recurseChanges(path, t.tree ?? [], args) : [])];
  }
  if (t.type !== 'absent') throw new TsibleError(`${path} already exists as a ${t.type === 'link' ? 'link' : t.type}`, { field: 'path' });
  // As Ansible: every directory created (the missing parents too) gets the mode, owner and group.
  const mode = newPathMode(args, true);
  const created = [...(links?.missingParents ?? []), path];
  const steps: Step[] = [{ kind: 'run', command: ['mkdir', '-p', '-m', formatMode(mode), '--', path] }];
  if (created.length > 1) steps.push({ kind: 'run', command: ['chmod', formatMode(mode), '--', ...created.slice(0, -1)] });
  const spec = chownSpec(args);
  if (spec !== undefined) steps.push({ kind: 'run', command: ['chown', '--', spec, ...created] });
  const parents = created.length > 1 ? ` and ${created.length - 1} parent${created.length > 2 ? 's' : ''}` : '';
  return [{ summary: `create directory ${path}${parents} (mode ${formatMode(mode)})`, steps }];
}

/** Makes a new link at `path` (ln -s or ln), renamed over what is there, so the path is never missing (an empty directory is removed first). */
function linkScript(path: string, before: FileStat['type'], lnArgs: string[]): string {
  const tmp = posix.join(posix.dirname(path), `.${posix.basename(path)}.tsible-link`);
  return [
    'set -e',
    `rm -f -- ${quoteWord(tmp)}`,
    `ln ${lnArgs.map(quoteWord).join(' ')} ${quoteWord(tmp)}`,
    ...(before === 'directory' ? [`rmdir -- ${quoteWord(path)} || { rm -f -- ${quoteWord(tmp)}; exit 1; }`] : []),
    `mv -Tf -- ${quoteWord(tmp)} ${quoteWord(path)} || { rm -f -- ${quoteWord(tmp)}; exit 1; }`,
  ].join('\n');
}

function describeType(s: FileStat): string {
  return s.type === 'link' ? `symbolic link to ${s.linkTarget}` : s.type === 'file' ? 'regular file' : s.type;
}

function planLink(s: FileStat, args: FileArgs, facts: FileFacts): Change[] {
  const path = s.path;
  const follow = args.follow !== false;
  const changes: Change[] = [];
  const src = args.src;
  if (src === undefined) {
    // No src: an existing link is kept; its target gets the attributes (Ansible's "update an existing link").
  } else {
    const abs = absoluteSrc(path, s, src);
    if (!args.force && facts.links?.srcExists === false) throw new TsibleError(`src file does not exist, use force: true if you really want to create the link: ${abs}`, { field: 'src' });
    if (s.type === 'directory') {
      if (!args.force) throw new TsibleError(`refusing to convert from directory to symlink for ${path}`, { field: 'path' });
      if (facts.links?.dirEmpty !== true) throw new TsibleError(`the directory ${path} is not empty, refusing to convert it`, { field: 'path' });
    } else if (s.type === 'file' && !args.force) {
      throw new TsibleError(`refusing to convert from file to symlink for ${path}`, { field: 'path' });
    } else if (s.type === 'other') {
      throw new TsibleError(`${path} exists and is not a file, directory or link`, { field: 'path' });
    }
    if (!(s.type === 'link' && s.linkTarget === src)) {
      const before = s.type === 'absent' ? '' : describeType(s);
      const summary = s.type === 'absent' ? `create symbolic link ${path} → ${src}` : `${path}: ${before} → symbolic link to ${src}`;
      changes.push({ summary, diff: { path, before: before ? before + '\n' : '', after: `symbolic link to ${src}\n` }, steps: [{ kind: 'run', command: { shell: linkScript(path, s.type, ['-s', '--', src]) } }] });
    }
  }
  // Attributes: with follow, on what the link points to (when it exists); without, on the link itself (owner/group).
  if (follow) {
    const t = src === undefined ? facts.target : facts.srcStat;
    if (t && t.type !== 'absent') changes.push(...attrChanges(t.path, t, args), ...timeChanges(t.path, args, 'link', facts.links));
  } else if (s.type === 'link' && changes.length === 0) {
    changes.push(...attrChanges(path, s, { owner: args.owner, group: args.group }));
  } else if (changes.length && chownSpec(args) !== undefined) {
    changes.push({ summary: `${path}: owner/group of the link`, steps: [{ kind: 'run', command: ['chown', '-h', '--', chownSpec(args)!, path] }] });
  }
  return changes;
}

function planHard(s: FileStat, args: FileArgs, links: PathLinks | undefined): Change[] {
  const path = s.path;
  const src = args.src!;
  if (links?.srcExists === false) throw new TsibleError(`src does not exist: ${src}`, { field: 'src' });
  const changes: Change[] = [];
  const sameInode = links?.inode !== undefined && links.inode === links.srcInode;
  let needed = false;
  if (s.type === 'absent') needed = true;
  else if (s.type === 'link') needed = true;
  else if (s.type === 'file') {
    if (!sameInode) {
      if (!args.force) throw new TsibleError(`Cannot link, ${(links?.nlink ?? 1) > 1 ? 'different hard link' : 'file'} exists at destination ${path}`, { field: 'path' });
      needed = true;
    }
  } else if (s.type === 'directory') {
    if (!args.force) throw new TsibleError(`Cannot link: ${path} is a directory`, { field: 'path' });
    if (links?.dirEmpty !== true) throw new TsibleError(`the directory ${path} is not empty, refusing to convert it`, { field: 'path' });
    needed = true;
  } else {
    throw new TsibleError(`${path} exists and is not a file, directory or link`, { field: 'path' });
  }
  if (needed) {
    const command = s.type === 'absent' ? ['ln', '--', src, path] : { shell: linkScript(path, s.type, ['--', src]) };
    changes.push({ summary: s.type === 'absent' ? `create hard link ${path} → ${src}` : `${path}: ${describeType(s)} → hard link to ${src}`, steps: [{ kind: 'run', command }] });
  }
  // The attributes are the inode's, shared with src: compared on the path when it is already that inode.
  if (!needed) changes.push(...attrChanges(path, s, args), ...timeChanges(path, args, 'hard', links));
  else if (args.mode !== undefined || chownSpec(args) !== undefined) {
    const steps: Step[] = [];
    const spec = chownSpec(args);
    if (spec !== undefined) steps.push({ kind: 'run', command: ['chown', '--', spec, path] });
    if (args.mode !== undefined) steps.push({ kind: 'run', command: { shell: `chmod ${quoteWord(args.mode)} -- ${quoteWord(path)}` } });
    changes.push({ summary: `${path}: attributes of the new hard link`, steps });
  }
  return changes;
}
