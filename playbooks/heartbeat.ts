// Chapter I — Heartbeat: DebianWeb1 and DebianWeb2 share the floating address 192.168.56.10 and Apache moves with it.
//   tsible play playbooks/heartbeat.ts -i inventory/chapter1.ini
// The Heartbeat key: inventory/vault variable heartbeat_authkey (a Secret), else $TSIBLE_HEARTBEAT_AUTHKEY.
//
// Where the document is wrong, this playbook does the right thing:
// - authkeys: the document writes `auth1` (Heartbeat needs `auth 1`) and an md5 password in clear; here
//   sha1 (the strongest Heartbeat 3 accepts), mode 0600 from the first byte, the key from a secret.
// - haresources: the interface goes inside the IPaddr argument (`IPaddr::192.168.56.10/24/enp0s3`), so
//   the address lands on the right NIC with the right prefix.
// - apache2 is a Heartbeat resource: it is disabled at boot and stopped on the node that does not hold
//   the address; Heartbeat starts it with the address. (The document disables it but never says the
//   standby must not run it.)
// - The document's failover test stops apache2 on DebianWeb1. Heartbeat v1 (haresources mode) does not
//   monitor resources, so that alone would NOT move the address. Added: the smallest resource monitor
//   Heartbeat v1 clusters used, a watchdog (/usr/local/sbin/apache-watch) that Heartbeat itself runs (one
//   `respawn` line in ha.cf) and that runs Heartbeat's own hb_standby when Apache stops answering on the node
//   holding the address, so the document's test works (ha_resource_monitor=false: without it).
// - Heartbeat announces the address (gratuitous ARP) only when it takes it; after a split brain heals, the
//   neighbours keep the MAC of the node that gave it up. Heartbeat also runs an announcer (vip-arp-refresh) that
//   repeats the announcement every second where the address is (ha_arp_refresh=0: without it).
// - A node whose cables were cut keeps the address (no one to hand it to) while its peer takes it over; when the
//   cables come back both hold it and Heartbeat v1 gives everything up on both nodes and restarts (about 20 s with no
//   answer, measured on the lab). An isolation guard (the idea of Heartbeat's ipfail) stops Heartbeat on a node that
//   reaches neither its ping nodes (`heartbeat_ping_nodes`, else its default gateway) nor its peer for 3 s, and
//   starts it again when one answers: the node gives the address up while cut off and rejoins as a newcomer.
import { playbook } from '../core/index.ts';
import type { HostVars } from '../core/index.ts';
import { apt, hostname, lineinfile, service, template } from '../modules/index.ts';
import { heartbeatConfigTasks, heartbeatHandlers, heartbeatRunTasks, ipaddrResource, readAddresses } from './lib/heartbeat-tasks.ts';
import { isolationGuardHandlers, isolationGuardTasks, pingNodes } from './lib/isolation-guard.ts';
import { arpRefreshHandlers, arpRefreshRespawn, arpRefreshTasks } from './lib/arp-refresh.ts';
import { resourceMonitorHandlers, resourceMonitorRespawn, resourceMonitorTasks } from './lib/resource-monitor.ts';
import { TUTORIAL, hostAddress, haNodes, holdsAddress, pick, pickNumber, publicIface } from './lib/tutorial-vars.ts';

const GROUP = 'webservers';

const vip = (v: HostVars): string => pick(v, 'vip', TUTORIAL.vip);

const ha = {
  group: GROUP,
  resources: (v: HostVars) => [ipaddrResource(vip(v), pickNumber(v, 'vip_prefix', TUTORIAL.vipPrefix), publicIface(v)), 'apache2'],
  floating: (v: HostVars) => [vip(v)],
  respawn: (v: HostVars) => [...resourceMonitorRespawn(v), ...arpRefreshRespawn(v)],
};

/** The default gateway (the document's router, 192.168.56.254): the ping node when heartbeat_ping_nodes names none. */
function defaultGateway(v: HostVars): string[] {
  const gateway = (v.ansible_default_ipv4 as { gateway?: unknown } | undefined)?.gateway;
  return typeof gateway === 'string' && gateway ? [gateway] : [];
}

/** The peer nodes' addresses. */
function peerAddresses(v: HostVars): string[] {
  return haNodes(v, GROUP).filter((n) => n !== v.inventory_hostname).map((n) => hostAddress(v, n));
}

/** `DebianWeb1` → `Debian Web 1`: the document's page titles. */
function pageTitle(v: HostVars): string {
  const name = String(v.inventory_hostname);
  return String(v.page_title ?? name.replace(/^DebianWeb(\d+)$/i, 'Debian Web $1'));
}

/** Escapes a host name for a regular expression. */
function reEscape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export default playbook({
  name: 'Heartbeat pair serving Apache on a floating address',
  hosts: GROUP,
  // The default gateway (ansible_default_ipv4) is the isolation guard's ping node when heartbeat_ping_nodes names none.
  gatherFacts: true,
  tasks: [
    // Heartbeat names nodes by `uname -n`: the hostname must be the inventory name.
    hostname((v) => ({ name: String(v.inventory_hostname) }), { name: 'The hostname is the node name' }),
    lineinfile((v) => ({
      path: '/etc/hosts', regexp: `^\\S+\\s+${reEscape(String(v.item))}(\\s|$)`, line: `${hostAddress(v, String(v.item))} ${String(v.item)}`,
    }), { name: '/etc/hosts names the peer', loop: (v) => haNodes(v, GROUP).filter((n) => n !== v.inventory_hostname) }),
    apt({ name: ['apache2'], state: 'present', updateCache: true, cacheValidTime: 3600 }, { name: 'Apache is installed' }),
    template((v) => ({
      src: 'index.html.ejs', dest: '/var/www/html/index.html', mode: '0644', owner: 'root', group: 'root', htmlEscape: true,
      vars: { title: pageTitle(v), host: String(v.inventory_hostname) },
    }), { name: 'The default page names this server' }),
    ...resourceMonitorTasks(vip),
    ...arpRefreshTasks((v) => [{ address: vip(v), iface: publicIface(v) }]),
    ...heartbeatConfigTasks(ha),
    service({ name: 'apache2', enabled: false }, { name: 'Apache does not start at boot (Heartbeat starts it)' }),
    readAddresses('ha_before'),
    // Where Heartbeat holds the address, Apache is its resource and keeps running.
    service({ name: 'apache2', state: 'stopped' }, {
      name: 'Apache is stopped where Heartbeat does not hold the address',
      when: (v) => !holdsAddress(v.ha_before, vip(v)),
    }),
    ...heartbeatRunTasks(ha),
    ...isolationGuardTasks((v) => [{ label: 'the router', targets: pingNodes(v, defaultGateway), peers: peerAddresses(v) }]),
  ],
  handlers: [...heartbeatHandlers(), ...resourceMonitorHandlers(), ...arpRefreshHandlers(), ...isolationGuardHandlers()],
});
