// Which ansible.cfg and tsible.cfg a run reads: Ansible's lookup order (ANSIBLE_CONFIG, ./ansible.cfg, ~/.ansible.cfg, /etc/ansible/ansible.cfg).
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Where to look: the process's environment, working directory and home by default; tests pass their own. */
export interface ConfigPlace {
  env: Record<string, string | undefined>;
  cwd: string;
  home: string;
  /** System-wide files (default /etc/ansible/ansible.cfg and /etc/tsible/tsible.cfg). */
  systemDir?: { ansible: string; tsible: string };
}

/** The file found (or none), and warnings to print (a world-writable working directory). */
export interface FoundConfig {
  file?: string;
  warnings: string[];
}

/**
 * The first of: $ANSIBLE_CONFIG (a file, or a folder holding ansible.cfg), ./ansible.cfg (ignored, with a
 * warning, when the working directory is world-writable, as Ansible does), ~/.ansible.cfg,
 * /etc/ansible/ansible.cfg. Only one file is read, as in Ansible. `kind` 'tsible' looks for tsible.cfg the same
 * way ($TSIBLE_CONFIG, ./tsible.cfg, ~/.tsible.cfg, /etc/tsible/tsible.cfg).
 */
export function findConfigFile(kind: 'ansible' | 'tsible', place: ConfigPlace): FoundConfig {
  const warnings: string[] = [];
  const candidates: string[] = [];
  const fromEnv = place.env[kind === 'ansible' ? 'ANSIBLE_CONFIG' : 'TSIBLE_CONFIG'];
  if (fromEnv) {
    const p = resolve(place.cwd, expandUser(fromEnv, place.home));
    candidates.push(isDirectory(p) ? join(p, `${kind}.cfg`) : p);
  }
  const local = join(place.cwd, `${kind}.cfg`);
  if (existsSync(local)) {
    if (worldWritable(place.cwd)) {
      warnings.push(`${kind} is being run in a world writable directory (${place.cwd}), ignoring it as a ${kind}.cfg source.`);
    } else candidates.push(local);
  }
  candidates.push(join(place.home, `.${kind}.cfg`));
  const system = place.systemDir ?? { ansible: '/etc/ansible', tsible: '/etc/tsible' };
  candidates.push(join(system[kind], `${kind}.cfg`));
  return { file: candidates.find((f) => existsSync(f) && !isDirectory(f)), warnings };
}

/** `~` and `~/x` against `home`. */
export function expandUser(path: string, home: string): string {
  return path.replace(/^~(?=\/|$)/, home);
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function worldWritable(dir: string): boolean {
  try {
    return (statSync(dir).mode & 0o002) !== 0;
  } catch {
    return false;
  }
}
