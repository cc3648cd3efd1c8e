// Where the lab keeps its state (outputs, per-host dirs) and its caches; both overridable by option or env.
import { join } from 'node:path';

/** Default state folder (override: --state-dir or TSIBLE_LAB_STATE). */
export const DEFAULT_STATE_DIR = '/var/lib/tsible/lab';
/** Default cache folder (override: --cache-dir or TSIBLE_LAB_CACHE). */
export const DEFAULT_CACHE_DIR = '/var/cache/tsible/lab';

/** Prefix of every namespace, link, cgroup and process name the lab creates (also used to sweep leftovers). */
export const PREFIX = 'tsl';

/** The lab's folders and files. */
export interface LabPaths {
  /** State folder. */
  stateDir: string;
  /** Cache folder (rootfs, apt cache; lab/vm's images). */
  cacheDir: string;
  /** The lab's state file (what runs, with PIDs). */
  stateFile: string;
  /** INI inventory. */
  inventory: string;
  /** known_hosts with the hosts' keys. */
  knownHosts: string;
  /** ssh_config for `ssh -F`. */
  sshConfig: string;
  /** Private key of root on every host. */
  privateKey: string;
  /** Per-host folders live here. */
  hostsDir: string;
  /** apt proxy's Unix socket (the relay forwards to it). */
  aptSocket: string;
  /** apt proxy's log (one line per request: hit/upstream). */
  aptLog: string;
  /** apt cache folder. */
  aptCache: string;
  /** Topology diagram. */
  diagram: string;
}

/** Paths for the given (or default) folders. */
export function labPaths(opts: { stateDir?: string; cacheDir?: string } = {}): LabPaths {
  const stateDir = opts.stateDir ?? process.env.TSIBLE_LAB_STATE ?? DEFAULT_STATE_DIR;
  const cacheDir = opts.cacheDir ?? process.env.TSIBLE_LAB_CACHE ?? DEFAULT_CACHE_DIR;
  return {
    stateDir, cacheDir,
    stateFile: join(stateDir, 'state.json'),
    inventory: join(stateDir, 'inventory.ini'),
    knownHosts: join(stateDir, 'known_hosts'),
    sshConfig: join(stateDir, 'ssh_config'),
    privateKey: join(stateDir, 'id_ed25519'),
    hostsDir: join(stateDir, 'hosts'),
    aptSocket: join(stateDir, 'apt-proxy.sock'),
    aptLog: join(stateDir, 'apt-proxy.log'),
    aptCache: join(cacheDir, 'apt'),
    diagram: join(stateDir, 'topology.svg'),
  };
}
