// Chapter IV — Heartbeat and load balancing: lb1/lb2 share both floating addresses and the LVS table, web1..3 behind them.
//   tsible play playbooks/lb-ha.ts -i inventory/chapter4.ini          (the tutorial's machines)
//   tsible play playbooks/lb-ha.ts -i /var/lib/tsible/lab/inventory.ini   (the lab: `tsible lab up chapter4`)
// The Heartbeat key: inventory/vault variable heartbeat_authkey (a Secret), else $TSIBLE_HEARTBEAT_AUTHKEY.
//
// Where the document is wrong, this playbook does the right thing:
// - haresources: the document's second line `lb1 IPaddr::192.168.200.250 enp0s8` makes Heartbeat run a
//   resource script named `enp0s8`. The interface belongs inside the IPaddr argument, and both addresses
//   and ipvsadm form ONE resource group on one line, so they move together:
//   `lb1 IPaddr::192.168.56.10/24/enp0s3 IPaddr::192.168.200.250/24/enp0s8 ipvsadm`.
// - authkeys: `auth 1` + sha1, mode 0600, key from a secret (the document: md5 and a password in clear).
// - ipvsadm.rules: `-A …` lines (ipvsadm -R form), not `ipvsadm -A …` lines.
// - ipvsadm is started by Heartbeat on the active balancer only (it loads the rules, AUTO="true"), never
//   at boot: a standby balancer holding the table too would answer for a VIP it does not own. The
//   document's check (`systemctl stop ipvsadm` then restart heartbeat) is this, by hand.
// - weights 3/1/1 with the wrr scheduler (the document's "3 charges pour web1 et une pour web2 et web3").
// Additions the document needs but never writes: ip_forward on both balancers live (not only after a
// reboot), the web servers' live default route through the internal floating address, and
// auto_failback on (lb1 takes the addresses back when it returns).
import { playbook } from '../core/index.ts';
import { service } from '../modules/index.ts';
import { heartbeatConfigTasks, heartbeatHandlers, heartbeatRunTasks, ipaddrResource, readAddresses } from './lib/heartbeat-tasks.ts';
import { lvsBaseTasks, lvsRulesTask, type LvsOptions } from './lib/lvs-tasks.ts';
import { TUTORIAL, holdsAddress, internalIface, pick, pickNumber, publicIface } from './lib/tutorial-vars.ts';
import { apacheTasks, gatewayTasks } from './lib/web-tasks.ts';

/** The document's weights: three shares for web1, one each for web2 and web3 (the inventory's lvs_weight wins). */
const lvs: LvsOptions = { scheduler: 'wrr', weights: { web1: 3, web2: 1, web3: 1 } };

const vip = (v: Record<string, unknown>): string => pick(v, 'vip', TUTORIAL.vip);
const internalVip = (v: Record<string, unknown>): string => pick(v, 'internal_vip', TUTORIAL.internalVip);

const ha = {
  group: 'balancers',
  resources: (v: Record<string, unknown>) => [
    ipaddrResource(vip(v), pickNumber(v, 'vip_prefix', TUTORIAL.vipPrefix), publicIface(v)),
    ipaddrResource(internalVip(v), pickNumber(v, 'internal_prefix', TUTORIAL.internalPrefix), internalIface(v)),
    'ipvsadm',
  ],
  floating: (v: Record<string, unknown>) => [vip(v), internalVip(v)],
  // Heartbeat runs `ipvsadm start` (clear, then load the rules) after the addresses: the live-table task
  // below must not edit the table in between.
  lastResource: {
    name: 'Heartbeat has started ipvsadm (the table holds the virtual service)',
    argv: ['ipvsadm', '-Sn'],
    started: (out: string, v: Record<string, unknown>) => out.split('\n').some((l) => l.startsWith(`-A -t ${vip(v)}:`)),
  },
};

export default playbook(
  {
    name: 'Web servers behind the balancer pair',
    hosts: 'webservers',
    tasks: [
      ...apacheTasks(),
      // The document: gateway 192.168.200.250, the internal floating address (whichever balancer is active).
      ...gatewayTasks(TUTORIAL.internalVip),
    ],
  },
  {
    name: 'Balancer pair: Heartbeat moves the addresses and the LVS table',
    hosts: 'balancers',
    tasks: [
      ...lvsBaseTasks(),
      lvsRulesTask(lvs, () => false, { name: 'Rules file and /etc/default/ipvsadm on both balancers (Heartbeat loads them)' }),
      service({ name: 'ipvsadm', enabled: false }, { name: 'ipvsadm does not start at boot (Heartbeat starts it)' }),
      ...heartbeatConfigTasks(ha),
      // Heartbeat runs `/etc/init.d/ipvsadm start`, which systemd turns into `systemctl start ipvsadm`: a
      // no-op while the unit is still "active (exited)" from the package's own start at install, and the
      // table then stays empty on the new active node (seen on the lab). Where this node does not hold the
      // address, the unit is stopped (AUTO="true": that also clears the table, as a standby's must be).
      readAddresses('ha_before'),
      service({ name: 'ipvsadm', state: 'stopped' }, {
        name: 'ipvsadm is stopped where Heartbeat does not hold the addresses',
        when: (v) => !holdsAddress(v.ha_before, vip(v)),
      }),
      ...heartbeatRunTasks(ha),
      // A later run with other weights or servers: edit the live table of the active balancer in place.
      readAddresses('ha_now'),
      lvsRulesTask(lvs, () => true, { name: 'The active balancer\'s live table equals the rules', when: (v) => holdsAddress(v.ha_now, vip(v)) }),
    ],
    handlers: heartbeatHandlers(),
  },
);
