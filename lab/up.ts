// `lab up`: builds every host of a topology (network, apt proxy, containers/VMs), writes the outputs, waits for SSH.
import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { unmountAll } from './container.ts';
import { spawnDaemon, waitTcp } from './daemon.ts';
import { renderDiagram } from './diagram.ts';
import { hostDir, powerOn } from './host-power.ts';
import { kernelHasIpvs } from './ipvs-support.ts';
import { ensureClientKey, generateKeyPair } from './keys.ts';
import { LabError } from './lab-error.ts';
import { debianMirror, suiteRelease } from './debian-release.ts';
import { createHostNetwork, createSwitch } from './network.ts';
import { inventory, knownHosts, sshConfig } from './outputs.ts';
import { labPaths, type LabPaths } from './paths.ts';
import { APT_PORT, planLab, type LabPlan } from './plan.ts';
import { requireRoot } from './require-root.ts';
import { ensureRootfs } from './rootfs.ts';
import { readState, writeState, type LabState } from './state.ts';
import { checkSubnetsFree } from './subnet-check.ts';
import { loadTopology } from './topology/load.ts';
import { remapSubnet } from './topology/remap.ts';
import type { Topology } from './topology/types.ts';
import { validateTopology } from './topology/validate.ts';
import { waitSsh, waitSshdBanner } from './wait-ssh.ts';
import { loadVmKind } from './vm-kind.ts';
import { writeFileAtomic } from './write-file.ts';
import { labDown } from './down.ts';

/** Options shared by the lab's verbs. */
export interface LabOptions {
  /** State folder (default /var/lib/tsible/lab, env TSIBLE_LAB_STATE). */
  stateDir?: string;
  /** Cache folder (default /var/cache/tsible/lab, env TSIBLE_LAB_CACHE). */
  cacheDir?: string;
  /** Progress lines. */
  log?: (line: string) => void;
}

/** Options of labUp(). */
export interface LabUpOptions extends LabOptions {
  /** Force every host's kind (default: per host; `auto` = VM only if it needs IPVS and this kernel lacks it). */
  kind?: 'container' | 'vm';
  /** Move networks to other subnets: { hostonly: '192.168.57.0/24' }. */
  subnets?: Record<string, string>;
}

/** What `up` made: where the outputs are and how each host is reached. */
export interface LabInfo {
  /** Topology name. */
  topology: string;
  /** Lab paths (inventory, knownHosts, sshConfig, privateKey…). */
  paths: LabPaths;
  /** The resolved plan (hosts with kinds, addresses, jump hosts). */
  plan: LabPlan;
}

