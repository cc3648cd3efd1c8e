// Chapter III — A third web server: web3 gets Apache and its page, and joins the balancer without a flush.
//   tsible play playbooks/add-web3.ts -i inventory/chapter3.ini
// Run after playbooks/load-balancing.ts (chapter II). The real servers are the inventory's webservers
// group (or -e lvs_backends=…): web3 is added to /etc/ipvsadm.rules and to the live table in place.
//
// Where the document is wrong, this playbook does the right thing:
// - /etc/ipvsadm.rules in `ipvsadm -R` form (`-a -t …`, no leading `ipvsadm`); see load-balancing.ts.
// - The document edits the rules file only: the live table never learns about web3 until a reload,
//   which (`/etc/init.d/ipvsadm reload`) flushes the table and drops every open connection. Here the
//   live table gains web3 with one `-a` edit; web1's and web2's entries (and connections) are untouched.
// - ldirectord (chapter II's health checker) learns web3 too: its file is rewritten and the daemon reloaded.
import { playbook } from '../core/index.ts';
import { checkerHandlers, checkerTasks, lvsBaseTasks, lvsRulesTask } from './lib/lvs-tasks.ts';
import { apacheTasks, gatewayTasks } from './lib/web-tasks.ts';
import { loadStatusHandlers, loadStatusTasks, loadWeightsHandlers, loadWeightsTasks } from './lib/load-weights.ts';
import { BALANCER_INTERNAL, LVS } from './load-balancing.ts';

export default playbook(
  {
    name: 'The new web server',
    hosts: 'web3',
    tasks: [...apacheTasks(), ...gatewayTasks(BALANCER_INTERNAL), ...loadStatusTasks()],
    handlers: loadStatusHandlers(),
  },
  {
    name: 'The balancer adds web3 to its rules and its live table',
    hosts: 'balancers',
    tasks: [...lvsBaseTasks(), lvsRulesTask(LVS, () => true, { name: 'web3 joins the rules file and the live table (one -a edit)' }), ...checkerTasks(LVS), ...loadWeightsTasks(LVS)],
    handlers: [...loadWeightsHandlers(), ...checkerHandlers()],
  },
);
