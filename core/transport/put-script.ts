// put(), the one Transport.put: a shell script writing a temp file beside the target (final mode and owner first, exactly the announced bytes, checksum, rename).
import { createHash, randomBytes } from 'node:crypto';
import { posix } from 'node:path';
import { ArgsError, CommandError } from '../errors.ts';
import { type Command, quoteWord } from '../quote.ts';
import type { Secret } from '../secret.ts';
import { contentBytes } from './run-input.ts';
import type { PutOptions, Transport } from './transport.ts';

/** Writes `content` to `path` on the transport's host atomically (Transport.put of every transport): the put script, content on stdin. */
export async function put(transport: Pick<Transport, 'hostName' | 'run'>, path: string, content: string | Buffer | Secret, options: PutOptions): Promise<void> {
  const script = putScript(path, options.mode, options.owner, options.group);
  const whole = putScript(path, options.mode, options.owner, options.group, 'whole');
  const r = await transport.run(script, { stdin: putInput(contentBytes(content)), become: options.become, wholeInputCommand: whole, tsibleOwn: true });
  if (r.code !== 0) throw new CommandError(`put ${path} failed`, 'atomic put script', r.code, r.stderr, { host: transport.hostName });
}

/** Marks tsible's temp files: `.<name>.tsible-<random>` in the target's directory. */
export const TEMP_INFIX = '.tsible-';

/** First word of the header line put() sends before the content. */
const MAGIC = 'tsible-put-1';

/**
 * A transfer whose temp file stops growing for 60 to 80 s (three checks 20 s apart) is abandoned on the host: its
 * temp file removed, the target untouched. A cut cable never closes the host's end (sshd drops a dead session only
 * when TCP gives up, about two hours later), so without it the temp file would stay that long.
 */
export const PUT_IDLE: IdleLimit = { checkS: 20, checks: 3 };

/** The watchdog's pace: the transfer is abandoned after `checks` checks, `checkS` seconds apart, that saw no growth. */
export interface IdleLimit {
  checkS: number;
  checks: number;
}

/**
 * A script that writes the content announced on its standard input to `path` atomically. Input:
 * one header line `tsible-put-1 BYTES SHA256`, then exactly BYTES bytes (putInput()). The temp file
 * is created empty (O_EXCL, with a umask that gives the final permission bits), chown'd and
 * chmod'd, filled with at most BYTES bytes, and renamed over `path` only when it holds exactly
 * BYTES bytes whose sha256 is SHA256. On any failure, end of input too early included (the channel
 * closed mid-transfer, tsible interrupted or killed) and on SIGHUP/INT/TERM/PIPE, the temp file is
 * removed and `path` is left as it was. Size and checksum travel on stdin, never on the command line.
 * Temp files of the same target that no process holds open are removed first: what a host that lost power (or
 * was killed) mid-transfer left behind, which no trap could remove. The script holds its own temp file open
 * from creation to rename (fd 4), so a concurrent put of the same path never takes it for a leftover.
 * `reading` says how the content arrives. By default on a channel that may stall (a cut cable): it is read in the
 * background (from fd 3: a background job's own stdin is /dev/null) beside an idle watchdog that stops the reader
 * when the temp file stops growing (see PUT_IDLE). `'whole'`: it is all there when the script starts (tsible's
 * command shell reads a command's here-document before running it), so it is read in the foreground with no
 * watchdog, and the size is read only to explain a checksum that differs: the host starts three programs fewer
 * (the watchdog's sleep, which outlived the script by up to PUT_IDLE.checkS, and two `wc`).
 */
