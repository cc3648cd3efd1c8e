// put(), the one Transport.put: a shell script writing a temp file beside the target (final mode and owner first, content, rename).
import { randomBytes } from 'node:crypto';
import { posix } from 'node:path';
import { ArgsError, CommandError } from '../errors.ts';
import { type Command, quoteWord } from '../quote.ts';
import type { Secret } from '../secret.ts';
import { contentBytes } from './run-input.ts';
import type { PutOptions, Transport } from './transport.ts';

/** Writes `content` to `path` on the transport's host atomically (Transport.put of every transport): the put script, content on stdin. */
export async function put(transport: Pick<Transport, 'hostName' | 'run'>, path: string, content: string | Buffer | Secret, options: PutOptions): Promise<void> {
  const script = putScript(path, options.mode, options.owner, options.group);
  const r = await transport.run(script, { stdin: contentBytes(content), become: options.become });
  if (r.code !== 0) throw new CommandError(`put ${path} failed`, 'atomic put script', r.code, r.stderr, { host: transport.hostName });
}

/** Marks tsible's temp files: `.<name>.tsible-<random>` in the target's directory. */
export const TEMP_INFIX = '.tsible-';

/**
 * A script that writes its standard input to `path` atomically. The temp file is created empty
 * (O_EXCL, with a umask that gives the final permission bits), then chown'd and chmod'd, and only
 * then filled from stdin and renamed over `path`; on any failure it is removed.
 */
function putScript(path: string, mode: number, owner?: string, group?: string): Command {
  if (!path.startsWith('/')) throw new ArgsError(`put needs an absolute path, got "${path}"`, { field: 'path' });
  if (path.endsWith('/')) throw new ArgsError(`put needs a file path, got directory "${path}"`, { field: 'path' });
  if (!Number.isInteger(mode) || mode < 0 || mode > 0o7777) throw new ArgsError(`bad file mode ${mode}`, { field: 'mode' });
  const dir = posix.dirname(path);
  const tmp = posix.join(dir, `.${posix.basename(path)}${TEMP_INFIX}${randomBytes(6).toString('hex')}`);
  const octal = (n: number): string => n.toString(8).padStart(4, '0');
  const lines = [
    'set -e',
    `if [ -d ${quoteWord(path)} ] && [ ! -L ${quoteWord(path)} ]; then echo ${quoteWord(`${path}: is a directory`)} >&2; exit 1; fi`,
    `t=${quoteWord(tmp)}`,
    `trap 'rm -f "$t"' EXIT`,
    `umask ${octal(~mode & 0o777)}`,
    'set -C',
    ': > "$t"',
    'set +C',
  ];
  if (owner !== undefined || group !== undefined) {
    const spec = `${owner ?? ''}${group !== undefined ? `:${group}` : ''}`;
    lines.push(`chown -- ${quoteWord(spec)} "$t"`);
  }
  lines.push(`chmod ${octal(mode)} "$t"`, 'cat > "$t"', `mv -f -- "$t" ${quoteWord(path)}`, 'trap - EXIT');
  return { shell: lines.join('\n') };
}
