// The SSH transport: one persistent ssh2 connection per host (through jump hosts); commands go through one long-lived shell on it, those with large input or a password to type (and any while the shell is busy) each on a channel of its own.
import type { Client, ClientChannel } from 'ssh2';
import { ConnectError } from '../errors.ts';
import type { Command } from '../quote.ts';
import type { Secret } from '../secret.ts';
import { ChannelLimit } from './channel-limit.ts';
import { buildCommandLine, type CommandLine } from './command-line.ts';
import { put } from './put-script.ts';
import { type CommandChannel, drive } from './session.ts';
import { openClient, type SshEndpoint } from './ssh-connect.ts';
import { withHandshakeRetry } from './handshake-retry.ts';
import { forward, jumpPool, type JumpLease } from './jump-pool.ts';
import { spawnProxyCommand, type ProxyStream } from './proxy-command.ts';
import { stdinWith, withBecomePassword } from './run-input.ts';
import { SHELL_STDIN_MAX, ShellSession, ShellUnavailableError } from './shell-session.ts';
import type { PutOptions, RunOptions, RunResult, Transport } from './transport.ts';

/** How the SSH transport reaches its host and how it runs commands. */
export interface SshSettings {
  /** Jump hosts outermost first, then the target itself (always last). */
  chain: SshEndpoint[];
  /** Concurrent channels allowed on the connection; more wait (OpenSSH's MaxSessions is 10). */
  maxChannels: number;
  /** Default per-command limit. */
  commandTimeoutMs: number;
  /** sudo password used when a Become gives none. */
  becomePassword?: Secret;
  /** Run commands through one long-lived shell (shell-session.ts) instead of a channel each (large input and typed passwords still take one); default true. */
  persistentShell?: boolean;
}

/** OpenSSH allows 10 sessions per connection; stay below it. */
export const DEFAULT_MAX_CHANNELS = 8;

export class SshTransport implements Transport {
  private clients: Client[] = [];
  /** The shared connection to the last jump host, when the target is behind one. */
  private lease?: JumpLease;
  private opening?: Promise<void>;
  private limit: ChannelLimit;
  private dropped = new AbortController();
  private closing = false;
  /** The long-lived shell, once open; `shellOpening` while a command opens it. */
  private shell?: ShellSession;
  private shellOpening = false;
  /** Set when this host's shell could not run tsible's command shell: every command takes a channel of its own. */
  private shellUnavailable = false;

  constructor(
    readonly hostName: string,
    private readonly settings: SshSettings,
  ) {
    if (!settings.chain.length) throw new ConnectError('no SSH endpoint to connect to', { host: hostName });
    this.limit = new ChannelLimit(settings.maxChannels);
  }

  /** The target endpoint (last of the chain). */
  get endpoint(): SshEndpoint {
    return this.settings.chain[this.settings.chain.length - 1];
  }

  connect(): Promise<void> {
    if (this.dropped.signal.aborted) return Promise.reject(this.dropped.signal.reason);
    this.opening ??= this.open().catch((e: unknown) => {
      this.opening = undefined;
      throw e;
    });
    return this.opening;
  }

  async run(command: Command, options: RunOptions = {}): Promise<RunResult> {
    const become = withBecomePassword(options.become, this.settings.becomePassword);
    const lineOptions = { env: options.env, cwd: options.cwd, become };
    const cl = buildCommandLine(command, lineOptions);
    const stdin = stdinWith(cl.stdinPrefix, options.stdin);
    // The shell reads a command's input (a here-document) before it runs it: the whole-input form applies there.
    const whole = options.wholeInputCommand && !cl.stdinPrefix ? buildCommandLine(options.wholeInputCommand, lineOptions) : undefined;
    const shellLine = whole && !whole.stdinPrefix ? whole : cl;
    await this.connect();
    // Small input and no password to type: the shell can run it, when it is free. Large input, or a password to type when sudo or su asks, takes a channel.
    const fitsShell = (stdin?.length ?? 0) <= SHELL_STDIN_MAX && (!cl.become || (cl.become.method === 'sudo' && !cl.become.withPassword));
    const inShell = fitsShell ? await this.shellChannel(shellLine, stdin, options.tsibleOwn === true) : undefined;
    const ch = inShell ?? (await this.execChannel(cl.line));
    return drive(ch, {
      host: this.hostName,
      command,
      stdin,
      become: (inShell ? shellLine : cl).become, // its marker is the line's own
      becomePassword: become?.password,
      timeoutMs: options.timeoutMs ?? this.settings.commandTimeoutMs,
      abort: this.dropped.signal,
    });
  }

