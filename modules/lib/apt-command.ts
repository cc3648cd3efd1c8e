// apt-get command lines for the apt module: non-interactive, conffile policy, bounded wait for the dpkg lock.
import type { Command } from '../../core/quote.ts';
import type { RunOptions } from '../../core/transport/transport.ts';

/** Options shared by the apt-get commands of one task. */
export interface AptCommandOptions {
  /** Seconds apt-get waits for the dpkg lock (another apt/dpkg running) before failing. */
  lockTimeout: number;
  /** undefined: apt's configuration decides; true/false: force recommends on/off. */
  installRecommends?: boolean;
  allowDowngrade?: boolean;
  purge?: boolean;
  autoremove?: boolean;
}

/** Where apt-get update's success is stamped (as update-notifier's hook does); its mtime is the cache age. */
export const UPDATE_STAMP = '/var/lib/apt/periodic/update-success-stamp';

/** No debconf questions, no apt-listchanges pager: the environment of every apt-get that changes something. */
export const APT_RUN_OPTIONS: RunOptions = { env: { DEBIAN_FRONTEND: 'noninteractive', APT_LISTCHANGES_FRONTEND: 'none' } };

function common(o: AptCommandOptions): string[] {
  return [
    '-y', '-q',
    '-o', `DPkg::Lock::Timeout=${o.lockTimeout}`,
    // Conffiles: keep the admin's modified files, take the default for untouched ones, never ask.
    '-o', 'Dpkg::Options::=--force-confdef',
    '-o', 'Dpkg::Options::=--force-confold',
  ];
}

function recommends(o: AptCommandOptions): string[] {
  if (o.installRecommends === undefined) return [];
  return o.installRecommends ? ['-o', 'APT::Install-Recommends=true'] : ['--no-install-recommends'];
}

/** apt-get install of package specs (`name`, `name:arch`, `name=version`). */
export function aptInstall(specs: readonly string[], o: AptCommandOptions): Command {
  return ['apt-get', ...common(o), ...recommends(o), ...(o.allowDowngrade ? ['--allow-downgrades'] : []), 'install', ...specs];
}

/** apt-get remove/purge, with --auto-remove when asked (dependencies nothing else needs go too). */
export function aptRemove(names: readonly string[], o: AptCommandOptions): Command {
  return ['apt-get', ...common(o), ...(o.autoremove ? ['--auto-remove'] : []), o.purge ? 'purge' : 'remove', ...names];
}

/** apt-get autoremove (with --purge when asked). */
export function aptAutoremove(o: AptCommandOptions): Command {
  return ['apt-get', ...common(o), ...(o.purge ? ['--purge'] : []), 'autoremove'];
}

/** Refreshes the package lists. */
export function aptUpdate(o: AptCommandOptions): Command {
  return ['apt-get', '-q', '-o', `DPkg::Lock::Timeout=${o.lockTimeout}`, 'update'];
}

/** The read-only simulation of an install (`apt-get -s`: no lock, no download, nothing written but apt's own caches). */
export function aptSimulateInstall(specs: readonly string[], o: AptCommandOptions): Command {
  return ['apt-get', '-s', '-q', ...recommends(o), ...(o.allowDowngrade ? ['--allow-downgrades'] : []), 'install', ...specs];
}

/** The read-only simulation of an autoremove. */
export function aptSimulateAutoremove(o: AptCommandOptions): Command {
  return ['apt-get', '-s', '-q', ...(o.purge ? ['--purge'] : []), 'autoremove'];
}
