// Chapter IV — Heartbeat and load balancing: lb1/lb2 share both floating addresses and the LVS table, web1..3 behind them.
//   tsible play playbooks/lb-ha.ts -i inventory/chapter4.ini          (the tutorial's machines)
//   tsible play playbooks/lb-ha.ts -i /var/lib/tsible/lab/inventory.ini   (the lab: `tsible lab up chapter4`)
// The Heartbeat key: inventory/vault variable heartbeat_authkey (a Secret), else $TSIBLE_HEARTBEAT_AUTHKEY.
//
// Where the document is wrong, this playbook does the right thing:
// - haresources: the document's second line `lb1 IPaddr::192.168.200.250 enp0s8` makes Heartbeat run a
//   resource script named `enp0s8`. The interface belongs inside the address argument, and both addresses
//   form ONE resource group on one line, so they move together.
// - authkeys: `auth 1` + sha1, mode 0600, key from a secret (the document: md5 and a password in clear).
// - ipvsadm.rules: `-A …` lines (ipvsadm -R form), not `ipvsadm -A …` lines.
// - weights 3/1/1 with the wrr scheduler (the document's "3 charges pour web1 et une pour web2 et web3").
// Where it departs from the document on purpose, so that the pair keeps the service through a failover:
// - The IPVS table is loaded at boot on BOTH balancers (the document has Heartbeat start ipvsadm with the
//   addresses). A connection survives a failover only if the standby already knows it: the document's DAEMON
//   sync (here DAEMON="both" on each balancer: each sends its connections and receives its peer's) fills the
//   standby's table as connections open, and takeover is then only the two addresses (seconds faster under
//   emulation, and nothing cleared and reloaded). The standby's table receives nothing while the addresses are
//   on its peer: the clients reach the public address and the web servers route through the internal one.
//   This is how keepalived's and ldirectord's director pairs run. `ipvsadm` is no longer a Heartbeat resource.
// - ldirectord checks the web servers on both balancers (chapters II-III's health checks: a dead web server
//   leaves the table within seconds on whichever balancer is active).
// - The addresses are one FloatingIP resource, `lb1 FloatingIP::192.168.56.10/24/enp0s3::192.168.200.250/24/enp0s8`,
//   a 50-line script doing what IPaddr does (add, gratuitous ARP, remove) with one `ip` to read, one to change and
//   an arping per address: IPaddr's OCF agent runs about a hundred processes per call, and on the emulated balancers
//   its status and start took about 12 s per address (lib/floating-ip.ts).
// - ha-fast-takeover (lib/fast-takeover.ts), run by Heartbeat, follows Heartbeat's log and adds the addresses the moment
//   Heartbeat decides this balancer takes them (peer dead, peer's shutdown notice, peer's standby), instead of after
//   Heartbeat's own chain of resource scripts: 4.6 s for a takeover, 7 s for a failback on the emulated balancers.
// - An isolation guard (lib/isolation-guard.ts) stops Heartbeat on a balancer that reaches none of the web servers, or
//   neither the clients' side (`heartbeat_ping_nodes`, else the document's control machine 192.168.56.1) nor its peer
//   there, and starts it when they answer: a balancer whose cables were all cut gives the addresses up instead of holding
//   them until the cables come back, when Heartbeat v1 would make both balancers give everything up and restart (26 s
//   with no answer on the lab); one whose public cable alone was cut, still heard by its peer over the internal
//   network, gives them up too instead of keeping them out of the clients' reach until the cable is back.
// Additions the document needs but never writes: ip_forward on both balancers live (not only after a
// reboot), the web servers' live default route through the internal floating address, and
// auto_failback on (lb1 takes the addresses back when it returns).
import { playbook } from '../core/index.ts';
import type { HostVars } from '../core/index.ts';
import { service } from '../modules/index.ts';
import { fastTakeoverHandlers, fastTakeoverRespawn, fastTakeoverTasks } from './lib/fast-takeover.ts';
import { floatingIpResource, floatingIpTasks, type FloatingAddress } from './lib/floating-ip.ts';
import { heartbeatConfigTasks, heartbeatHandlers, heartbeatRunTasks } from './lib/heartbeat-tasks.ts';
import { isolationGuardHandlers, isolationGuardTasks, pingNodes } from './lib/isolation-guard.ts';
import { loadStatusHandlers, loadStatusTasks, loadWeightsHandlers, loadWeightsTasks } from './lib/load-weights.ts';
import { checkerHandlers, checkerTasks, lvsBaseTasks, lvsRulesTask, rulesOf, type LvsOptions } from './lib/lvs-tasks.ts';
import { TUTORIAL, haNodes, hostAddress, internalIface, pick, pickNumber, publicIface, sameSubnet } from './lib/tutorial-vars.ts';
import { apacheTasks, gatewayTasks } from './lib/web-tasks.ts';

