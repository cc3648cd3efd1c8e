// Gratuitous ARP for the floating addresses a node holds, every second: neighbours follow a failover or a healed split brain at once.
import type { HostVars, Task } from '../../core/index.ts';
import { apt, service, template } from '../../modules/index.ts';
import { pickNumber } from './tutorial-vars.ts';

/** Name of the handler that restarts the announcer after its script changed. */
export const RESTART_ARP_REFRESH = 'restart vip-arp-refresh';

/** A floating address and the interface it lives on. */
export interface FloatingAddress {
  address: string;
  iface: string;
}

/**
 * Heartbeat sends gratuitous ARP only when it takes an address. After a split brain heals, Heartbeat makes the
 * node that took the addresses during the cut give them up; the node that kept them never announces them again,
 * so the control machine and the web servers keep sending to the MAC of the node that let go, until their ARP
 * entries go stale (measured: 7-37 s without an answer). The announcer repeats the gratuitous ARP every second
 * (`ha_arp_refresh` seconds; 0 turns it off), as keepalived's vrrp_garp_master_refresh does.
 */
export function arpRefreshTasks(addresses: (v: HostVars) => FloatingAddress[]): Task[] {
  const when = (v: HostVars) => pickNumber(v, 'ha_arp_refresh', 1) > 0;
  return [
    apt({ name: ['iputils-arping'], state: 'present', updateCache: true, cacheValidTime: 3600, installRecommends: false }, { name: 'arping is installed', when }),
    template((v) => ({
      src: 'vip-arp-refresh.ejs', dest: '/usr/local/sbin/vip-arp-refresh', mode: '0755', owner: 'root', group: 'root',
      vars: { addresses: addresses(v), interval: pickNumber(v, 'ha_arp_refresh', 1) },
    }), { name: 'The floating addresses\' gratuitous-ARP announcer', notify: RESTART_ARP_REFRESH, when }),
    template({ src: 'vip-arp-refresh.service.ejs', dest: '/etc/systemd/system/vip-arp-refresh.service', mode: '0644', owner: 'root', group: 'root' },
      { name: 'Its systemd unit', when }),
    service({ name: 'vip-arp-refresh', state: 'started', enabled: true }, { name: 'The announcer runs and starts at boot', when }),
  ];
}

/** The announcer's restart handler. */
export function arpRefreshHandlers(): Task[] {
  return [service({ name: 'vip-arp-refresh', state: 'restarted' }, { name: RESTART_ARP_REFRESH })];
}
