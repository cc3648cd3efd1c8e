// One long-lived shell on an SSH connection that runs commands one at a time, each in a subshell that becomes the command's program in a session of its own (stdin /dev/null or its own small input), framed by random end markers: a command costs the host a fork, not an SSH session.
import { randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import type { Client, ClientChannel } from 'ssh2';
import { CommandError, ConnectError } from '../errors.ts';
import { quoteWord } from '../quote.ts';
import { MarkerScanner } from './marker-scanner.ts';
import type { CommandLine } from './command-line.ts';
import type { CommandChannel } from './session.ts';

/**
 * What the shell channel runs (through the login shell, as every exec request): a POSIX sh that prints a tagged
 * line with its PID, then reads commands from its standard input. Whatever the login shell's start-up files
 * print before that line is dropped (on a channel per command, it would open every command's output).
 */
const START = `exec /bin/sh -c 'echo "tsible-shell-pid $$"; exec /bin/sh'`;
const STARTED = /(?:^|\n)tsible-shell-pid (\d+)\n$/;

/**
 * Sent once. `$tsible_setsid` is setsid when the host has it (util-linux): each command then leads a session of its own, as
 * under sshd, so `kill 0` in a command stops that command, not the shell. `_` (the login shell that started this
 * one set it to /bin/sh) is not passed on: it would name the wrong program. The variable's name is tsible's own:
 * tsible's own scripts run in a subshell of this shell (RunOptions.tsibleOwn) and see its variables.
 */
const SETUP = 'unset _; tsible_setsid=; command -v setsid >/dev/null 2>&1 && tsible_setsid=setsid\n';

/**
 * How a command starts its program: `exec $tsible_setsid PROGRAM` in a subshell of the shell. The host pays one fork and the
 * program's own exec (and setsid's): no login shell in between, which on an exec channel parses the same line
 * (`bash -c`, then the program). The lines are tsible's own, POSIX sh, every word quoted (command-line.ts).
 */
const LAUNCHER = '$tsible_setsid';

/**
 * A script that sends `signal` to the process group of every child of the shell `pid`: the command in flight, which
 * leads its own group under setsid; otherwise (tsible's own commands, a host without setsid) the group is the
 * shell's own, shell included, which is then stopped with what the command started (the shell takes no further
 * command anyway). It reads /proc/N/stat with the shell's builtins only: the fields after the command name's `) `
 * are state, PPID, …
 */
function signalChildren(pid: number, signal: 'TERM' | 'KILL'): string {
  return `for f in /proc/[0-9]*/stat; do read -r l < "$f" 2>/dev/null || continue; l=\${l##*) }; set -- $l; [ "$2" = ${pid} ] || continue; c=\${f#/proc/}; kill -${signal} -"\${c%/stat}" 2>/dev/null || kill -${signal} -${pid} 2>/dev/null; done`;
}

/**
 * The most standard input a command gets through the shell, as a here-document: the input itself when it is text
 * that ends a line (no NUL byte; the shell passes every other byte through), else base64 decoded by `base64 -d`;
 * more takes a channel of its own. Kept under a pipe's 64 KiB so that no shell stores the document in a temp file.
 */
export const SHELL_STDIN_MAX = 32 * 1024;

/** How long the shell gets to print its PID before it counts as unusable on this host (commands then use exec channels); generous, for hosts under heavy load. */
export const SHELL_START_TIMEOUT_MS = 60_000;

/** How a command's process group is sent a signal: on a channel of its own (the shell itself is busy). */
export type GroupSignaller = (script: string) => void;

/** The state of the command in flight. */
interface Running {
  out: MarkerScanner;
  err: MarkerScanner;
  code?: number;
  errDone?: boolean;
  stdout: PassThrough;
  stderr: PassThrough;
  resolve: (r: { code: number | null }) => void;
  reject: (e: Error) => void;
}

export class ShellSession {
  private readonly token = randomBytes(12).toString('hex');
  private seq = 0;
  private running?: Running;
  /** Set once the shell must not take another command (it died, was told to stop a command, or saw stray output). */
  private retired = false;
  /** Settles when the shell's channel closed. */
  readonly closed: Promise<void>;

  private constructor(
    private readonly channel: ClientChannel,
    /** The shell's PID, which is also its process group. */
    readonly pid: number,
    private readonly host: string,
    private readonly signalGroup: GroupSignaller,
    /** Whether the connection under the shell is gone (then a shell that vanished mid-command is a ConnectError). */
    private readonly connectionLost: () => Error | undefined,
  ) {
    this.closed = new Promise((resolve) => channel.once('close', () => resolve()));
    channel.write(SETUP);
    channel.on('data', (d: Buffer) => this.onStdout(d));
    channel.stderr.on('data', (d: Buffer) => this.onStderr(d));
    channel.on('error', () => undefined);
    void this.closed.then(() => this.onClose());
  }

  /**
   * Starts a shell on `client`. Rejects with ConnectError when the channel cannot be opened (the caller falls back to
   * exec channels), and with ShellUnavailableError when the host's shell does not start the driver.
   */
  static open(client: Client, host: string, signalGroup: GroupSignaller, connectionLost: () => Error | undefined): Promise<ShellSession> {
    return new Promise((resolve, reject) => {
      client.exec(START, (err, channel) => {
        if (err) return reject(new ConnectError(`cannot open a shell channel: ${err.message}`, { host }, { cause: err }));
        let first = '';
        const timer = setTimeout(() => fail(`it printed no PID within ${SHELL_START_TIMEOUT_MS} ms`), SHELL_START_TIMEOUT_MS);
        const fail = (why: string): void => {
          clearTimeout(timer);
          channel.removeListener('data', onData);
          channel.removeListener('close', onClose);
          channel.close();
          reject(new ShellUnavailableError(`the host's shell did not start tsible's command shell: ${why}`, { host }));
        };
        const onData = (d: Buffer): void => {
          first += d.toString('latin1');
          if (first.length > 65_536) return fail('too much output before its PID');
          const m = STARTED.exec(first);
          if (!m) return;
          const pid = Number(m[1]);
          if (!Number.isSafeInteger(pid) || pid <= 1) return fail(`bad PID ${m[1]}`);
          clearTimeout(timer);
          channel.removeListener('data', onData);
          channel.removeListener('close', onClose);
          resolve(new ShellSession(channel, pid, host, signalGroup, connectionLost));
        };
        const onClose = (): void => fail('its channel closed');
        channel.on('data', onData);
        channel.once('close', onClose);
        channel.stderr.resume();
      });
    });
  }

  /** Whether the shell can take a command now. */
  get idle(): boolean {
    return !this.running && !this.retired;
  }

  /** Whether the shell will take no further command (it died, stopped a command, or saw stray output); its channel may still be closing. */
  get isRetired(): boolean {
    return this.retired;
  }

  /**
   * Runs `command` in the shell, which must be idle, with `stdin` (at most SHELL_STDIN_MAX bytes) as its input.
   * `tsibleOwn` (RunOptions.tsibleOwn): no setsid, and a script's inline form runs in the subshell itself.
   */
  start(command: Pick<CommandLine, 'execVia' | 'inline'>, stdin?: Buffer, tsibleOwn = false): CommandChannel {
    if (!this.idle) throw new Error('ShellSession.start: the shell is busy or retired');
    if (stdin && stdin.length > SHELL_STDIN_MAX) throw new Error(`ShellSession.start: more than ${SHELL_STDIN_MAX} bytes of input`);
    const seq = ++this.seq;
    const mark = `tsible-end-${this.token}-${seq}`;
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let resolve!: Running['resolve'];
    let reject!: Running['reject'];
    const done = new Promise<{ code: number | null }>((ok, no) => ((resolve = ok), (reject = no)));
    done.catch(() => undefined);
    this.running = { out: new MarkerScanner(Buffer.from(`${mark} `)), err: new MarkerScanner(Buffer.from(`${mark}\n`)), stdout, stderr, resolve, reject };
    // eval of one quoted word: whatever the line holds, it cannot reach the end markers that follow.
    const body = tsibleOwn ? (command.inline ?? command.execVia('')) : command.execVia(LAUNCHER);
    const run = `( eval ${quoteWord(body)} )`;
    const ends = `printf '%s %s\\n' ${mark} "$?"; printf '%s\\n' ${mark} >&2\n`;
    // The here-document's end word holds "_", which base64 never writes, and the shell's random token, which text
    // given as it is must not hold: no line of the document can end it early.
    const delimiter = `TSIBLE_IN_${this.token}_${seq}`;
    if (!stdin?.length) this.channel.write(`${run} </dev/null; ${ends}`);
    else if (asItIs(stdin, delimiter)) this.channel.write(Buffer.concat([Buffer.from(`${run} <<'${delimiter}'; ${ends}`), stdin, Buffer.from(`${delimiter}\n`)]));
    else this.channel.write(`base64 -d <<'${delimiter}' | ${run}; ${ends}${base64Lines(stdin)}${delimiter}\n`);
    return {
      stdout,
      stderr,
      write: () => undefined, // the input went with the command
      end: () => undefined,
      done,
      kill: () => this.stop(),
    };
  }

  /** Closes the shell's channel (the shell reads the end of its input and exits). */
  close(): void {
    this.retired = true;
    try {
      this.channel.end();
      this.channel.close();
    } catch {
      /* already closed */
    }
  }

  /**
   * Stops the command in flight: TERM to its process group (the command and what it started), KILL a second
   * later, on a channel of their own; then the shell's channel closes. The shell takes no further command.
   */
  private stop(): void {
    this.retired = true;
    // Through /bin/sh, whatever the login shell's syntax.
    this.signalGroup(`exec /bin/sh -c ${quoteWord(`${signalChildren(this.pid, 'TERM')}; sleep 1; ${signalChildren(this.pid, 'KILL')}; :`)}`);
    const t = setTimeout(() => this.close(), 1500);
    t.unref();
  }

  private onStdout(chunk: Buffer): void {
    const r = this.running;
    if (!r) return this.stray();
    const found = r.out.push(chunk);
    if (!found || r.code !== undefined) return;
    const code = Number(found.trailer);
    r.code = Number.isInteger(code) ? code : -1;
    if (found.rest.length) this.stray();
    this.maybeFinish(r);
  }

  private onStderr(chunk: Buffer): void {
    const r = this.running;
    if (!r) return this.stray();
    const found = r.err.push(chunk);
    if (!found || r.errDone) return;
    r.errDone = true;
    if (found.rest.length) this.stray();
    this.maybeFinish(r);
  }

  /** Both streams reached their marker: hand the output over, then report the exit status once it was read. */
  private maybeFinish(r: Running): void {
    if (r.code === undefined || !r.errDone) return;
    this.running = undefined;
    const ended = Promise.all([endOf(r.stdout), endOf(r.stderr)]);
    r.stdout.end(r.out.body());
    r.stderr.end(r.err.body());
    void ended.then(() => r.resolve({ code: r.code! }));
  }

  /** Output with no command to own it (a background process of an earlier command): retire the shell, so no later command's output mixes with it. */
  private stray(): void {
    if (!this.retired) this.close();
    this.retired = true;
  }

  private onClose(): void {
    this.retired = true;
    const r = this.running;
    if (!r) return;
    this.running = undefined;
    // A lost connection closes its channels first: let its own error arrive before telling the two apart.
    setImmediate(() =>
      r.reject(
        this.connectionLost() ??
          new CommandError('the command ended without an exit status: its shell on the host was killed', 'command shell', null, r.err.body().toString('utf8'), { host: this.host }),
      ),
    );
  }
}

/** The host's shell could not run tsible's command shell (then every command takes a channel of its own). */
export class ShellUnavailableError extends ConnectError {
  override name = 'ShellUnavailableError';
}

/**
 * Whether `input` can be a quoted here-document as it is: it holds no NUL (a shell cannot) and ends a line (the
 * document's last line ends before the end word), and no line of it is the end word.
 */
function asItIs(input: Buffer, delimiter: string): boolean {
  return input[input.length - 1] === 0x0a && !input.includes(0) && !input.includes(delimiter);
}

/** `data` in base64, 4,096 characters a line, each line ended. */
function base64Lines(data: Buffer): string {
  const text = data.toString('base64');
  let out = '';
  for (let i = 0; i < text.length; i += 4096) out += `${text.slice(i, i + 4096)}\n`;
  return out;
}

/** Settles once `stream` emitted its end (all its data was read). */
function endOf(stream: PassThrough): Promise<void> {
  return new Promise((resolve) => {
    stream.once('end', resolve);
    stream.once('close', resolve);
  });
}
