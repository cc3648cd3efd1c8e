// Module copy: a file (or a whole folder) on the host with the given content (inline, a local file or folder, or a file on the host), mode, owner and group.
import { posix } from 'node:path';
import { ArgsError, TsibleError } from '../core/errors.ts';
import { type Change, defineModule } from '../core/module.ts';
import { type Secret, isSecret } from '../core/secret.ts';
import { type FileStat, fileStat } from './facts/file-stat.ts';
import { type PlannedContent, contentSkipChecksum, plainContent, sameContent, secretContent, sha256 } from './lib/file-content.ts';
import { attrChanges, newPathMode } from './lib/file-attrs.ts';
import { formatMode } from './lib/file-mode.ts';
import { backupFileFrom, planFileWrite } from './lib/file-write.ts';
import { type LocalTree, readLocalTree } from './lib/local-tree.ts';
import { findLocalSource, readLocalFile } from './lib/local-source.ts';
import { ATTR_ARGS, WRITE_ARGS, checkPath, checkValidate } from './lib/write-args.ts';

export interface CopyArgs {
  /** Path of the file on the host; an existing directory, or a path ending with /, receives the file under src's name. */
  dest: string;
  /** The file's content, written as is (no newline added). A Secret is written but never shown. Exclusive with src. */
  content?: string | Secret;
  /** A file or folder on the control machine (relative to the playbook's folder or its files/), or with remoteSrc a file on the host. */
  src?: string;
  /** Permissions: octal ('0644'), symbolic ('u=rw,g=r'), or 'preserve' (the source file's). Default: kept, or 0644 for a new file. */
  mode?: string;
  /** Owner (name or uid). Default: kept, or the connecting user for a new file. */
  owner?: string;
  /** Group (name or gid). Default: kept, or the owner's group for a new file. */
  group?: string;
  /** Copy the old file to DEST.PID.TIMESTAMP~ before replacing it. */
  backup?: boolean;
  /** Command with %s run on the new content before it replaces dest; a failure leaves dest unchanged. */
  validate?: string;
  /** false: only create dest when it is missing; an existing file's content is left alone (default true). */
  force?: boolean;
  /** When dest is a symlink, write the file it points to instead of replacing the link (default false). */
  follow?: boolean;
  /** src is a file on the host (copied there, not uploaded). */
  remoteSrc?: boolean;
  /** Mode of the directories a folder copy (or a dest ending with /) creates; default the system's (0755). */
  directoryMode?: string;
  /** Folder copy: follow symbolic links of the local folder (default true); false recreates them as links. */
  localFollow?: boolean;
  /** Ansible decrypts vaulted src files; accepted for compatibility (tsible has no vault in this module yet). */
  decrypt?: boolean;
}

/** One file to write. */
interface FileJob {
  dest: FileStat;
  content: PlannedContent;
  /** The source file's mode, for mode=preserve. */
  srcMode?: number;
  /** remote_src: the host file copied (its times are kept, as Ansible's copy on the host keeps them). */
  remotePath?: string;
}

export interface CopyFacts {
  /** The files to write (one unless src is a folder). */
  files: FileJob[];
  /** Directories to have (folder copy, or a dest ending with /), with their stat. */
  dirs: FileStat[];
  /** Symbolic links to recreate (folder copy with localFollow false): stat of the path and the wanted target. */
  links: { stat: FileStat; target: string }[];
  /** The local file read for src. */
  srcFile?: string;
  /** The original dest path (before a directory's file name was added). */
  dest: string;
}

/** Largest file read back from the host for remote_src. */
const MAX_REMOTE_BYTES = 64 * 1024 * 1024;

