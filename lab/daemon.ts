// Starts the lab's helper processes (apt proxy, apt relay) detached, optionally inside a netns; finds and stops them by PID.
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import net from 'node:net';
import { LabError } from './lab-error.ts';

const ENTRY = fileURLToPath(new URL('./daemon-main.ts', import.meta.url));
/** The repository root: `--import tsx` resolves from there. */
const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Starts `daemon-main.ts WHAT JSON` detached (in `netns` if given), logging to `logFile`; returns its PID. */
export function spawnDaemon(what: 'proxy' | 'relay', opts: object, logFile: string, netns?: string): number {
  const node = [process.execPath, '--import', 'tsx', ENTRY, what, JSON.stringify(opts)];
  const argv = netns ? ['ip', 'netns', 'exec', netns, ...node] : node;
  const log = openSync(logFile, 'a', 0o600);
  const child = spawn(argv[0], argv.slice(1), { detached: true, stdio: ['ignore', log, log], cwd: ROOT });
  closeSync(log);
  child.unref();
  if (!child.pid) throw new LabError(`cannot start the lab's apt ${what}`);
  return child.pid;
}

/** True when `pid` is a lab helper of kind `what` whose arguments mention `marker` (the state dir). */
async function isDaemon(pid: number, what: string, marker: string): Promise<boolean> {
  if (pid <= 0) return false;
  try {
    const cmd = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0');
    return cmd.includes(ENTRY) && cmd.includes(what) && cmd.some((a) => a.includes(marker));
  } catch {
    return false;
  }
}

/** Stops a helper (SIGTERM, then SIGKILL) if it is still the process we started. */
export async function stopDaemon(pid: number, what: string, marker: string): Promise<void> {
  if (!(await isDaemon(pid, what, marker))) return;
  process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 40 && (await isDaemon(pid, what, marker)); i++) await new Promise((r) => setTimeout(r, 50));
  if (await isDaemon(pid, what, marker)) process.kill(pid, 'SIGKILL');
}

/** Waits until a TCP connection to host:port succeeds (from this process's netns). */
export async function waitTcp(host: string, port: number, ms: number): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect({ host, port }, () => { s.destroy(); resolve(true); });
      s.on('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > end) throw new LabError(`nothing answers on ${host}:${port} after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