export function putScript(path: string, mode: number, owner?: string, group?: string, reading: IdleLimit | 'whole' = PUT_IDLE): Command {
  if (!path.startsWith('/')) throw new ArgsError(`put needs an absolute path, got "${path}"`, { field: 'path' });
  if (path.endsWith('/')) throw new ArgsError(`put needs a file path, got directory "${path}"`, { field: 'path' });
  if (!Number.isInteger(mode) || mode < 0 || mode > 0o7777) throw new ArgsError(`bad file mode ${mode}`, { field: 'mode' });
  const dir = posix.dirname(path);
  const tmp = posix.join(dir, `.${posix.basename(path)}${TEMP_INFIX}${randomBytes(6).toString('hex')}`);
  const octal = (n: number): string => n.toString(8).padStart(4, '0');
  const fail = (msg: string): string => `{ rm -f "$t"; echo ${quoteWord(`${path}: ${msg}`)}"$x" >&2; exit 1; }`;
  const lines = [
    'set -e',
    `if [ -d ${quoteWord(path)} ] && [ ! -L ${quoteWord(path)} ]; then echo ${quoteWord(`${path}: is a directory`)} >&2; exit 1; fi`,
    `t=${quoteWord(tmp)}`,
    'x=',
    ...removeLeftovers(dir, `.${posix.basename(path)}${TEMP_INFIX}`),
    `trap 'rm -f "$t"' EXIT`,
    "trap 'exit 1' HUP INT TERM PIPE",
    `umask ${octal(~mode & 0o777)}`,
    'set -C',
    'exec 4> "$t"',
    'set +C',
  ];
  if (owner !== undefined || group !== undefined) {
    const spec = `${owner ?? ''}${group !== undefined ? `:${group}` : ''}`;
    lines.push(`chown -- ${quoteWord(spec)} "$t"`);
  }
  lines.push(
    `chmod ${octal(mode)} "$t"`,
    `read -r m n s || ${fail('no content header received')}`,
    `case "$m:$n" in ${MAGIC}:*[!0-9]*|${MAGIC}:) ${fail('bad content header')} ;; ${MAGIC}:*) ;; *) ${fail('bad content header')} ;; esac`,
    ...(reading === 'whole' ? readWhole(fail) : readWatched(reading, fail)),
    `mv -f -- "$t" ${quoteWord(path)}`,
    'exec 4>&-',
    'trap - EXIT',
  );
  return { shell: lines.join('\n') };
}

/** Reads the content into fd 4 with an idle watchdog beside the reader, then checks its size and checksum. */
function readWatched(idle: IdleLimit, fail: (msg: string) => string): string[] {
  return [
    'exec 3<&0',
    // Neither background job keeps fd 4 (the temp file open for writing): a process still holding it after the
    // rename (the watchdog's sleep outlives a kill) would make the new file unexecutable (ETXTBSY) for seconds.
    'head -c "$n" <&3 >&4 4>&- &',
    'r=$!',
    // The watchdog keeps none of the channel's descriptors, so the session ends as soon as the script does.
    `( l=-1 k=0; while sleep ${idle.checkS}; do kill -0 "$r" 2>/dev/null || exit 0; c=$(wc -c < "$t") || exit 0;` +
      ` if [ "$c" = "$l" ]; then k=$((k + 1)); else k=0; fi; l=$c; [ "$k" -lt ${idle.checks} ] || { kill "$r"; exit 0; }; done ) </dev/null >/dev/null 2>&1 4>&- &`,
    'w=$!',
    'wait "$r" || :',
    'kill "$w" 2>/dev/null || :',
    'exec 3<&-',
    'x=$(wc -c < "$t"); x=$((x + 0))',
    `[ "$x" -eq "$n" ] || { x=" ($x of $n bytes)"; ${fail('content cut short')}; }`,
    'x=$(sha256sum < "$t"); x=${x%% *}',
    `[ "$x" = "$s" ] || { x=; ${fail('content checksum mismatch')}; }`,
  ];
}

/**
 * Reads content that is all there (see putScript) into fd 4 in the foreground, then checks its checksum; only when
 * that differs is the size read, to tell content cut short (a here-document the shell saw end early) from other
 * content. A reader that fails (disk full) shows as one or the other, with its own message before.
 */
function readWhole(fail: (msg: string) => string): string[] {
  return [
    'head -c "$n" >&4 || :',
    'x=$(sha256sum < "$t"); x=${x%% *}',
    `if [ "$x" != "$s" ]; then x=$(wc -c < "$t"); x=$((x + 0)); [ "$x" -eq "$n" ] || { x=" ($x of $n bytes)"; ${fail('content cut short')}; }; x=; ${fail('content checksum mismatch')}; fi`,
  ];
}

/**
 * Shell lines removing the temp files `<dir>/<prefix>*` that no process on the host holds open (compared by
 * physical path, as /proc shows it). The glob costs nothing when there are none, the usual case. A user who
 * cannot see other users' processes could remove another user's live temp file; that put then fails
 * ("content cut short" or a missing file) and leaves its target as it was.
 */
function removeLeftovers(dir: string, prefix: string): string[] {
  return [
    `for o in ${quoteWord(dir)}/${quoteWord(prefix)}*; do`,
    '  [ -f "$o" ] && [ ! -L "$o" ] || continue',
    `  p=$(cd -P -- ${quoteWord(dir)} && pwd -P)/\${o##*/}`,
    `  find /proc/[0-9]*/fd -maxdepth 1 -type l -printf '%l\\n' 2>/dev/null | grep -qxF -- "$p" || rm -f -- "$o"`,
    'done',
  ];
}

/** What put() writes on the script's standard input: the header line, then the content. */
export function putInput(content: Buffer): Buffer {
  const sum = createHash('sha256').update(content).digest('hex');
  return Buffer.concat([Buffer.from(`${MAGIC} ${content.length} ${sum}\n`), content]);
}
