// apt: Debian packages present (optionally pinned), at the latest version, or absent; cache refresh with a validity time.
import { ArgsError, FactError, TsibleError } from '../core/errors.ts';
import { defineModule, type Change, type ModuleContext, type Step } from '../core/module.ts';
import type { Command } from '../core/quote.ts';
import { dpkgStatusFact, type DpkgPackage, type DpkgStatus } from './facts/dpkg-status.ts';
import { aptListsFact } from './facts/apt-lists.ts';
import { parseAptSimulation, type AptSimulation, type SimulatedAction } from './facts/apt-simulation.ts';
import {
  APT_RUN_OPTIONS, UPDATE_STAMP, aptAutoremove, aptInstall, aptRemove, aptSimulateAutoremove, aptSimulateInstall, aptUpdate,
  type AptCommandOptions,
} from './lib/apt-command.ts';

export interface AptArgs {
  /** Package(s): `apache2`, `['heartbeat', 'ipvsadm']`, `libc6:i386`, or pinned `hello=2.10*` (a glob on the version). */
  name?: string | string[];
  /** present (default): installed, pinned version if given; latest: installed at the candidate version; absent: removed. */
  state?: 'present' | 'absent' | 'latest';
  /** Refresh the package lists (apt-get update) before installing; only done when something is to be installed, or when no name is given. */
  updateCache?: boolean;
  /**
   * With updateCache: lists refreshed less than this many seconds ago count as fresh (no refresh). 0 = always refresh.
   * Whatever their age, lists missing for a configured source, or a package the lists do not know, mean a refresh first.
   */
  cacheValidTime?: number;
  /** Install recommended packages (true) or not (false); unset: apt's own configuration (Debian: yes). */
  installRecommends?: boolean;
  /** With state absent: also remove configuration files (dpkg purge); with autoremove: purge what it removes. */
  purge?: boolean;
  /** Remove dependencies nothing needs any more (apt-get autoremove; with state absent, --auto-remove). */
  autoremove?: boolean;
  /** Allow a version pin to install an older version than the installed one. */
  allowDowngrade?: boolean;
  /** Seconds to wait for the dpkg lock held by another apt or dpkg before failing (default 120). */
  lockTimeout?: number;
}

/** A package spec split: `hello=2.10*` → { name: 'hello', version: '2.10*' }. */
export interface PackageSpec {
  spec: string;
  name: string;
  arch?: string;
  version?: string;
}

export interface AptFacts {
  specs: PackageSpec[];
  /** dpkg-query's view of the named packages (by bare name). */
  dpkg: DpkgStatus;
  /** Seconds since the lists were last refreshed (undefined: not read, or never). */
  cacheAge?: number;
  /** Configured sources with no package list on the host (read with updateCache, or to explain a refusal). */
  missingLists?: string[];
  /** apt-get -s install of the specs that are not satisfied (present) or of all specs (latest). */
  install?: AptSimulation;
  /** apt-get -s autoremove, when autoremove is asked. */
  autoremove?: AptSimulation;
}

const SPEC = /^([a-z0-9][a-z0-9+.-]*)(?::([a-z0-9-]+))?(?:=([A-Za-z0-9.+~:*?-]+))?$/;
/** Other packages named in a summary line before "and N more". */
const MAX_LISTED = 6;
const INSTALLED_STATES = new Set(['installed', 'half-installed', 'unpacked', 'half-configured', 'triggers-awaited', 'triggers-pending']);

