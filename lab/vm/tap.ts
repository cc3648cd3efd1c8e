// Tap devices of a VM: created where qemu runs, then moved to their bridge's netns and plugged in; removed on stop.
import { run } from './run.ts';

/** Whether `dev` exists in `netns` (false when the netns is gone too). */
async function linkExists(netns: string, dev: string): Promise<boolean> {
  try {
    await run(['ip', '-n', netns, 'link', 'show', 'dev', dev]);
    return true;
  } catch {
    return false;
  }
}

/** Creates a persistent tap `dev` in `netns`, replacing a stale one of that name. */
export async function createTap(netns: string, dev: string): Promise<void> {
  if (await linkExists(netns, dev)) await run(['ip', '-n', netns, 'link', 'del', 'dev', dev]);
  await run(['ip', '-n', netns, 'tuntap', 'add', 'dev', dev, 'mode', 'tap']);
}

/** Moves tap `dev` from `fromNetns` to `netns` (if they differ), puts it on `bridge` and brings it up. */
export async function plugTap(fromNetns: string, netns: string, dev: string, bridge: string): Promise<void> {
  if (fromNetns !== netns) await run(['ip', '-n', fromNetns, 'link', 'set', 'dev', dev, 'netns', netns]);
  await run(['ip', '-n', netns, 'link', 'set', 'dev', dev, 'master', bridge, 'up']);
}

/** Deletes tap `dev` wherever it is among `netnses`; absent taps and netnses are fine. */
export async function deleteTap(netnses: string[], dev: string): Promise<void> {
  for (const ns of new Set(netnses)) {
    if (await linkExists(ns, dev)) await run(['ip', '-n', ns, 'link', 'del', 'dev', dev]);
  }
}
