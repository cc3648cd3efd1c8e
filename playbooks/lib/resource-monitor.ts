// Chapter I's resource monitor: a watchdog that runs hb_standby when Apache stops answering on the node holding the VIP.
import type { HostVars, Task } from '../../core/index.ts';
import { service, template } from '../../modules/index.ts';
import { pickNumber } from './tutorial-vars.ts';

/** Name of the handler that restarts the watchdog after its script changed. */
export const RESTART_WATCH = 'restart apache-watch';

/** True unless the inventory turns the watchdog off (`ha_resource_monitor=false`). */
export function resourceMonitored(v: HostVars): boolean {
  return !['false', 'no', 'off', '0'].includes(String(v.ha_resource_monitor ?? 'true').toLowerCase());
}

/**
 * Heartbeat v1 (haresources) watches nodes, not resources: stopping Apache on the active node, the document's own
 * test, moves nothing. The smallest monitor Heartbeat v1 clusters used is a watchdog calling Heartbeat's own
 * `hb_standby` (what mon's heartbeat alerts did): every `interval` s it checks Apache on 127.0.0.1 where this node
 * holds `vip`, and after `failures` failed checks in a row it hands every resource to the peer. A systemd service
 * on both nodes (it acts only where the address is).
 */
export function resourceMonitorTasks(vip: (v: HostVars) => string): Task[] {
  const when = resourceMonitored;
  return [
    template((v) => ({
      src: 'apache-watch.ejs', dest: '/usr/local/sbin/apache-watch', mode: '0755', owner: 'root', group: 'root',
      vars: { vip: vip(v), port: pickNumber(v, 'vip_port', 80), interval: pickNumber(v, 'ha_monitor_interval', 1), failures: pickNumber(v, 'ha_monitor_failures', 2) },
    }), { name: 'The Apache watchdog (hb_standby when Apache stops answering where the VIP is)', notify: RESTART_WATCH, when }),
    template({ src: 'apache-watch.service.ejs', dest: '/etc/systemd/system/apache-watch.service', mode: '0644', owner: 'root', group: 'root' },
      { name: 'Its systemd unit', when }),
    service({ name: 'apache-watch', state: 'started', enabled: true }, { name: 'The Apache watchdog runs and starts at boot', when }),
  ];
}

/** The watchdog's restart handler. */
export function resourceMonitorHandlers(): Task[] {
  return [service({ name: 'apache-watch', state: 'restarted' }, { name: RESTART_WATCH })];
}