  /** A channel of its own for one command, within the connection's channel limit. */
  private async execChannel(line: string): Promise<CommandChannel> {
    const limit = this.limit; // the slot belongs to this connection's limit, even if close() replaces it
    await limit.acquire();
    let ch: CommandChannel;
    try {
      ch = await this.openChannel(line);
    } catch (e) {
      limit.release();
      throw e;
    }
    ch.done.then(
      () => limit.release(),
      () => limit.release(),
    );
    return ch;
  }

  /**
   * The command started in the long-lived shell, or undefined when it cannot take it now (busy, being opened by
   * another command, turned off, unavailable on this host, or its channel refused): the caller opens a channel.
   * The shell holds one of the connection's channel slots while it is open.
   */
  private async shellChannel(command: CommandLine, stdin: Buffer | undefined, tsibleOwn: boolean): Promise<CommandChannel | undefined> {
    if (this.settings.persistentShell === false || this.shellUnavailable) return undefined;
    if (!this.shell || this.shell.isRetired) {
      if (this.shellOpening) return undefined;
      this.shellOpening = true;
      try {
        await this.openShell();
      } finally {
        this.shellOpening = false;
      }
    }
    return this.shell?.idle ? this.shell.start(command, stdin, tsibleOwn) : undefined;
  }

  private async openShell(): Promise<void> {
    const limit = this.limit;
    const client = this.clients[this.clients.length - 1];
    const dropped = this.dropped;
    await limit.acquire();
    let shell: ShellSession;
    try {
      if (dropped.signal.aborted || !client) throw dropped.signal.reason ?? new ConnectError('not connected', { host: this.hostName });
      shell = await ShellSession.open(client, this.hostName, (script) => signalOver(client, script), () => (dropped.signal.aborted ? (dropped.signal.reason as Error) : undefined));
    } catch (e) {
      limit.release();
      if (e instanceof ShellUnavailableError) this.shellUnavailable = true;
      if (dropped.signal.aborted) throw dropped.signal.reason;
      return; // a refused channel: this command takes a channel of its own, a later one tries the shell again
    }
    this.shell = shell;
    void shell.closed.then(() => {
      limit.release();
      if (this.shell === shell) this.shell = undefined;
    });
  }

  put(path: string, content: string | Buffer | Secret, options: PutOptions): Promise<void> {
    return put(this, path, content, options);
  }

  async close(): Promise<void> {
    const opening = this.opening;
    if (!opening) return;
    this.closing = true;
    await opening.catch(() => undefined);
    this.shell?.close();
    this.shell = undefined;
    const clients = this.clients.reverse();
    this.clients = [];
    await Promise.all(clients.map((c) => endClient(c)));
    this.lease?.release();
    this.lease = undefined;
    const closed = new ConnectError('connection closed by tsible', { host: this.hostName });
    this.limit.fail(closed);
    if (!this.dropped.signal.aborted) this.dropped.abort(closed);
    // Ready for a later connect(): fresh state.
    this.limit = new ChannelLimit(this.settings.maxChannels);
    this.dropped = new AbortController();
    this.opening = undefined;
    this.closing = false;
  }

  /**
   * Opens the target's connection: directly, through a ProxyCommand, or over a channel forwarded
   * by the shared connection to its last jump host (jump-pool.ts). A handshake sshd dropped
   * (MaxStartups) is retried with backoff, over a fresh socket each time.
   */
  private async open(): Promise<void> {
    const chain = this.settings.chain;
    const target = { ...this.endpoint, label: this.hostName };
    let proxy: ProxyStream | undefined;
    let lease: JumpLease | undefined;
    let client: Client;
    try {
      if (chain[0].proxyCommand) {
        proxy = spawnProxyCommand(chain[0].proxyCommand, this.hostName);
        client = await openClient(target, proxy.stream, this.hostName);
      } else {
        if (chain.length > 1) lease = await jumpPool.acquire(chain.slice(0, -1), this.hostName);
        const via = lease?.client;
        client = await withHandshakeRetry(async () => openClient(target, via ? await forward(via, chain[chain.length - 2], target, this.hostName) : undefined, this.hostName));
      }
    } catch (e) {
      lease?.release();
      proxy?.stream.destroy();
      throw (await proxy?.failure()) ?? e;
    }
    client.on('error', () => undefined);
    client.on('close', () => {
      closedClients.add(client);
      if (this.clients.includes(client)) this.drop(this.endpoint);
    });
    if (lease) {
      const jump = chain[chain.length - 2];
      lease.client.once('close', () => {
        if (this.lease === lease) this.drop(jump);
      });
    }
    this.clients = [client];
    this.lease = lease;
  }

