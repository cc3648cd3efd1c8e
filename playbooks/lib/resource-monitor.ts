// Chapter I's resource monitor: a watchdog Heartbeat runs (ha.cf respawn) that hands the resources to the peer when Apache stops answering.
import type { HostVars, Task } from '../../core/index.ts';
import { template } from '../../modules/index.ts';
import { respawnedScriptHandler } from './heartbeat-tasks.ts';
import { pickNumber, pickOn } from './tutorial-vars.ts';

/** Where the watchdog lives. */
export const WATCH_PATH = '/usr/local/sbin/apache-watch';

/** Name of the handler that replaces a running watchdog after its script changed (Heartbeat respawns it). */
export const RESTART_WATCH = 'restart apache-watch';

/** True unless the inventory turns the watchdog off (`ha_resource_monitor=false`). */
export function resourceMonitored(v: HostVars): boolean {
  return pickOn(v, 'ha_resource_monitor');
}

/**
 * ha.cf's respawn line for the watchdog (none when it is off). Heartbeat starts it, restarts it if it dies, stops it
 * with itself. As root: hb_standby talks to Heartbeat through /var/lib/heartbeat/fifo, which only root may write
 * (as hacluster, hb_standby logs "Going standby" and nothing happens: seen on the lab).
 */
export function resourceMonitorRespawn(v: HostVars): string[] {
  return resourceMonitored(v) ? [`root ${WATCH_PATH}`] : [];
}

/**
 * Heartbeat v1 (haresources) watches nodes, not resources: stopping Apache on the active node, the document's own
 * test, moves nothing. The smallest monitor Heartbeat v1 clusters used is a watchdog calling Heartbeat's own
 * `hb_standby` (what mon's heartbeat alerts did). Heartbeat itself runs it (ha.cf's `respawn`, the way Heartbeat runs
 * ipfail), so it lives exactly as long as Heartbeat: no watchdog acts on a node whose Heartbeat
 * is stopped. It acts only where this node holds `vip` and Heartbeat is not moving resources, starting
 * `ha_monitor_settle` rounds after they settled; every `ha_monitor_interval` s it asks Apache on 127.0.0.1 for a
 * page, and after `ha_monitor_failures` failures in a row it hands every resource to the peer.
 * Run before Heartbeat's (re)start: ha.cf names the script.
 */
export function resourceMonitorTasks(vip: (v: HostVars) => string): Task[] {
  return [
    template((v) => ({
      src: 'apache-watch.ejs', dest: WATCH_PATH, mode: '0755', owner: 'root', group: 'root',
      vars: {
        vip: vip(v), port: pickNumber(v, 'vip_port', 80), interval: pickNumber(v, 'ha_monitor_interval', 1),
        failures: pickNumber(v, 'ha_monitor_failures', 2), settle: pickNumber(v, 'ha_monitor_settle', 3),
      },
    }), { name: 'The Apache watchdog Heartbeat runs (hb_standby when Apache stops answering where the VIP is)', notify: RESTART_WATCH, when: resourceMonitored }),
  ];
}

/** The watchdog's handler: Heartbeat replaces the running copy with the new script. */
export function resourceMonitorHandlers(): Task[] {
  return [respawnedScriptHandler(RESTART_WATCH, WATCH_PATH)];
}
