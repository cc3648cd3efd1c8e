// V8's heap sizing for the tsible process: the young generation stays at its starting size and the old one grows by half of what survives, instead of doubling both as a run's many hosts keep objects alive across their round trips.
import { setFlagsFromString } from 'node:v8';

/**
 * Applies the settings; call once, first thing. Both flags are read at each collection (not only at start-up), so
 * setting them from inside the process works. Measured on the bench (issue 13, pyinfra set, converged): peak RSS at
 * 20 hosts 82 -> 72 MiB, at 150 hosts 110 -> 85 MiB (93 KiB per further host instead of 0.2 MiB; the raw ssh2
 * floor: 68 KiB), wall time and CPU unchanged within noise. By default V8 doubles the young generation's
 * semi-spaces (up to 16 MB each) whenever much of it survives, which 150 concurrent hosts cause, and lets the old
 * generation reach about four times what survived the last full collection before the next one.
 */
export function limitHeapGrowth() {
  setFlagsFromString('--semi-space-growth-factor=1');
  setFlagsFromString('--heap-growing-percent=50');
}
