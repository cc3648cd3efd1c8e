// Waits until a lab host accepts an SSH login (through its jump host if it has one), using the lab's ssh_config.
import { LabError } from './lab-error.ts';
import { run } from './run.ts';

/** Polls `ssh -F sshConfig HOST true` until it succeeds; returns the seconds waited. */
export async function waitSsh(sshConfig: string, host: string, timeoutMs: number, connectTimeoutS = 10): Promise<number> {
  const t0 = Date.now();
  let last = '';
  for (;;) {
    try {
      await run(['ssh', '-F', sshConfig, '-o', 'BatchMode=yes', '-o', `ConnectTimeout=${connectTimeoutS}`, host, 'true'], { timeoutMs: 4 * connectTimeoutS * 1000 });
      return (Date.now() - t0) / 1000;
    } catch (e) {
      last = (e as Error).message;
    }
    if (Date.now() - t0 > timeoutMs) throw new LabError(`host did not answer SSH within ${timeoutMs / 1000} s: ${last}`, { host });
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Polls, from inside a container host's own netns, until its sshd sends its banner: a cheap readiness check
 * that does not go through the jump host (a slow VM), so the one real login through the jump comes last.
 */
export async function waitSshdBanner(netns: string, address: string, timeoutMs: number): Promise<void> {
  const t0 = Date.now();
  for (;;) {
    const r = await run(['ip', 'netns', 'exec', netns, 'timeout', '2', 'bash', '-c', 'exec 3<>"/dev/tcp/$1/22" && head -c 4 <&3', 'bash', address],
      { okCodes: [1, 124] }).catch(() => ({ stdout: '' }));
    if (r.stdout === 'SSH-') return;
    if (Date.now() - t0 > timeoutMs) throw new LabError(`sshd did not start within ${timeoutMs / 1000} s (see its console.log)`, { host: netns });
    await new Promise((res) => setTimeout(res, 100));
  }
}
