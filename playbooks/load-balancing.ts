// Chapter II — Load balancing: lb balances web1 and web2 with LVS-NAT (ipvsadm), round robin.
//   tsible play playbooks/load-balancing.ts -i inventory/chapter2.ini   (or inventory/chapter2.ts)
//
// Where the document is wrong, this playbook does the right thing:
// - /etc/ipvsadm.rules: the document writes `ipvsadm -A -t …` lines. Debian's init script feeds the
//   file to `ipvsadm -R` (ipvsadm-restore), which reads `-A -t …` lines and rejects a leading `ipvsadm`.
// - /etc/default/ipvsadm: DAEMON="none", not "master": master starts IPVS's connection-sync daemon,
//   only useful with a backup balancer listening. AUTO="true" loads the rules at boot.
// - ip_forward: set live as well as in /etc/sysctl.conf (no reboot needed).
// - The live table is edited in place (no `ipvsadm -C` flush): established connections survive a re-run.
// - LVS-NAT needs the web servers' replies to go back through lb: their default route is 192.168.200.254.
// Added (the document's goal "traffic redirected away from a failed web server", which its steps never build):
// ldirectord checks each web server over HTTP every second and takes a dead one out of the live table until it
// answers again (lvs_health_check=false turns it off). While all answer, the table is exactly the rules file.
import { playbook } from '../core/index.ts';
import { service } from '../modules/index.ts';
import { checkerHandlers, checkerTasks, lvsBaseTasks, lvsRulesTask, type LvsOptions } from './lib/lvs-tasks.ts';
import { apacheTasks, gatewayTasks } from './lib/web-tasks.ts';
import { loadStatusHandlers, loadStatusTasks, loadWeightsHandlers, loadWeightsTasks } from './lib/load-weights.ts';

/** Round robin over the web servers, weight 1 each (the inventory's lvs_scheduler / lvs_weight win). */
export const LVS: LvsOptions = { scheduler: 'rr' };

/** The balancer's internal address: the web servers' gateway. */
export const BALANCER_INTERNAL = '192.168.200.254';

export default playbook(
  {
    name: 'Web servers behind the balancer',
    hosts: 'webservers',
    tasks: [...apacheTasks(), ...gatewayTasks(BALANCER_INTERNAL), ...loadStatusTasks()],
    handlers: loadStatusHandlers(),
  },
  {
    name: 'LVS-NAT balancer',
    hosts: 'balancers',
    tasks: [
      ...lvsBaseTasks(),
      lvsRulesTask(LVS, () => true, { name: 'Rules file, /etc/default/ipvsadm and the live IPVS table' }),
      service({ name: 'ipvsadm', enabled: true }, { name: 'ipvsadm loads the rules at boot' }),
      ...checkerTasks(LVS),
      ...loadWeightsTasks(LVS),
    ],
    handlers: [...loadWeightsHandlers(), ...checkerHandlers()],
  },
);
