// IPVS's connection-sync daemons, live: read (`ipvsadm -L --daemon`), compared with DAEMON/IFACE/SYNCID, started or stopped to match.
import { toShell, type Command } from '../../core/quote.ts';
import { defaultsSetting, type IpvsadmDefaults } from './defaults-file.ts';

/** One running sync daemon. */
export interface SyncDaemon {
  role: 'master' | 'backup';
  iface: string;
  syncid: number;
}

/**
 * Parses `ipvsadm -L --daemon`: one line per running daemon, e.g.
 * `master sync daemon (mcast=enp0s3, syncid=0)` (ipvsadm 1.31 adds maxlen, group, port, ttl after syncid).
 */
export function parseSyncDaemons(text: string): SyncDaemon[] {
  const out: SyncDaemon[] = [];
  for (const line of text.split('\n')) {
    const m = /^(master|backup) sync daemon \(mcast=([^,)\s]+), syncid=(\d+)/.exec(line.trim());
    if (m) out.push({ role: m[1] as SyncDaemon['role'], iface: m[2]!, syncid: Number(m[3]) });
  }
  return out;
}

/**
 * The daemons the defaults ask for: DAEMON none/master/backup/both on IFACE with SYNCID, as Debian's init script
 * starts them. Settings the task does not give are read from the defaults file's text as it will be (the init
 * script's own defaults: IFACE eth0, SYNCID 0). Undefined when the task does not set DAEMON (daemons left alone).
 */
export function wantedSyncDaemons(d: IpvsadmDefaults, fileAfter: string): SyncDaemon[] | undefined {
  if (d.daemon === undefined) return undefined;
  const iface = d.iface ?? defaultsSetting(fileAfter, 'IFACE') ?? 'eth0';
  const syncid = d.syncid ?? Number(defaultsSetting(fileAfter, 'SYNCID') ?? 0);
  const roles: SyncDaemon['role'][] = d.daemon === 'both' ? ['master', 'backup'] : d.daemon === 'none' ? [] : [d.daemon];
  return roles.map((role) => ({ role, iface, syncid }));
}

/** The commands that turn the running daemons into the wanted ones: stop what differs or is not wanted, start what is missing. */
export function syncDaemonCommands(running: SyncDaemon[], wanted: SyncDaemon[]): { summary: string[]; commands: Command[] } {
  const same = (a: SyncDaemon, b: SyncDaemon) => a.role === b.role && a.iface === b.iface && a.syncid === b.syncid;
  const summary: string[] = [];
  const commands: Command[] = [];
  for (const r of running) {
    if (wanted.some((w) => same(w, r))) continue;
    summary.push(`stop the ${r.role} sync daemon (${r.iface}, syncid ${r.syncid})`);
    commands.push(ipvsadmCommand(['--stop-daemon', r.role]));
  }
  for (const w of wanted) {
    if (running.some((r) => same(w, r))) continue;
    summary.push(`start the ${w.role} sync daemon (${w.iface}, syncid ${w.syncid})`);
    commands.push(ipvsadmCommand(['--start-daemon', w.role, '--mcast-interface', w.iface, '--syncid', String(w.syncid)]));
  }
  return { summary, commands };
}

/** `ipvsadm ARGS` with the sbin folders on PATH (a non-login shell over SSH may lack them). */
function ipvsadmCommand(args: string[]): Command {
  return { shell: `PATH="$PATH:/usr/sbin:/sbin" ${toShell(['ipvsadm', ...args])}` };
}
