// Drives one running command: sudo handshake, standard input, output collection, timeout, result.
import type { Readable } from 'node:stream';
import { CommandError, TimeoutError } from '../errors.ts';
import { type Command, toDisplay } from '../quote.ts';
import type { Secret } from '../secret.ts';
import type { BecomeHandshake } from './command-line.ts';
import type { RunResult } from './transport.ts';

/** A started command, seen the same way whether it runs over an SSH channel or as a local child process. */
export interface CommandChannel {
  stdout: Readable;
  stderr: Readable;
  /** Writes to the command's standard input. */
  write(data: Buffer): void;
  /** Closes the command's standard input. */
  end(): void;
  /** Settles once the command ended and its output streams closed. */
  done: Promise<{ code: number | null; signal?: string }>;
  /** Stops the command (TERM, then KILL if it lingers) and releases the channel. */
  kill(): void;
}

/** What `drive` needs besides the channel. */
export interface DriveOptions {
  host: string;
  /** The command, shown in errors as people may read it (secrets masked): rendered only then, not kept per running command. */
  command: Command;
  stdin?: Buffer;
  become?: BecomeHandshake;
  becomePassword?: Secret;
  timeoutMs: number;
  /** Aborted (with the error as reason) when the connection under the channel is lost. */
  abort?: AbortSignal;
}

/** Runs the I/O of one command to its end. Rejects on timeout, lost connection, or a refused sudo. */
export function drive(ch: CommandChannel, o: DriveOptions): Promise<RunResult> {
  return new Promise<RunResult>((resolve, reject) => {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let started = !o.become; // for become: true once the marker line came through sudo
    let pending = Buffer.alloc(0); // stdout held back until the marker is seen
    let errText = ''; // stderr as text, scanned for sudo's prompt
    let prompts = 0;
    let settled = false;
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      o.abort?.removeEventListener('abort', onAbort);
      fn();
    };
    const fail = (e: Error): void => {
      finish(() => {
        ch.kill();
        reject(e);
      });
    };
    const timer = setTimeout(() => fail(new TimeoutError(`command timed out after ${o.timeoutMs} ms: ${toDisplay(o.command)}`, { host: o.host })), o.timeoutMs);
    const onAbort = (): void => fail(o.abort!.reason as Error);
    if (o.abort?.aborted) return fail(o.abort.reason as Error);
    o.abort?.addEventListener('abort', onAbort, { once: true });

    const sendInput = (): void => {
      if (o.stdin && o.stdin.length) ch.write(o.stdin);
      ch.end();
    };

    ch.stdout.on('data', (chunk: Buffer) => {
      if (started) return void out.push(chunk);
      pending = Buffer.concat([pending, chunk]);
      const marker = Buffer.from(`${o.become!.marker}\n`);
      const at = pending.indexOf(marker);
      if (at < 0) return;
      started = true;
      out.push(pending.subarray(at + marker.length));
      pending = Buffer.alloc(0);
      sendInput();
    });
    ch.stderr.on('data', (chunk: Buffer) => {
      err.push(chunk);
      if (started || !o.become) return;
      const suNoPassword = o.become.method === 'su' && !o.become.withPassword;
      if (!o.become.withPassword && !suNoPassword) return;
      errText += chunk.toString('latin1');
      const seen = errText.split(o.become.prompt).length - 1;
      if (seen > prompts) {
        prompts = seen;
        if (suNoPassword) fail(new CommandError(`become: su asks for a password to become "${o.become.user}" (give -K or ansible_become_password)`, toDisplay(o.command), null, cleanStderr(err, o.become), { host: o.host }));
        else if (prompts === 1) ch.write(Buffer.from(`${o.becomePassword!.reveal()}\n`));
        else fail(new CommandError(`become: ${o.become.method} rejected the password for becoming "${o.become.user}"`, toDisplay(o.command), null, cleanStderr(err, o.become), { host: o.host }));
      }
    });
    if (!o.become) sendInput();

    ch.done.then(
      ({ code, signal }) =>
        finish(() => {
          const stderr = cleanStderr(err, o.become);
          if (!started) {
            reject(new CommandError(`become: ${o.become!.method} did not run the command as "${o.become!.user}"`, toDisplay(o.command), code, stderr, { host: o.host }));
            return;
          }
          const raw = Buffer.concat(out);
          const result: RunResult = { code, stdout: raw.toString('utf8'), stderr, stdoutRaw: raw };
          if (signal) result.signal = signal;
          resolve(result);
        }),
      (e: Error) => fail(e),
    );
  });
}

/** stderr as text, without sudo's prompts. */
function cleanStderr(chunks: Buffer[], become?: BecomeHandshake): string {
  const text = Buffer.concat(chunks).toString('utf8');
  return become ? text.split(become.prompt).join('') : text;
}