/** Builds the lab. Refuses if a lab is already up or a subnet is in use; on failure tears down what it made. */
export async function labUp(topology: string | Topology, opts: LabUpOptions = {}): Promise<LabInfo> {
  requireRoot('up');
  const log = opts.log ?? (() => {});
  const paths = labPaths(opts);
  for (const p of [paths.stateDir, paths.cacheDir]) {
    if (/[,:\s]/.test(p)) throw new LabError(`lab folder ${p} must not contain commas, colons or spaces (overlayfs option syntax)`);
  }
  const existing = await readState(paths.stateFile);
  if (existing) throw new LabError(`a lab is already up (topology ${existing.plan.topology.name}, state ${paths.stateFile}); run \`tsible lab down\` first`);
  const plan = await planFor(topology, opts);
  const vm = await vmKindFor(plan);
  await checkSubnetsFree(plan);
  const rootfs = await prepareCaches(plan, vm, paths, log);

  await mkdir(paths.stateDir, { recursive: true, mode: 0o700 });
  if (existsSync(paths.hostsDir)) await unmountAll(paths.hostsDir); // a crashed lab's overlays, before deleting its folders
  await rm(paths.hostsDir, { recursive: true, force: true });
  await ensureClientKey(paths.privateKey);
  const publicKeys: Record<string, string> = {};
  for (const h of plan.hosts) {
    const k = await generateKeyPair(`${h.name}@tsible-lab`);
    const dir = hostDir(paths, h.name);
    await writeFileAtomic(join(dir, 'ssh_host_ed25519_key'), k.privateKey, 0o600);
    await writeFileAtomic(join(dir, 'ssh_host_ed25519_key.pub'), `${k.publicKey}\n`);
    publicKeys[h.name] = k.publicKey;
  }
  const state: LabState = {
    plan, cacheDir: paths.cacheDir, rootfs, aptProxyPid: 0, aptRelayPid: 0, upAt: '',
    hosts: Object.fromEntries(plan.hosts.map((h) => [h.name, { name: h.name, kind: h.kind, pid: 0, dir: hostDir(paths, h.name), cut: [] }])),
  };
  await writeState(paths.stateFile, state); // from here on, `down` can undo a partial `up`
  try {
    const t0 = Date.now();
    await createSwitch(plan);
    await rm(paths.aptSocket, { force: true });
    const controls = plan.networks.filter((n) => n.control).map((n) => ({ host: n.control!, port: APT_PORT }));
    state.aptProxyPid = spawnDaemon('proxy', { listen: [...controls, { path: paths.aptSocket }], cacheDir: paths.aptCache, logFile: paths.aptLog },
      join(paths.stateDir, 'apt-proxy.out'));
    await writeState(paths.stateFile, state);
    const relays = plan.networks.filter((n) => n.aptRelay).map((n) => ({ host: n.aptRelay!, port: APT_PORT }));
    if (relays.length) {
      for (let i = 0; i < 100 && !existsSync(paths.aptSocket); i++) await new Promise((r) => setTimeout(r, 50));
      state.aptRelayPid = spawnDaemon('relay', { listen: relays, target: paths.aptSocket }, join(paths.stateDir, 'apt-relay.out'), plan.switchNetns);
      await writeState(paths.stateFile, state);
    }
    if (controls.length) await waitTcp(controls[0].host, APT_PORT, 10_000);
    await writeFileAtomic(paths.knownHosts, knownHosts(plan, publicKeys));
    await writeFileAtomic(paths.sshConfig, sshConfig(plan, paths));
    await writeFileAtomic(paths.inventory, inventory(plan, paths));
    await writeFileAtomic(paths.diagram, renderDiagram(plan));
    log(`network and apt proxy ready (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    const ctx = { plan, paths, rootfs };
    // VMs first (slow), then containers; each host's PID is recorded as soon as it exists.
    for (const h of [...plan.hosts.filter((x) => x.kind === 'vm'), ...plan.hosts.filter((x) => x.kind === 'container')]) {
      if (h.kind === 'container') await createHostNetwork(plan, h);
      state.hosts[h.name].pid = await powerOn(ctx, h);
      await writeState(paths.stateFile, state);
      log(`${h.name}: ${h.kind} started`);
    }
    // Hosts the control machine reaches without a jump host first (directly, or containers by the
    // management path: see managementPath in outputs.ts); then any VM behind a jump host.
    const viaJump = (h: (typeof plan.hosts)[number]) => !!h.jump && h.kind !== 'container';
    const waits = async (hs: typeof plan.hosts) => Promise.all(hs.map(async (h) => {
      const t = Date.now();
      if (h.kind === 'container' && h.jump) await waitSshdBanner(h.netns, h.sshAddress, 60_000);
      const viaVm = viaJump(h) && plan.hosts.find((j) => j.name === h.jumpHost)?.kind === 'vm';
      await waitSsh(paths.sshConfig, h.name, h.kind === 'vm' || viaVm ? 300_000 : 60_000, viaVm ? 30 : 10);
      log(`${h.name}: SSH answers (${((Date.now() - t) / 1000).toFixed(1)} s)`);
    }));
    await waits(plan.hosts.filter((h) => !viaJump(h)));
    await waits(plan.hosts.filter(viaJump));
    state.upAt = new Date().toISOString();
    await writeState(paths.stateFile, state);
    log(`lab ${plan.topology.name} up in ${((Date.now() - t0) / 1000).toFixed(1)} s; inventory: ${paths.inventory}`);
    return { topology: plan.topology.name, paths, plan };
  } catch (e) {
    log(`lab up failed, tearing down: ${(e as Error).message}`);
    await labDown(opts).catch(() => {});
    throw new LabError(`lab up ${plan.topology.name} failed`, {}, { cause: e });
  }
}

/** Builds the caches `topology` needs (container rootfs, VM images) without bringing anything up; returns what is ready. */
export async function labPrepare(topology: string | Topology, opts: LabUpOptions = {}): Promise<string[]> {
  requireRoot('prepare');
  const paths = labPaths(opts);
  const plan = await planFor(topology, opts);
  const vm = await vmKindFor(plan);
  const rootfs = await prepareCaches(plan, vm, paths, opts.log ?? (() => {}));
  return [...(rootfs ? [`container rootfs ${rootfs}`] : []), ...(vm ? [`VM images in ${paths.cacheDir}`] : [])];
}

async function planFor(topology: string | Topology, opts: LabUpOptions): Promise<LabPlan> {
  let topo = typeof topology === 'string' ? await loadTopology(topology) : validateTopology(structuredClone(topology), `(topology ${topology.name})`);
  for (const [net, subnet] of Object.entries(opts.subnets ?? {})) topo = remapSubnet(topo, net, subnet);
  return planLab(topo, { kind: opts.kind, hasIpvs: await kernelHasIpvs() });
}

/** The VM kind's code when the plan has VM hosts (refused where QEMU cannot run), else null. */
async function vmKindFor(plan: LabPlan): Promise<Awaited<ReturnType<typeof loadVmKind>> | null> {
  const vms = plan.hosts.filter((h) => h.kind === 'vm');
  if (!vms.length) return null;
  const vm = await loadVmKind();
  const why = await vm.vmSupportReason();
  if (why) throw new LabError(`hosts ${vms.map((h) => h.name).join(', ')} need the VM kind (IPVS), which cannot run here: ${why}`);
  return vm;
}

/**
 * The container rootfs (its folder, '' if no container) and the VM images, built if missing, incomplete, or made from an
 * older Debian release than the mirror's current one (its kernel and packages); offline, what is cached is used.
 */
async function prepareCaches(plan: LabPlan, vm: Awaited<ReturnType<typeof loadVmKind>> | null, paths: LabPaths, log: (line: string) => void): Promise<string> {
  const release = await suiteRelease();
  if (!release) log(`cannot read ${debianMirror()}'s current release: using the cached images as they are`);
  const rootfs = plan.hosts.some((h) => h.kind === 'container') ? await ensureRootfs(paths.cacheDir, log, release) : '';
  if (vm) await vm.prepareVmImages(paths.cacheDir, log, release);
  return rootfs;
}
