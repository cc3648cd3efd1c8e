// Chapter IV's connection sync: IPVS's sync daemons, master on the active balancer (Heartbeat's ipvsadm start), backup on every balancer.
import type { HostVars, Task } from '../../core/index.ts';
import { service, template } from '../../modules/index.ts';
import { pick, pickNumber, publicIface } from './tutorial-vars.ts';

/** The sync daemon setting of /etc/default/ipvsadm for chapter IV: the document's `master` unless the inventory says otherwise. */
export function syncDaemon(v: HostVars): string {
  return String(pick(v, 'lvs_sync_daemon', 'master'));
}

/** True when the pair syncs connections (DAEMON master or both). */
export function syncing(v: HostVars): boolean {
  return ['master', 'both'].includes(syncDaemon(v));
}

/** The sync interface: `lvs_sync_iface`, else /etc/default/ipvsadm's IFACE (the document's enp0s3). */
export function syncIface(v: HostVars): string {
  return String(pick(v, 'lvs_sync_iface', publicIface(v)));
}

/**
 * The document sets DAEMON="master" and never starts a backup: the master's messages then reach no one.
 * A backup daemon runs on both balancers at all times (a systemd unit); the master runs where Heartbeat
 * started ipvsadm. After a failover the new active balancer already knows the established connections.
 */
export function connectionSyncTasks(): Task[] {
  return [
    template((v) => ({
      src: 'ipvs-sync-backup.service.ejs', dest: '/etc/systemd/system/ipvs-sync-backup.service', mode: '0644', owner: 'root', group: 'root',
      vars: { iface: syncIface(v), syncid: pickNumber(v, 'lvs_sync_id', 0) },
    }), { name: 'The backup connection-sync daemon\'s unit', when: syncing }),
    service({ name: 'ipvs-sync-backup', state: 'started', enabled: true }, { name: 'The backup connection-sync daemon runs on every balancer', when: syncing }),
  ];
}
