// Fact parser: memory and swap sizes from /proc/meminfo, in MiB as Ansible reports them.
import { FactError } from '../../core/errors.ts';

/** Memory and swap in MiB. */
export interface MemoryInfo {
  totalMb: number;
  freeMb: number;
  /** MemAvailable: what can be used without swapping (free + reclaimable caches). */
  availableMb: number;
  swapTotalMb: number;
  swapFreeMb: number;
}

/** Pure: MemoryInfo from /proc/meminfo text (values in kB). MemTotal missing is a FactError. */
export function parseMeminfo(text: string): MemoryInfo {
  const kb = new Map<string, number>();
  for (const line of text.split('\n')) {
    const m = /^(\w+(?:\(\w+\))?):\s+(\d+)(?:\s*kB)?\s*$/.exec(line.trim());
    if (m) kb.set(m[1], Number(m[2]));
  }
  const total = kb.get('MemTotal');
  if (total === undefined) throw new FactError('/proc/meminfo has no MemTotal line');
  const mb = (name: string, fallback = 0): number => Math.floor((kb.get(name) ?? fallback) / 1024);
  return {
    totalMb: mb('MemTotal'),
    freeMb: mb('MemFree'),
    availableMb: mb('MemAvailable', kb.get('MemFree') ?? 0),
    swapTotalMb: mb('SwapTotal'),
    swapFreeMb: mb('SwapFree'),
  };
}
