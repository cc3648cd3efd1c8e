// The LVS (ipvsadm) balancer tasks shared by chapters II-IV: routing, the package, its two files and the live table.
import type { HostVars, Task, TaskOptions } from '../../core/index.ts';
import { apt, ipvsadm, ldirectord, service, sysctl, type IpvsServiceArgs, type IpvsadmDefaults } from '../../modules/index.ts';
import { loadWeightsOn, pickNumber, pickOn, publicIface, virtualService, type VirtualService } from './tutorial-vars.ts';

/** How the balancer's virtual service is chosen for a chapter. */
export interface LvsOptions {
  /** Scheduler when the inventory sets no `lvs_scheduler`: rr (II, III), wrr (IV). */
  scheduler: string;
  /** Weights per real server when the inventory sets no `lvs_weight` (IV: web1 3, web2 1, web3 1). */
  weights?: Record<string, number>;
  /** DAEMON when the inventory sets no `lvs_sync_daemon`: none (one balancer, II and III), both (the pair, IV). */
  syncDaemon?: NonNullable<IpvsadmDefaults['daemon']>;
}

/** The virtual service for this chapter and host. */
export function rulesOf(v: HostVars, o: LvsOptions): VirtualService {
  return virtualService(v, { scheduler: o.scheduler, weights: o.weights });
}

/** The ipvsadm module's declaration of `vs`: TCP, NAT forwarding (-m, LVS-NAT) to every real server. */
export function ipvsServices(vs: VirtualService): IpvsServiceArgs[] {
  return [{
    protocol: 'tcp', address: vs.address, port: vs.port, scheduler: vs.scheduler,
    ...(vs.persistent > 0 ? { persistent: vs.persistent } : {}),
    realServers: vs.realServers.map((r) => ({ address: r.address, port: r.port, forwarding: 'masq' as const, weight: r.weight })),
  }];
}

/** Routing on (live and persistent) and the ipvsadm package. */
export function lvsBaseTasks(): Task[] {
  return [
    // The document edits /etc/sysctl.conf and says to reboot; the module sets the live value too.
    sysctl({ name: 'net.ipv4.ip_forward', value: '1', sysctlFile: '/etc/sysctl.conf' }, { name: 'The balancer routes between its networks' }),
    apt({ name: ['ipvsadm'], state: 'present', updateCache: true, cacheValidTime: 3600 }, { name: 'ipvsadm is installed' }),
  ];
}

/**
 * /etc/ipvsadm.rules and /etc/default/ipvsadm, and (when `live` says so) the live IPVS table.
 * The document writes every rules line as `ipvsadm -A …`: Debian's init script feeds the file to
 * `ipvsadm -R` (ipvsadm-restore), which takes `-A …` lines and rejects a leading `ipvsadm`. The module
 * writes `ipvsadm -Sn` lines. The document sets DAEMON="master": that starts IPVS's connection-sync
 * daemon, which only serves a peer running DAEMON="backup"; a single balancer (II, III) has none, the pair (IV)
 * runs both on each balancer (`o.syncDaemon`; the inventory's `lvs_sync_daemon` wins).
 * AUTO="true": `ipvsadm start` (at boot, or by Heartbeat) clears the table and loads the rules.
 * The live table is edited in place (minimal -A/-E/-a/-e/-d batch, never a flush), so the other real
 * servers' connections survive a change (chapter III adds web3 this way). With load-aware weights on
 * (`lvs_load_weights`), the live weights are the daemon's (liveWeights: kept); the rules file keeps the declared ones.
 */
export function lvsRulesTask(o: LvsOptions, live: (v: HostVars) => boolean, options: TaskOptions): Task {
  return ipvsadm((v) => ({
    services: ipvsServices(weighted(v, rulesOf(v, o))),
    defaults: { auto: true, daemon: String(v.lvs_sync_daemon ?? o.syncDaemon ?? 'none') as IpvsadmDefaults['daemon'], iface: publicIface(v) },
    live: live(v),
    liveWeights: loadWeightsOn(v) ? 'kept' : 'declared',
  }), { ...options, notify: [...[options.notify ?? []].flat(), RELOAD_CHECKER] });
}

/**
 * Handler name: ldirectord re-reads the live table after the ipvsadm task edited it. Once ldirectord has taken a dead
 * server out, it acts again only when that server's state changes, so a run that put the server back (the rules name
 * it) would leave it receiving connections until it answered again. A reload makes ldirectord start over from the
 * table: what is there counts as up, and a dead server fails its next check and goes out again. Never a restart:
 * ldirectord's stop clears its virtual services (cleanstop), dropping every connection.
 */
export const RELOAD_CHECKER = 'ldirectord re-reads the live table';

/** Schedulers that ignore weights (other than 0): load-aware weights would change nothing with them. */
const UNWEIGHTED = ['rr', 'lc', 'dh'];

/** `vs`, refused with a clear error when load-aware weights are on and its scheduler ignores weights. */
export function weighted(v: HostVars, vs: VirtualService): VirtualService {
  if (loadWeightsOn(v) && UNWEIGHTED.includes(vs.scheduler)) {
    throw new Error(`lvs_load_weights needs a scheduler that uses weights (wrr, wlc, sed, ...): lvs_scheduler is ${vs.scheduler}, which ignores them`);
  }
  return vs;
}

/** True unless the inventory turns the real servers' health checks off (`lvs_health_check=false`). */
export function healthChecked(v: HostVars): boolean {
  return pickOn(v, 'lvs_health_check');
}

/**
 * The real servers' health checker: ldirectord (the Heartbeat family's own, a Debian package) checks each real
 * server over HTTP every `lvs_check_interval` s (default 1); one that does not answer within `lvs_check_timeout` s
 * (default 1) is removed from the live table, and added back when it answers again: the document's "traffic
 * redirected away from a failed web server", which its steps never build. While every server answers, the
 * table is exactly the rules file's. It runs as a boot service after ipvsadm, on every balancer (IV: on both,
 * each checking for its own table, as keepalived's directors do).
 */
export function checkerTasks(o: LvsOptions): Task[] {
  const when = (v: HostVars) => healthChecked(v);
  return [
    apt({ name: ['ldirectord'], state: 'present', updateCache: true, cacheValidTime: 3600, installRecommends: false }, { name: 'ldirectord (the real servers\' health checker) is installed', when }),
    ldirectord((v) => ({
      services: ipvsServices(rulesOf(v, o)),
      checkInterval: pickNumber(v, 'lvs_check_interval', 1),
      checkTimeout: pickNumber(v, 'lvs_check_timeout', 1),
    }), { name: 'ldirectord checks each real server over HTTP (/etc/ha.d/ldirectord.cf)', when }),
    service({ name: 'ldirectord', state: 'started', enabled: true }, { name: 'ldirectord runs and starts at boot', when }),
  ];
}

/** The checker's handler (RELOAD_CHECKER), for the plays that run lvsRulesTask. */
export function checkerHandlers(): Task[] {
  return [service({ name: 'ldirectord', state: 'reloaded' }, { name: RELOAD_CHECKER, when: healthChecked })];
}
