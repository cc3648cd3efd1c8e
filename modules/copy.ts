// Module copy: a file on the host with the given content (inline or a local file), mode, owner and group.
import { ArgsError } from '../core/errors.ts';
import { defineModule } from '../core/module.ts';
import { type Secret, isSecret } from '../core/secret.ts';
import { type FileStat, fileStat } from './facts/file-stat.ts';
import { type PlannedContent, contentSkipChecksum, plainContent, secretContent, sha256 } from './lib/file-content.ts';
import { attrChanges } from './lib/file-attrs.ts';
import { backupFileFrom, planFileWrite } from './lib/file-write.ts';
import { readLocalFile } from './lib/local-source.ts';
import { ATTR_ARGS, WRITE_ARGS, checkAbsolutePath, checkValidate } from './lib/write-args.ts';

export interface CopyArgs {
  /** Absolute path of the file on the host. */
  dest: string;
  /** The file's content, written as is (no newline added). A Secret is written but never shown. Exclusive with src. */
  content?: string | Secret;
  /** A file on the control machine, relative to the playbook's folder (or its files/ folder). Exclusive with content. */
  src?: string;
  /** Permissions: octal ('0644') or symbolic ('u=rw,g=r'). Default: kept, or 0644 for a new file. */
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
}

export interface CopyFacts {
  dest: FileStat;
  content: PlannedContent;
  /** The local file read for src. */
  srcFile?: string;
}

export const copy = defineModule<CopyArgs, CopyFacts>({
  name: 'copy',
  doc: {
    summary: 'Writes a file on the host from inline content or a file of the control machine, with mode, owner and group.',
    changed: 'The content (compared by sha256), mode, owner or group differed; only the differences are changed (attributes alone by chmod/chown).',
    checkMode: 'Reads the file once (stat, sha256, and the content for the diff when the checksum differs) and reports what would change; writes nothing.',
    examples: [
      "copy({ dest: '/etc/default/ipvsadm', content: 'AUTO=\"true\"\\n', mode: '0644' })",
      "copy({ src: 'files/index.html', dest: '/var/www/html/index.html', backup: true })",
      "tsible web1 -m copy -a 'dest=/tmp/x content=hello mode=0600'",
    ],
  },
  args: {
    dest: { type: 'string', required: true, aliases: ['path'], description: 'Absolute path of the file on the host.' },
    content: { type: 'string', binary: true, description: 'Content written as is (no newline added). A secret value is written but never shown (diff: content hidden). Exclusive with src.' },
    src: { type: 'string', description: "A file on the control machine: relative to the playbook's folder, then its files/ folder; or absolute. Exclusive with content." },
    ...ATTR_ARGS,
    ...WRITE_ARGS,
    force: { type: 'bool', default: true, description: 'false: only create a missing dest; never replace the content of an existing one.' },
    follow: { type: 'bool', default: false, description: 'When dest is a symlink, write its target instead of replacing the link by a file.' },
  },
  validate(args, where) {
    checkAbsolutePath(args.dest, 'dest', where);
    if ((args.content === undefined) === (args.src === undefined)) {
      throw new ArgsError('give exactly one of content and src', { ...where, field: args.content === undefined ? 'src' : 'content' });
    }
    checkValidate(args.validate, where);
  },
  async gather(ctx, args) {
    const local = args.src !== undefined ? await readLocalFile(ctx.baseDir, args.src, 'files', ctx.where) : undefined;
    const content = local ? plainContent(local.bytes) : isSecret(args.content) ? secretContent(args.content) : plainContent(args.content ?? '');
    // The old content only matters for the diff of a change: not read when the checksum already matches (unless secret).
    const dest = await ctx.facts.get(fileStat(args.dest, { content: true, contentUnlessSha256: contentSkipChecksum(content), follow: args.follow }));
    return { dest, content, srcFile: local?.file };
  },
  plan(args, facts) {
    if (args.force === false && facts.dest.type !== 'absent') {
      return attrChanges(facts.dest.path, facts.dest, args);
    }
    return planFileWrite(facts.dest.path, facts.dest, facts.content, args);
  },
  output(args, facts, results) {
    const secret = facts.content.secrets.length > 0;
    return {
      dest: facts.dest.path,
      ...(facts.srcFile ? { src: facts.srcFile } : {}),
      size: facts.content.bytes.length,
      // A checksum of a secret would let anyone test guesses offline.
      ...(secret ? {} : { checksum: sha256(facts.content.bytes) }),
      ...(backupFileFrom(results) ? { backupFile: backupFileFrom(results) } : {}),
    };
  },
});
