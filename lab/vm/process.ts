// Host processes by PID: is this PID still our qemu (not a zombie, not a reused PID), and waiting for it to end.
import { readFile } from 'node:fs/promises';

/** Whether `pid` is a live (non-zombie) process whose command line mentions `marker`. */
export async function isLiveProcess(pid: number, marker: string): Promise<boolean> {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    if (state === 'Z' || state === 'X') return false;
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8');
    return cmdline.includes(marker);
  } catch {
    return false;
  }
}

/** Polls until the process is gone; resolves false if it is still alive after `timeoutMs`. */
export async function waitGone(pid: number, marker: string, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (!(await isLiveProcess(pid, marker))) return true;
    if (Date.now() >= end) return false;
    await new Promise((r) => setTimeout(r, 200));
  }
}
