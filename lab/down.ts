// `lab down`: stops every host, helper and namespace the state file records, then sweeps anything left with the lab's prefix.
import { existsSync } from 'node:fs';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { CGROUP_PARENT, removeCgroup, unmountAll } from './container.ts';
import { stopDaemon } from './daemon.ts';
import { powerOff } from './host-power.ts';
import { deleteHostNetwork, deleteSwitch } from './network.ts';
import { labPaths, PREFIX, type LabPaths } from './paths.ts';
import { requireRoot } from './require-root.ts';
import { run, tryRun } from './run.ts';
import { readState } from './state.ts';
import type { LabOptions } from './up.ts';

/** Tears the lab down. Idempotent: after a crash, twice, or with no lab, it leaves nothing of the lab's behind. */
export async function labDown(opts: LabOptions = {}): Promise<void> {
  requireRoot('down');
  const paths = labPaths(opts);
  const state = await readState(paths.stateFile).catch(() => null);
  if (state) {
    const ctx = { plan: state.plan, paths, rootfs: state.rootfs };
    await Promise.all(state.plan.hosts.map(async (h) => {
      await powerOff(ctx, h, state.hosts[h.name]?.pid ?? 0).catch((e: Error) => opts.log?.(`${h.name}: ${e.message}`));
      if (h.kind === 'container') await deleteHostNetwork(h);
    }));
    await stopDaemon(state.aptRelayPid, 'relay', paths.stateDir);
    await stopDaemon(state.aptProxyPid, 'proxy', paths.stateDir);
    await deleteSwitch(state.plan);
  }
  await sweep(paths);
  for (const f of [paths.stateFile, paths.inventory, paths.knownHosts, paths.sshConfig, paths.diagram, paths.aptSocket]) await rm(f, { force: true });
  await rm(paths.hostsDir, { recursive: true, force: true });
}

/** PIDs of this lab's processes: nspawn and qemu name a path in the hosts folder; helpers name daemon-main.ts and the state folder. */
async function labPids(paths: LabPaths): Promise<number[]> {
  const mine = new Set<number>([process.pid, process.ppid]);
  const out: number[] = [];
  for (const e of await readdir('/proc')) {
    if (!/^\d+$/.test(e) || mine.has(Number(e))) continue;
    const args = (await readFile(`/proc/${e}/cmdline`, 'utf8').catch(() => '')).split('\0');
    const host = args.some((a) => a.startsWith(`${paths.hostsDir}/`) || a.includes(`=${paths.hostsDir}/`) || a.includes(`,file=${paths.hostsDir}/`));
    const helper = args.some((a) => a.endsWith('/lab/daemon-main.ts')) && args.some((a) => a.includes(paths.stateDir));
    if (host || helper) out.push(Number(e));
  }
  return out;
}

/** Removes leftovers not (or no longer) in the state file: processes, mounts, namespaces, links, cgroups. */
export async function sweep(paths: LabPaths): Promise<void> {
  const killAll = async (sig: NodeJS.Signals) => {
    const pids = await labPids(paths);
    for (const p of pids) try { process.kill(p, sig); } catch { /* gone */ }
    return pids.length;
  };
  if (await killAll('SIGTERM')) {
    for (let i = 0; i < 60 && (await labPids(paths)).length; i++) await new Promise((r) => setTimeout(r, 100));
    await killAll('SIGKILL');
  }
  const netns = (await run(['ip', 'netns', 'list'])).stdout.split('\n').map((l) => l.split(' ')[0]).filter((n) => n.startsWith(`${PREFIX}-`));
  for (const ns of netns) {
    const pids = (await run(['ip', 'netns', 'pids', ns]).catch(() => ({ stdout: '' }))).stdout.split('\n').filter(Boolean).map(Number);
    for (const p of pids) try { process.kill(p, 'SIGKILL'); } catch { /* gone */ }
    await tryRun(['ip', 'netns', 'del', ns]);
  }
  if (existsSync(paths.hostsDir)) await unmountAll(paths.hostsDir);
  const links = JSON.parse((await run(['ip', '-j', 'link', 'show'])).stdout || '[]') as { ifname: string }[];
  for (const l of links) if (new RegExp(`^${PREFIX}[a-z]*\\d`).test(l.ifname)) await tryRun(['ip', 'link', 'del', l.ifname]);
  for (const r of ['/sys/fs/cgroup/unified', '/sys/fs/cgroup/systemd']) await removeCgroup(join(r, CGROUP_PARENT));
  if (existsSync('/run/systemd/nspawn/propagate')) {
    const state = await readState(paths.stateFile).catch(() => null);
    for (const h of state?.plan.hosts ?? []) await rm(`/run/systemd/nspawn/propagate/${h.name}`, { recursive: true, force: true });
  }
}