export const apt = defineModule<AptArgs, AptFacts>({
  name: 'apt',
  doc: {
    summary: 'Installs, upgrades or removes Debian packages with apt-get (non-interactive, keeps changed conffiles, waits for the dpkg lock); refreshes the cache.',
    changed: 'A package was installed, upgraded, removed or purged, or autoremove removed something; with no name, the cache was refreshed. '
      + 'Packages already in the wanted state are never reinstalled. With state latest and a stale cache (updateCache), the refresh itself counts as a change.',
    checkMode: 'Decides from dpkg-query and `apt-get -s` (a read-only simulation that also names the versions and dependencies); never refreshes the cache.',
    examples: [
      "apt({ name: ['heartbeat', 'ipvsadm'], updateCache: true, cacheValidTime: 3600 }, { name: 'Install Heartbeat and ipvsadm' })",
      "tsible webservers -m apt -a 'name=apache2 state=present update_cache=yes cache_valid_time=3600'",
    ],
  },
  args: {
    name: { type: 'list', description: 'Package name(s), optionally name:arch or name=version-glob.', aliases: ['pkg', 'package'] },
    state: { type: 'string', default: 'present', choices: ['present', 'absent', 'latest'], description: 'present, absent or latest.' },
    updateCache: { type: 'bool', default: false, description: 'Run apt-get update first (when needed).', aliases: ['update_cache'] },
    cacheValidTime: { type: 'int', default: 0, description: 'Seconds a refreshed cache stays valid (0: always refresh).', aliases: ['cache_valid_time'] },
    installRecommends: { type: 'bool', description: 'Install recommended packages (unset: apt default).', aliases: ['install_recommends'] },
    purge: { type: 'bool', default: false, description: 'Remove configuration files too.' },
    autoremove: { type: 'bool', default: false, description: 'Remove unneeded dependencies.' },
    allowDowngrade: { type: 'bool', default: false, description: 'Let a pin install an older version.', aliases: ['allow_downgrade', 'allow_downgrades'] },
    lockTimeout: { type: 'int', default: 120, description: 'Seconds to wait for the dpkg lock.', aliases: ['lock_timeout'] },
  },
  validate(args, where) {
    const names = (args.name ?? []) as string[];
    for (const n of names) {
      const m = SPEC.exec(n);
      if (!m) throw new ArgsError(`not a package name (name, name:arch or name=version): "${n}"`, { ...where, field: 'name' });
      if (m[3] && args.state === 'absent') throw new ArgsError(`a version pin makes no sense with state absent: "${n}"`, { ...where, field: 'name' });
      if (m[3] && args.state === 'latest') throw new ArgsError(`a version pin contradicts state latest: "${n}"`, { ...where, field: 'name' });
    }
    if (!names.length && !args.updateCache && !args.autoremove) throw new ArgsError('give a package name (or updateCache / autoremove alone)', { ...where, field: 'name' });
    if ((args.cacheValidTime ?? 0) < 0) throw new ArgsError('must be 0 or more seconds', { ...where, field: 'cacheValidTime' });
    if ((args.lockTimeout ?? 0) < 0) throw new ArgsError('must be 0 or more seconds', { ...where, field: 'lockTimeout' });
  },
  async gather(ctx, args) {
    const specs = ((args.name ?? []) as string[]).map(parseSpec);
    const o = commandOptions(args);
    const [dpkg, lists, latest, autoremove] = await Promise.all([
      specs.length ? ctx.facts.get(dpkgStatusFact(specs.map((s) => (s.arch ? `${s.name}:${s.arch}` : s.name)))) : Promise.resolve({}),
      args.updateCache ? ctx.facts.get(aptListsFact) : Promise.resolve(undefined),
      args.state === 'latest' && specs.length ? simulate(ctx, aptSimulateInstall(specs.map((s) => s.spec), o)) : Promise.resolve(undefined),
      args.autoremove ? simulate(ctx, aptSimulateAutoremove(o)) : Promise.resolve(undefined),
    ]);
    const facts: AptFacts = { specs, dpkg, cacheAge: lists?.age, missingLists: lists?.missing, install: latest, autoremove };
    if (args.state === 'present') {
      const missing = specs.filter((s) => !satisfied(s, dpkg));
      // Only simulate when something is missing: a converged run costs one dpkg-query.
      if (missing.length) facts.install = await simulate(ctx, aptSimulateInstall(missing.map((s) => s.spec), o));
    }
    // apt refused (unknown package, no such version): an error now, unless a cache refresh that may fix it comes first.
    for (const sim of [facts.install, facts.autoremove]) {
      if (sim?.error && !(sim === facts.install && cacheNeedsRefresh(args, facts))) {
        const missing = args.updateCache ? [] : (await ctx.facts.get(aptListsFact)).missing;
        const hint = missing.length ? ` (the host has no package list for ${missing.join(', ')}: apt-get update never ran there; set updateCache)` : '';
        throw new TsibleError(`apt cannot do it: ${sim.error}${hint}`, { ...ctx.where, field: sim === facts.install ? 'name' : 'autoremove' });
      }
    }
    return facts;
  },
  plan(args, facts) {
    const o = commandOptions(args);
    const refresh: Step[] = cacheNeedsRefresh(args, facts)
      ? [{ kind: 'run', command: aptUpdate(o), options: APT_RUN_OPTIONS }, { kind: 'run', command: ['touch', UPDATE_STAMP] }]
      : [];
    const changes: Change[] = [];
    const { specs, dpkg } = facts;
    const sim = facts.install;
    if (args.state === 'present' || args.state === 'latest') {
      const todo = specs.filter((s) => {
        if (args.state === 'present' && satisfied(s, dpkg)) return false;
        if (!sim || sim.error) return true; // the cache is refreshed first: decide after it, apt-get install is a no-op if nothing is new
        return sim.actions.some((a) => samePackage(a.name, s)); // a virtual name already provided has no Inst line
      });
      if (todo.length) {
        changes.push({ summary: installSummary(todo, dpkg, sim, refresh.length > 0), steps: [...refresh, run(aptInstall(todo.map((s) => s.spec), o))] });
      } else if (args.state === 'latest' && refresh.length) {
        changes.push({
          summary: `apt cache refreshed${refreshReason(facts)}; ${specs.map((s) => s.name).join(', ')} upgraded if a newer version appears`,
          steps: [...refresh, run(aptInstall(specs.map((s) => s.spec), o))],
        });
      }
    } else {
      const todo = specs.filter((s) => packagesOf(s, dpkg).some((p) => INSTALLED_STATES.has(p.state) || (args.purge && p.state === 'config-files')));
      if (todo.length) {
        const verb = args.purge ? 'purge' : 'remove';
        const what = todo.map((s) => `${s.spec} ${installedVersion(s, dpkg) ?? '(config files)'}`.trim());
        changes.push({ summary: `${verb} ${what.join(', ')}${args.autoremove ? ' (and dependencies nothing else needs)' : ''}`, steps: [run(aptRemove(todo.map(specName), o))] });
      }
    }
    if (!specs.length && refresh.length) changes.push({ summary: `apt cache refreshed${refreshReason(facts)}`, steps: refresh });
    const orphans = facts.autoremove?.actions.filter((a) => a.action === 'remove' || a.action === 'purge') ?? [];
    if (orphans.length) {
      changes.push({ summary: `autoremove ${orphans.map((a) => `${a.name} ${a.from ?? ''}`.trim()).join(', ')}`, steps: [run(aptAutoremove(o))] });
    }
    return changes;
  },
  output(args, facts) {
    return {
      name: facts.specs.map((s) => s.spec),
      state: args.state,
      // dpkg's versions as gathered, before this task's changes (null: not installed).
      versionsBefore: Object.fromEntries(facts.specs.map((s) => [s.name, installedVersion(s, facts.dpkg) ?? null])),
      ...(facts.cacheAge !== undefined ? { cacheAge: facts.cacheAge } : {}),
    };
  },
});

