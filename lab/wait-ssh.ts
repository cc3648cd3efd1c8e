// Waits until a lab host accepts an SSH login (through its jump host if it has one), using the lab's ssh_config.
import { LabError } from './lab-error.ts';
import { run } from './run.ts';

/** Polls `ssh -F sshConfig HOST true` until it succeeds; returns the seconds waited. */
export async function waitSsh(sshConfig: string, host: string, timeoutMs: number): Promise<number> {
  const t0 = Date.now();
  let last = '';
  for (;;) {
    try {
      await run(['ssh', '-F', sshConfig, '-o', 'BatchMode=yes', '-o', 'ConnectTimeout=3', host, 'true'], { timeoutMs: 10_000 });
      return (Date.now() - t0) / 1000;
    } catch (e) {
      last = (e as Error).message;
    }
    if (Date.now() - t0 > timeoutMs) throw new LabError(`host did not answer SSH within ${timeoutMs / 1000} s: ${last}`, { host });
    await new Promise((r) => setTimeout(r, 100));
  }
}