/** The document's weights (three shares for web1, one each for web2 and web3; the inventory's lvs_weight wins); connection sync both ways. */
export const LVS: LvsOptions = { scheduler: 'wrr', weights: { web1: 3, web2: 1, web3: 1 }, syncDaemon: 'both' };

const vip = (v: HostVars): string => pick(v, 'vip', TUTORIAL.vip);
const internalVip = (v: HostVars): string => pick(v, 'internal_vip', TUTORIAL.internalVip);

/** The two floating addresses: the public one the clients use, the internal one the web servers route through. */
const floating = (v: HostVars): FloatingAddress[] => [
  { address: vip(v), prefix: pickNumber(v, 'vip_prefix', TUTORIAL.vipPrefix), iface: publicIface(v) },
  { address: internalVip(v), prefix: pickNumber(v, 'internal_prefix', TUTORIAL.internalPrefix), iface: internalIface(v) },
];

const ha = {
  group: 'balancers',
  resources: (v: HostVars) => [floatingIpResource(floating(v))],
  floating: (v: HostVars) => floating(v).map((a) => a.address),
  respawn: fastTakeoverRespawn,
};

/** The other balancer(s). */
const peers = (v: HostVars): string[] => haNodes(v, ha.group).filter((n) => n !== v.inventory_hostname);

/**
 * The public network's ping node when heartbeat_ping_nodes names none: the document's control machine, where its clients
 * are (192.168.56.1, VirtualBox's host on the host-only network), when the public address is on that network.
 */
const clientsHost = (v: HostVars): string[] =>
  sameSubnet(vip(v), TUTORIAL.controlMachine, pickNumber(v, 'vip_prefix', TUTORIAL.vipPrefix)) ? [TUTORIAL.controlMachine] : [];

export default playbook(
  {
    name: 'Web servers behind the balancer pair',
    hosts: 'webservers',
    tasks: [
      ...apacheTasks(),
      // The document: gateway 192.168.200.250, the internal floating address (whichever balancer is active).
      ...gatewayTasks(TUTORIAL.internalVip),
      ...loadStatusTasks(),
    ],
    handlers: loadStatusHandlers(),
  },
  {
    name: 'Balancer pair: the same LVS table on both, Heartbeat moves the addresses',
    hosts: 'balancers',
    tasks: [
      ...lvsBaseTasks(),
      ...heartbeatConfigTasks(ha),
      // After the package (it makes /etc/ha.d/resource.d), before Heartbeat's start or restart.
      ...floatingIpTasks(),
      ...fastTakeoverTasks(peers, floating),
      // Heartbeat first: a pair set up by an earlier version of this playbook had ipvsadm as a Heartbeat resource,
      // and the restart that drops it runs `ipvsadm stop` (table cleared, sync daemons stopped) on the active node.
      ...heartbeatRunTasks(ha),
      // A balancer cut off from the web servers or from the clients' network steps back (Heartbeat stopped) until it
      // answers again: a cut cable fails over, and its heal is no split brain.
      ...isolationGuardTasks((v) => [
        { label: 'the web servers', targets: rulesOf(v, LVS).realServers.map((r) => r.address), peers: [] },
        { label: 'the public network', targets: pingNodes(v, clientsHost), peers: peers(v).map((p) => hostAddress(v, p)) },
      ]),
      // The live table too, on both (edited in place, never flushed), and the sync daemons started at once.
      lvsRulesTask(LVS, () => true, { name: 'Rules file, /etc/default/ipvsadm (DAEMON both), the live table and sync daemons on both balancers' }),
      service({ name: 'ipvsadm', enabled: true }, { name: 'ipvsadm loads the rules and starts the sync daemons at boot' }),
      ...checkerTasks(LVS),
      ...loadWeightsTasks(LVS),
    ],
    handlers: [...heartbeatHandlers(), ...fastTakeoverHandlers(), ...isolationGuardHandlers(), ...loadWeightsHandlers(), ...checkerHandlers()],
  },
);