/** `hello=2.10*` → name hello, version 2.10*; `libc6:i386` → arch i386. */
export function parseSpec(spec: string): PackageSpec {
  const m = SPEC.exec(spec);
  if (!m) throw new FactError(`not a package spec: ${spec}`);
  return { spec, name: m[1]!, ...(m[2] ? { arch: m[2] } : {}), ...(m[3] ? { version: m[3] } : {}) };
}

function specName(s: PackageSpec): string {
  return s.arch ? `${s.name}:${s.arch}` : s.name;
}

function packagesOf(s: PackageSpec, dpkg: DpkgStatus): DpkgPackage[] {
  return (dpkg[s.name] ?? []).filter((p) => !s.arch || p.arch === s.arch || p.arch === 'all');
}

function installedVersion(s: PackageSpec, dpkg: DpkgStatus): string | undefined {
  return packagesOf(s, dpkg).find((p) => INSTALLED_STATES.has(p.state) || p.state === 'config-files')?.version || undefined;
}

/** Installed and configured, at a version matching the pin if any. */
function satisfied(s: PackageSpec, dpkg: DpkgStatus): boolean {
  return packagesOf(s, dpkg).some((p) => p.state === 'installed' && (!s.version || versionGlob(s.version).test(p.version)));
}

/** apt's version pins are globs: `2.10*`, `1.?-3`. */
function versionGlob(pattern: string): RegExp {
  return new RegExp(`^${pattern.replace(/[.+^$()|[\]{}\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
}

function samePackage(aptName: string, s: PackageSpec): boolean {
  const [name, arch] = aptName.split(':');
  return name === s.name && (!s.arch || !arch || arch === s.arch);
}

/**
 * With updateCache: refresh when the lists are older than cacheValidTime, when a configured source has no list at all
 * (a fresh image: its empty lists folder is new, so its mtime says "fresh"), or when the lists do not know a requested
 * package or version (refresh once, then decide: apt-get install after the refresh fails clearly if it is still unknown).
 */
export function cacheNeedsRefresh(args: AptArgs, facts: Pick<AptFacts, 'cacheAge' | 'missingLists' | 'install'>): boolean {
  if (!args.updateCache) return false;
  if (facts.missingLists?.length || facts.install?.error) return true;
  const valid = args.cacheValidTime ?? 0;
  return valid <= 0 || facts.cacheAge === undefined || facts.cacheAge > valid;
}

function refreshReason(facts: Pick<AptFacts, 'cacheAge' | 'missingLists' | 'install'>): string {
  if (facts.missingLists?.length) return ` (no package list for ${facts.missingLists.join(', ')})`;
  if (facts.install?.error) return ` (the lists did not know it: ${facts.install.error})`;
  if (facts.cacheAge === undefined) return '';
  return facts.cacheAge >= 3600 ? ` (was ${Math.round(facts.cacheAge / 3600)} h old)` : ` (was ${facts.cacheAge} s old)`;
}

function installSummary(todo: PackageSpec[], dpkg: DpkgStatus, sim: AptSimulation | undefined, refresh: boolean): string {
  const named = todo.map((s) => {
    const act = sim?.actions.find((a) => samePackage(a.name, s));
    const from = installedVersion(s, dpkg);
    if (act?.action === 'configure') return `${s.name} ${act.to} (unpacked, to configure)`;
    if (act?.to && from && from !== act.to) return `${s.name} ${from} → ${act.to}`;
    if (act?.to) return `${s.name} ${act.to}`;
    return s.spec;
  });
  const deps = (sim?.actions ?? []).filter((a) => !todo.some((s) => samePackage(a.name, s)));
  const shown = deps.slice(0, MAX_LISTED).map(describeAction).join(', ');
  const more = deps.length > MAX_LISTED ? ` and ${deps.length - MAX_LISTED} more` : '';
  const depText = deps.length ? ` (+ ${deps.length} other package${deps.length > 1 ? 's' : ''}: ${shown}${more})` : '';
  return `${refresh ? 'apt cache refreshed, then ' : ''}install ${named.join(', ')}${depText}`;
}

function describeAction(a: SimulatedAction): string {
  if (a.action === 'remove' || a.action === 'purge') return `${a.action} ${a.name}`;
  if (a.action === 'configure') return `configure ${a.name}`;
  return a.from && a.from !== a.to ? `${a.name} ${a.from} → ${a.to}` : `${a.name} ${a.to ?? ''}`.trim();
}

function run(command: Command): Step {
  return { kind: 'run', command, options: APT_RUN_OPTIONS };
}

function commandOptions(args: AptArgs): AptCommandOptions {
  return {
    lockTimeout: args.lockTimeout ?? 120, installRecommends: args.installRecommends, allowDowngrade: args.allowDowngrade,
    purge: args.purge, autoremove: args.autoremove,
  };
}

async function simulate(ctx: ModuleContext, command: Command): Promise<AptSimulation> {
  return parseAptSimulation(await ctx.run(command));
}
