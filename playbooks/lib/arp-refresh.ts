// Gratuitous ARP for the floating addresses a node holds, every second, run by Heartbeat (ha.cf respawn): neighbours follow a move at once.
import type { HostVars, Task } from '../../core/index.ts';
import { apt, template } from '../../modules/index.ts';
import type { FloatingAddress } from './floating-ip.ts';
import { respawnedScriptHandler } from './heartbeat-tasks.ts';
import { pickNumber } from './tutorial-vars.ts';

/** Where the announcer lives. */
export const ARP_REFRESH_PATH = '/usr/local/sbin/vip-arp-refresh';

/** Name of the handler that replaces a running announcer after its script changed. */
export const RESTART_ARP_REFRESH = 'restart vip-arp-refresh';

/** A floating address and the interface it lives on (the announcer needs no prefix). */
export type AnnouncedAddress = Pick<FloatingAddress, 'address' | 'iface'>;

/** Seconds between two announcements (`ha_arp_refresh`, default 1; 0 turns the announcer off). */
function interval(v: HostVars): number {
  return pickNumber(v, 'ha_arp_refresh', 1);
}

/** ha.cf's respawn line for the announcer, none when it is off. As hacluster: Debian's arping has the raw-socket capability itself. */
export function arpRefreshRespawn(v: HostVars): string[] {
  return interval(v) > 0 ? [`hacluster ${ARP_REFRESH_PATH}`] : [];
}

/**
 * Heartbeat sends gratuitous ARP only when it takes an address. After a split brain heals, the node that kept the
 * addresses never announces them again, so the neighbours keep sending to the MAC of the node that let them go
 * until their ARP entries go stale. The announcer repeats the gratuitous ARP for every floating address this node
 * holds (as keepalived's vrrp_garp_master_refresh does). Heartbeat runs it and stops it with itself.
 * Run before Heartbeat's (re)start: ha.cf names the script.
 */
export function arpRefreshTasks(addresses: (v: HostVars) => AnnouncedAddress[]): Task[] {
  const when = (v: HostVars) => interval(v) > 0;
  return [
    apt({ name: ['iputils-arping'], state: 'present', updateCache: true, cacheValidTime: 3600, installRecommends: false }, { name: 'arping is installed', when }),
    template((v) => ({
      src: 'vip-arp-refresh.ejs', dest: ARP_REFRESH_PATH, mode: '0755', owner: 'root', group: 'root',
      vars: { addresses: addresses(v), interval: interval(v) },
    }), { name: 'The floating addresses\' gratuitous-ARP announcer Heartbeat runs', notify: RESTART_ARP_REFRESH, when }),
  ];
}

/** The announcer's handler: Heartbeat replaces the running copy with the new script. */
export function arpRefreshHandlers(): Task[] {
  return [respawnedScriptHandler(RESTART_ARP_REFRESH, ARP_REFRESH_PATH)];
}
