// Does this machine's kernel have IPVS? (/proc/net/ip_vs exists, or `modprobe -n ip_vs` would load it.)
import { existsSync } from 'node:fs';
import { run } from './run.ts';

let cached: Promise<boolean> | undefined;

/** True when the running kernel can do IPVS (decides the `auto` host kind). */
export function kernelHasIpvs(): Promise<boolean> {
  cached ??= (async () => {
    if (existsSync('/proc/net/ip_vs')) return true;
    try {
      await run(['modprobe', '-n', 'ip_vs']);
      return true;
    } catch {
      return false;
    }
  })();
  return cached;
}
