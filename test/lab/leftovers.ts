// Test helper: everything of the lab's kind that exists on the machine (namespaces, links, mounts, cgroups, processes).
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { run } from '../../lab/run.ts';

/** What a lab could leave behind, listed; equal lists before `up` and after `down` mean nothing leaked. */
export async function labLeftovers(stateDir: string): Promise<Record<string, string[]>> {
  const netns = (await run(['ip', 'netns', 'list'])).stdout.split('\n').map((l) => l.split(' ')[0]).filter((n) => n.startsWith('tsl-'));
  const links = (JSON.parse((await run(['ip', '-j', 'link', 'show'])).stdout) as { ifname: string }[]).map((l) => l.ifname).filter((n) => n.startsWith('tsl'));
  const mounts = (await readFile('/proc/self/mounts', 'utf8')).split('\n').filter((l) => l.includes(stateDir));
  const cgroups = ['/sys/fs/cgroup/unified/tsl-lab', '/sys/fs/cgroup/systemd/tsl-lab'].filter((d) => existsSync(d));
  const processes: string[] = [];
  for (const e of await readdir('/proc')) {
    if (!/^\d+$/.test(e) || Number(e) === process.pid) continue;
    const cmd = (await readFile(`/proc/${e}/cmdline`, 'utf8').catch(() => '')).replace(/\0/g, ' ');
    if (cmd.includes(stateDir) || /systemd-nspawn .*tsl/.test(cmd)) processes.push(`${e} ${cmd.slice(0, 120)}`);
  }
  return { netns, links, mounts, cgroups, processes };
}
