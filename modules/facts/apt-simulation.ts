// What `apt-get -s` (simulation: read-only, no lock, no download) says apt would do: the Inst/Remv/Purg lines.

/** One package apt would touch. */
export interface SimulatedAction {
  /** upgrade means another version (apt prints no direction; a downgrade shows as upgrade with the lower `to`). */
  action: 'install' | 'upgrade' | 'reinstall' | 'remove' | 'purge' | 'configure';
  /** Package name as apt prints it (`libc6` or `libc6:i386` for a foreign architecture). */
  name: string;
  /** Installed version before, if any. */
  from?: string;
  /** Version after (install/upgrade). */
  to?: string;
}

/** The result of one simulation: the actions, or apt's error when it refused (exit ≠ 0, e.g. "Unable to locate package"). */
export interface AptSimulation {
  actions: SimulatedAction[];
  error?: string;
}

/**
 * Parses `apt-get -s` output: `Inst hello (2.10-3 Debian:12.15/oldstable [amd64])`,
 * `Inst foo [1.0] (1.1 …)` (upgrade), `Remv foo [1.0]`, `Purg foo [1.0]`; a `Conf` line without an Inst line is a
 * package left unpacked by an interrupted install, that apt would configure.
 */
export function parseAptSimulation(result: { code: number | null; stdout: string; stderr: string }): AptSimulation {
  if (result.code !== 0) {
    const errors = `${result.stderr}\n${result.stdout}`.split('\n').filter((l) => /^E: /.test(l)).map((l) => l.slice(3).trim());
    return { actions: [], error: errors.join('; ') || result.stderr.trim() || `apt-get -s exited ${result.code}` };
  }
  const actions: SimulatedAction[] = [];
  const configure: SimulatedAction[] = [];
  for (const line of result.stdout.split('\n')) {
    // Conf of a package not installed here: it is unpacked but not configured (an interrupted install).
    const conf = /^Conf (\S+) \((\S+)/.exec(line);
    if (conf) {
      if (!actions.some((a) => a.name === conf[1] && a.action !== 'remove' && a.action !== 'purge')) configure.push({ action: 'configure', name: conf[1]!, to: conf[2]! });
      continue;
    }
    let m = /^Inst (\S+) (?:\[([^\]]*)\] )?\((\S+)/.exec(line);
    if (m) {
      const [, name, from, to] = m;
      actions.push({ action: !from ? 'install' : from === to ? 'reinstall' : 'upgrade', name: name!, ...(from ? { from } : {}), to: to! });
      continue;
    }
    m = /^(Remv|Purg) (\S+)(?: \[([^\]]*)\])?/.exec(line);
    if (m) actions.push({ action: m[1] === 'Remv' ? 'remove' : 'purge', name: m[2]!, ...(m[3] ? { from: m[3] } : {}) });
  }
  return { actions: [...actions, ...configure] };
}
