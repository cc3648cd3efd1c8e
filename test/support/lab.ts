// Test helper: `useLab('chapter2')` brings a lab topology up once per test process (shared by test files) for integration tests.
import { spawn } from 'node:child_process';
import type { Connection } from '../../core/transport/connection.ts';
import { quoteWord } from '../../core/quote.ts';
import { managementPath } from '../../lab/outputs.ts';
import type { LabInfo, LabUpOptions } from '../../lab/index.ts';
import { isRoot, needs } from './needs.ts';

/** State folder the tests' lab uses (kept apart from a user's /var/lib/tsible/lab; override TSIBLE_LAB_TEST_STATE). */
export const TEST_STATE_DIR = process.env.TSIBLE_LAB_TEST_STATE ?? '/var/lib/tsible/lab-test';

/** What a test gets from useLab(); valid once the suite's `before` hook ran. */
export interface LabFixture {
  /** INI inventory of the topology. */
  readonly inventory: string;
  /** known_hosts with every host's real key. */
  readonly knownHosts: string;
  /** ssh_config for `ssh -F`. */
  readonly sshConfig: string;
  /** root's private key on every host. */
  readonly privateKey: string;
  /** Everything `lab up` returned (plan: hosts, kinds, addresses, jump hosts). */
  readonly info: LabInfo;
  /** A host's connection settings as tsible's inventory would make them (management path or jump host included). */
  connection(host: string): Connection;
  /** Runs an argv on a host with OpenSSH (through the jump host if any); never throws on a non-zero exit. */
  exec(host: string, argv: string[]): Promise<{ stdout: string; stderr: string; code: number }>;
}

let shared: { key: string; info: LabInfo; owned: boolean } | undefined;
let pending: Promise<LabInfo> | undefined;

async function bringUp(topology: string, opts: Pick<LabUpOptions, 'kind'>): Promise<LabInfo> {
  const key = JSON.stringify([topology, opts.kind ?? null]);
  if (shared?.key === key) return shared.info;
  const { labUp, labDown, labPaths } = await import('../../lab/index.ts');
  const running = shared ? undefined : await runningLab(topology, opts, labPaths({ stateDir: TEST_STATE_DIR }));
  if (running) {
    // Another test process (or a developer) brought the same lab up: use it, leave it up afterwards.
    console.log(`      [lab] reusing the running ${topology} lab in ${TEST_STATE_DIR}`);
    shared = { key, info: running, owned: false };
    return running;
  }
  shared = undefined;
  await labDown({ stateDir: TEST_STATE_DIR }); // another topology, or leftovers of a killed run
  const info = await labUp(topology, { stateDir: TEST_STATE_DIR, kind: opts.kind, log: (l) => console.log(`      [lab] ${l}`) });
  shared = { key, info, owned: true };
  return info;
}

/** The lab already up in the test state folder, if it is `topology` with the wanted kind of hosts and all its hosts run. */
async function runningLab(topology: string, opts: Pick<LabUpOptions, 'kind'>, paths: LabInfo['paths']): Promise<LabInfo | undefined> {
  const { readState } = await import('../../lab/state.ts');
  const state = await readState(paths.stateFile).catch(() => null);
  if (!state || state.plan.topology.name !== topology) return undefined;
  if (opts.kind && state.plan.hosts.some((h) => h.kind !== opts.kind)) return undefined;
  const alive = state.plan.hosts.every((h) => { try { process.kill(state.hosts[h.name]?.pid ?? 0, 0); return (state.hosts[h.name]?.pid ?? 0) > 0; } catch { return false; } });
  return alive ? { topology, paths, plan: state.plan } : undefined;
}

/**
 * Tears the shared lab down, also one this process reused (tests that need the machine's lab subnets
 * call this first). The root hook in lab-hooks.ts passes `onlyIfOwned`: a lab another process brought
 * up is left to it.
 */
export async function teardownSharedLab(opts: { onlyIfOwned?: boolean } = {}): Promise<void> {
  if (!shared && !pending) return;
  await pending?.catch(() => {});
  if (opts.onlyIfOwned && shared && !shared.owned) return;
  const { labDown } = await import('../../lab/index.ts');
  await labDown({ stateDir: TEST_STATE_DIR });
  shared = undefined;
  pending = undefined;
}

/**
 * Inside a mocha `describe`: brings `topology` up before the suite (once per process; a different topology
 * replaces it). Skips the suite with a printed reason when not root. `kind: 'container'` forces containers
 * (no IPVS on the balancers, but up in seconds instead of ~40 s for a VM).
 */
export function useLab(topology: string, opts: Pick<LabUpOptions, 'kind'> = {}): LabFixture {
  let info: LabInfo | undefined;
  before(async function () {
    needs(this, isRoot, 'needs root (network namespaces, systemd-nspawn, overlay mounts); CI runs as root');
    this.timeout(900_000);
    pending = bringUp(topology, opts);
    info = await pending;
  });
  const got = (): LabInfo => {
    if (!info) throw new Error('useLab(): the lab is not up yet (use it inside it()/before() of the same describe)');
    return info;
  };
  return {
    get info() { return got(); },
    get inventory() { return got().paths.inventory; },
    get knownHosts() { return got().paths.knownHosts; },
    get sshConfig() { return got().paths.sshConfig; },
    get privateKey() { return got().paths.privateKey; },
    connection(host: string): Connection {
      const i = got();
      const h = i.plan.hosts.find((x) => x.name === host);
      if (!h) throw new Error(`no host ${host} in lab ${i.topology}`);
      return {
        transport: 'ssh', address: h.sshAddress, port: 22, user: 'root', keyFiles: [i.paths.privateKey],
        knownHostsFiles: [i.paths.knownHosts],
        ...(h.jump && h.kind === 'container' ? { proxyCommand: managementPath(h) } : h.jump ? { jump: [`root@${h.jump}:22`] } : {}),
      };
    },
    exec(host: string, argv: string[]) {
      const cmd = argv.map(quoteWord).join(' ');
      return runSsh(['-F', got().paths.sshConfig, '-o', 'BatchMode=yes', host, '--', cmd]);
    },
  };
}

/** Runs OpenSSH with `args` and collects its output; never throws on a non-zero exit (255: ssh itself failed). */
export function runSsh(args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  return new Promise((resolve, reject) => {
    const c = spawn('ssh', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    c.stdout.on('data', (b: Buffer) => { stdout += b.toString(); });
    c.stderr.on('data', (b: Buffer) => { stderr += b.toString(); });
    c.on('error', reject);
    c.on('close', (code) => resolve({ stdout, stderr, code: code ?? 255 }));
  });
}
