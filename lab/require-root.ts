// The lab needs root (namespaces, mounts, bridges, cgroups): a clear error otherwise.
import { LabError } from './lab-error.ts';

/** Throws unless running as root. */
export function requireRoot(verb: string): void {
  if (typeof process.getuid === 'function' && process.getuid() === 0) return;
  throw new LabError(`\`tsible lab ${verb}\` must run as root: it creates network namespaces, bridges, overlay mounts and cgroups (try: sudo tsible lab ${verb} …)`);
}