export const copy = defineModule<CopyArgs, CopyFacts>({
  name: 'copy',
  doc: {
    summary: 'Writes a file on the host from inline content, a file or folder of the control machine, or another file of the host, with mode, owner and group.',
    changed: 'The content (compared by sha256), mode, owner or group differed, or a directory was created; only the differences are changed (attributes alone by chmod/chown).',
    checkMode: 'Reads the files once (stat, sha256, and the content for the diff when the checksum differs) and reports what would change; writes nothing.',
    ansibleDifferences: [
      'decrypt is accepted but vault-encrypted src files are not decrypted by copy.',
      'remote_src copies a file only; a folder on the host is refused (copy it file by file, or use command).',
      'A numeric mode whose decimal digits look octal and that is above 0o777 (mode: 644) is refused (see file).',
      'attributes, unsafe_writes, checksum and the SELinux arguments are not supported (an unknown argument is an error).',
    ],
    examples: [
      "copy({ dest: '/etc/default/ipvsadm', content: 'AUTO=\"true\"\\n', mode: '0644' })",
      "copy({ src: 'files/index.html', dest: '/var/www/html/index.html', backup: true })",
      "copy({ src: 'files/site/', dest: '/var/www/html', directoryMode: '0755' })",
      "tsible web1 -m copy -a 'dest=/tmp/x content=hello mode=0600'",
    ],
  },
  args: {
    dest: { type: 'string', required: true, aliases: ['path'], description: 'Path on the host (relative: to the login directory). An existing directory, or a path ending with / (created if missing), receives the file under the name of src; content needs a file path.' },
    content: { type: 'string', binary: true, description: 'Content written as is (no newline added). A secret value is written but never shown (diff: content hidden). Exclusive with src.' },
    src: { type: 'string', description: "A file or folder on the control machine: relative to the playbook's folder, then its files/ folder; or absolute. A folder is copied whole: with a trailing / its content goes into dest, without it the folder itself (dest/NAME). With remoteSrc: a file on the host (a folder there is refused). Exclusive with content." },
    mode: { type: 'mode', choices: ['preserve'], description: "Permissions: octal ('0644', '644') or symbolic ('u=rw,g=r,o=r'), or preserve: the source file's mode. Default: kept for an existing file, 0644 for a new one." },
    owner: ATTR_ARGS.owner,
    group: ATTR_ARGS.group,
    ...WRITE_ARGS,
    force: { type: 'bool', default: true, description: 'false: only create a missing dest; an existing one is left entirely alone (content, mode and owner), as in Ansible.' },
    follow: { type: 'bool', default: false, description: 'When dest is a symlink, write its target instead of replacing the link by a file.' },
    remoteSrc: { type: 'bool', default: false, aliases: ['remote_src'], description: 'src is a file on the host, copied there (its content is read back once to compare and write).' },
    directoryMode: { type: 'mode', aliases: ['directory_mode'], description: 'Mode of the directories a folder copy or a dest ending with / creates (and, for a folder copy, of its existing directories). Default: new ones get 0755.' },
    localFollow: { type: 'bool', default: true, aliases: ['local_follow'], description: 'Folder copy: follow the local folder\'s symbolic links (copy what they point to); false recreates them as links.' },
    decrypt: { type: 'bool', default: true, description: 'Accepted for Ansible compatibility; vault-encrypted src files are not decrypted by copy yet.' },
  },
  validate(args, where) {
    checkPath(args.dest.length > 1 ? args.dest.replace(/\/+$/, '') || '/' : args.dest, 'dest', where);
    if ((args.content === undefined) === (args.src === undefined)) {
      throw new ArgsError('give exactly one of content and src', { ...where, field: args.content === undefined ? 'src' : 'content' });
    }
    if (args.src === '') throw new ArgsError('src must not be empty', { ...where, field: 'src' });
    if (args.content !== undefined && args.dest.endsWith('/')) throw new ArgsError('can not use content with a dir as dest', { ...where, field: 'dest' });
    if (args.mode === 'preserve' && args.content !== undefined) throw new ArgsError('mode preserve needs src (content has no mode to keep)', { ...where, field: 'mode' });
    checkValidate(args.validate, where);
  },
  async gather(ctx, args) {
    const slash = args.dest.endsWith('/') && args.dest.length > 1;
    const destPath = slash ? args.dest.replace(/\/+$/, '') : args.dest;
    const statOf = (path: string, content: PlannedContent) =>
      ctx.facts.get(fileStat(path, { content: true, contentUnlessSha256: contentSkipChecksum(content), follow: args.follow }));
    const facts: CopyFacts = { files: [], dirs: [], links: [], dest: destPath };
    // dest with links followed: whether it is, or leads to, a directory (read only where that is still open).
    const followed = () => ctx.facts.get(fileStat(destPath, { follow: true }));
    if (args.remoteSrc) {
      const first = await followed();
      facts.dest = first.path;
      const src = await ctx.facts.get(fileStat(args.src!, { content: true, follow: true, maxContentBytes: MAX_REMOTE_BYTES }));
      if (src.type === 'absent') throw new TsibleError(`Source ${args.src} not found`, { ...ctx.where, field: 'src' });
      if (src.type === 'directory') throw new TsibleError(`copying a folder with remoteSrc is not supported by tsible (${src.path}); copy its files one by one`, { ...ctx.where, field: 'src' });
      if (src.type !== 'file' || !src.content) throw new TsibleError(`Source ${src.path} is not a regular file of at most ${MAX_REMOTE_BYTES} bytes`, { ...ctx.where, field: 'src' });
      const content = plainContent(src.content);
      const target = first.type === 'directory' || slash ? posix.join(first.path, posix.basename(src.path)) : first.path;
      if (slash && first.type === 'absent') facts.dirs.push(first);
      facts.files.push({ dest: await statOf(target, content), content, srcMode: src.mode, remotePath: src.path });
      return facts;
    }
    if (args.src === undefined) {
      const content = isSecret(args.content) ? secretContent(args.content) : plainContent(args.content ?? '');
      // One round trip when dest is a file or absent (a directory or a link is read again, following it).
      const dest = await statOf(destPath, content);
      const kind = dest.type === 'directory' || dest.type === 'link' ? await followed() : dest;
      if (kind.type === 'directory') throw new TsibleError(`can not use content with a dir as dest: ${kind.path}`, { ...ctx.where, field: 'dest' });
      facts.dest = kind.path;
      facts.files.push({ dest, content });
      return facts;
    }
    const found = await findLocalSource(ctx.baseDir, args.src, 'files', ctx.where);
    facts.srcFile = found.file;
    if (!found.isDir) {
      const local = await readLocalFile(ctx.baseDir, args.src, 'files', ctx.where);
      const content = plainContent(local.bytes);
      if (!slash) {
        // One round trip when dest is a file or absent; a directory or a link (maybe to one) is read again to find the target.
        const dest = await statOf(destPath, content);
        if (dest.type !== 'directory' && dest.type !== 'link') {
          facts.dest = dest.path;
          facts.files.push({ dest, content, srcMode: local.mode });
          return facts;
        }
      }
      const first = await followed();
      facts.dest = first.path;
      const target = first.type === 'directory' || slash ? posix.join(first.path, posix.basename(local.file)) : first.path;
      if (slash && first.type === 'absent') facts.dirs.push(first);
      facts.files.push({ dest: await statOf(target, content), content, srcMode: local.mode });
      return facts;
    }
    // A folder: its content into dest (src ends with /), else the folder itself as dest/NAME.
    const first = await followed();
    facts.dest = first.path;
    const tree: LocalTree = await readLocalTree(found.file, args.localFollow !== false);
    const root = args.src.endsWith('/') ? first.path : posix.join(first.path, posix.basename(found.file));
    if (root !== first.path || first.type !== 'directory') facts.dirs.push(root === first.path ? first : await ctx.facts.get(fileStat(root, { follow: true })));
    for (const dir of tree.dirs) facts.dirs.push(await ctx.facts.get(fileStat(posix.join(root, dir), { follow: true })));
    for (const f of tree.files) {
      const content = plainContent(f.bytes);
      facts.files.push({ dest: await statOf(posix.join(root, f.rel), content), content, srcMode: f.mode });
    }
    for (const l of tree.links) facts.links.push({ stat: await ctx.facts.get(fileStat(posix.join(root, l.rel), {})), target: l.target });
    return facts;
  },
  plan(args, facts) {
    const changes: Change[] = [];
    const folder = facts.dirs.length > 0;
    for (const d of facts.dirs) {
      if (d.type === 'absent') {
        const mode = newPathMode({ mode: args.directoryMode }, true);
        const owner = args.owner !== undefined || args.group !== undefined ? [{ kind: 'run' as const, command: ['chown', '--', `${args.owner ?? ''}${args.group !== undefined ? `:${args.group}` : ''}`, d.path] }] : [];
        changes.push({ summary: `create directory ${d.path} (mode ${formatMode(mode)})`, steps: [{ kind: 'run', command: ['mkdir', '-p', '-m', formatMode(mode), '--', d.path] }, ...owner] });
      } else if (d.type !== 'directory') {
        throw new TsibleError(`${d.path} exists and is a ${d.type}, not a directory`, { field: 'dest' });
      } else if (args.directoryMode !== undefined || args.owner !== undefined || args.group !== undefined) {
        changes.push(...attrChanges(d.path, d, { mode: args.directoryMode, owner: args.owner, group: args.group }));
      }
    }
    for (const job of facts.files) {
      const mode = args.mode === 'preserve' ? formatMode(job.srcMode ?? 0o644) : args.mode;
      const want = { ...args, mode };
      // force false: an existing dest is skipped entirely (Ansible does not even fix its attributes).
      if (args.force === false && job.dest.type !== 'absent') continue;
      const write = planFileWrite(job.dest.path, job.dest, job.content, { ...want, createParents: folder });
      if (job.remotePath !== undefined && !sameContent(job.dest, job.content) && write.length) {
        write[write.length - 1].steps.push({ kind: 'run', command: ['touch', '-c', '-r', job.remotePath, '--', job.dest.path] });
      }
      changes.push(...write);
    }
    for (const l of facts.links) {
      if (l.stat.type === 'link' && l.stat.linkTarget === l.target) continue;
      if (l.stat.type === 'directory') throw new TsibleError(`${l.stat.path} is a directory; it cannot become a symbolic link`, { field: 'dest' });
      changes.push({ summary: `symbolic link ${l.stat.path} → ${l.target}`, steps: [{ kind: 'run', command: ['ln', '-sfn', '--', l.target, l.stat.path] }] });
    }
    return changes;
  },
  output(args, facts, results) {
    const one = facts.files.length === 1 && facts.links.length === 0 ? facts.files[0] : undefined;
    const secret = facts.files.some((f) => f.content.secrets.length > 0);
    return {
      dest: one ? one.dest.path : facts.dest,
      ...(facts.srcFile ? { src: facts.srcFile } : {}),
      ...(one ? { size: one.content.bytes.length } : {}),
      // A checksum of a secret would let anyone test guesses offline.
      ...(one && !secret ? { checksum: sha256(one.content.bytes) } : {}),
      ...(backupFileFrom(results) ? { backupFile: backupFileFrom(results) } : {}),
    };
  },
});
