// ProxyCommand: a local command whose standard input and output carry the SSH connection (as OpenSSH runs it, with /bin/sh -c).
import { spawn } from 'node:child_process';
import { Duplex } from 'node:stream';
import { ConnectError } from '../errors.ts';

/** A started proxy command: its stdio as one stream for ssh2's `sock`, and why it failed, if it did. */
export interface ProxyStream {
  stream: Duplex;
  /** Resolves (shortly after the process ended) to a ConnectError naming the command and its stderr, if it failed. */
  failure(): Promise<ConnectError | undefined>;
}

/** Starts `command`; the process is stopped when the stream closes. */
export function spawnProxyCommand(command: string, host: string): ProxyStream {
  const child = spawn('/bin/sh', ['-c', command], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => {
    if (stderr.length < 4000) stderr += b.toString();
  });
  const stream = Duplex.from({ readable: child.stdout, writable: child.stdin });
  stream.on('error', () => undefined);
  const ended = new Promise<ConnectError | undefined>((resolve) => {
    const fail = (why: string) => resolve(new ConnectError(`ProxyCommand \`${command}\` ${why}${stderr.trim() ? `: ${stderr.trim()}` : ''}`, { host }));
    child.on('error', (e) => fail(`could not start (${e.message})`));
    child.on('close', (code, signal) => (code === 0 || signal === 'SIGTERM' ? resolve(undefined) : fail(`exited ${code ?? signal}`)));
  });
  stream.on('close', () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  });
  return {
    stream,
    failure: () => Promise.race([ended, new Promise<undefined>((r) => setTimeout(r, 500, undefined))]),
  };
}