  /** The connection (or a jump under it) went away: every waiting and later command fails. */
  private drop(ep: SshEndpoint): void {
    if (this.closing || this.dropped.signal.aborted) return;
    const via = ep === this.endpoint ? '' : ` (jump host ${ep.label} went away)`;
    const err = new ConnectError(`connection to ${this.endpoint.address}:${this.endpoint.port} lost${via}`, { host: this.hostName });
    this.dropped.abort(err);
    this.limit.fail(err);
  }

  /**
   * Opens an exec channel. sshd frees a finished session only on its next loop turn, so a channel
   * opened just as others close can be refused ("open failed") even under MaxSessions: retry briefly.
   */
  private async openChannel(line: string): Promise<CommandChannel> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.openChannelOnce(line);
      } catch (e) {
        const refused = e instanceof ConnectError && /open failed/i.test(String((e.cause as Error | undefined)?.message));
        if (!refused || attempt >= CHANNEL_RETRY_DELAYS_MS.length || this.dropped.signal.aborted) throw e;
        await new Promise((r) => setTimeout(r, CHANNEL_RETRY_DELAYS_MS[attempt]));
      }
    }
  }

  private openChannelOnce(line: string): Promise<CommandChannel> {
    const client = this.clients[this.clients.length - 1];
    return new Promise((resolve, reject) => {
      if (this.dropped.signal.aborted || !client) return reject(this.dropped.signal.reason ?? new ConnectError('not connected', { host: this.hostName }));
      try {
        client.exec(line, (err, channel) => {
          if (err) return reject(this.dropped.signal.reason ?? new ConnectError(`cannot open a channel: ${err.message}`, { host: this.hostName }, { cause: err }));
          resolve(wrapChannel(channel, () => this.dropped.signal.reason ?? new ConnectError('channel closed without an exit status', { host: this.hostName })));
        });
      } catch (e) {
        reject(new ConnectError(`cannot open a channel: ${(e as Error).message}`, { host: this.hostName }, { cause: e }));
      }
    });
  }
}

/** Runs a short script on a channel of its own, ignoring its outcome (signalling a shell's process group while the shell is busy). */
function signalOver(client: Client, script: string): void {
  try {
    client.exec(script, (err, ch) => {
      if (err) return;
      ch.on('error', () => undefined);
      ch.resume();
      ch.stderr.resume();
      ch.end();
    });
  } catch {
    /* the connection is gone, and the shell with it */
  }
}

/** Waits between attempts to open a refused channel (about 1.6 s in all). */
const CHANNEL_RETRY_DELAYS_MS = [5, 10, 20, 40, 80, 160, 320, 500, 500];

/** How long a command gets between TERM and KILL when it is stopped. */
const KILL_GRACE_MS = 1000;

/** An ssh2 exec channel seen as a CommandChannel; exit status comes from the channel's `exit` event. */
function wrapChannel(channel: ClientChannel, lostError: () => Error): CommandChannel {
  const done = new Promise<{ code: number | null; signal?: string }>((resolve, reject) => {
    let exit: { code: number | null; signal?: string } | undefined;
    channel.on('exit', (code: number | null, signal?: string) => {
      exit = typeof code === 'number' ? { code } : { code: null, signal: signal ?? undefined };
    });
    channel.on('close', () => (exit ? resolve(exit) : reject(lostError())));
  });
  done.catch(() => undefined);
  channel.on('error', () => undefined); // e.g. input written after the command exited; the exit status tells
  return {
    stdout: channel,
    stderr: channel.stderr,
    // A quick command's whole life (output, exit, close) can arrive in the packet that confirmed the channel, before
    // its input is sent: writing to or ending a finished channel only builds an error (stack trace and all) per command.
    write: (data) => void (writable(channel) && channel.write(data)),
    end: () => void (writable(channel) && channel.end()),
    done,
    kill: () => {
      // TERM first, so a put script removes its temp file (it also does on the end of input that closing brings).
      const send = (sig: string): void => {
        try {
          channel.signal(sig);
        } catch {
          /* channel already gone */
        }
      };
      send('TERM');
      const t = setTimeout(() => (send('KILL'), channel.close()), KILL_GRACE_MS);
      t.unref();
      channel.once('close', () => clearTimeout(t));
    },
  };
}

/** Whether the channel still takes input (not ended by us, not torn down by its close). */
function writable(channel: ClientChannel): boolean {
  return !channel.writableEnded && !channel.destroyed;
}

/** Clients whose connection already closed (ending them again would wait for nothing). */
const closedClients = new WeakSet<Client>();

/** Ends a client and waits (briefly) for its socket to close. */
function endClient(client: Client): Promise<void> {
  if (closedClients.has(client)) return Promise.resolve();
  return new Promise((resolve) => {
    const t = setTimeout(resolve, 2000);
    client.once('close', () => {
      clearTimeout(t);
      resolve();
    });
    client.end();
  });
}
