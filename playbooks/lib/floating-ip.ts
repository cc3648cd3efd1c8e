// The FloatingIP Heartbeat resource (chapter IV): the floating addresses added, announced and removed by a few processes instead of IPaddr's hundred-odd.
import type { HostVars, Task } from '../../core/index.ts';
import { apt, template } from '../../modules/index.ts';

/** Where Heartbeat looks for resource scripts. */
export const FLOATING_IP_PATH = '/etc/ha.d/resource.d/FloatingIP';

/** A floating address: ADDRESS/PREFIX on IFACE. */
export interface FloatingAddress {
  address: string;
  prefix: number;
  iface: string;
}

/**
 * haresources' resource for all the group's addresses at once: `FloatingIP::A/24/enp0s3::B/24/enp0s8` (Heartbeat
 * splits the arguments at `::`). One resource, so a takeover runs one status and one start, not one of each per address.
 */
export function floatingIpResource(addresses: FloatingAddress[]): string {
  return ['FloatingIP', ...addresses.map((a) => `${a.address}/${a.prefix}/${a.iface}`)].join('::');
}

/**
 * The resource script and the arping it announces the addresses with. Heartbeat's IPaddr does the same through its OCF
 * agent: about a hundred processes per call, which on the lab's emulated balancers took 4.7 s for a status and 7.1 s for
 * a start (a takeover runs both for each address, one after the other): most of a 36 s failover. Heartbeat reads
 * the script at each call: no restart on a change.
 */
export function floatingIpTasks(): Task[] {
  return [
    apt({ name: ['iputils-arping'], state: 'present', updateCache: true, cacheValidTime: 3600, installRecommends: false }, { name: 'arping (gratuitous ARP at takeover) is installed' }),
    template({ src: 'FloatingIP.ejs', dest: FLOATING_IP_PATH, mode: '0755', owner: 'root', group: 'root' },
      { name: 'The FloatingIP resource script (what IPaddr does, with a few processes)' }),
  ];
}

