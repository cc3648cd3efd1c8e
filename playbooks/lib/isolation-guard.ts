// The isolation guard: Heartbeat stops on a node that reaches none of its ping nodes and starts again when one answers, so a healed cable cut is no split brain.
import type { HostVars, Task } from '../../core/index.ts';
import { apt, copy, service, template } from '../../modules/index.ts';
import { daemonUnit } from './daemon-unit.ts';
import { RELOAD_UNITS } from './heartbeat-tasks.ts';
import { pickList, pickNumber, pickOn, TUTORIAL } from './tutorial-vars.ts';

/** Where the guard lives. */
export const GUARD_PATH = '/usr/local/sbin/ha-isolation-guard';

/** Name of the handler that restarts the guard after its script or unit changed. */
export const RESTART_GUARD = 'restart ha-isolation-guard';

const UNIT = daemonUnit({
  name: 'ha-isolation-guard', purpose: 'stops Heartbeat while this node reaches none of its ping nodes',
  description: 'Heartbeat isolation guard (stops Heartbeat on a node cut off from its network)', execStart: GUARD_PATH, after: 'heartbeat.service', restartSec: 1,
});

/**
 * The addresses whose answers prove this node is not cut off: `heartbeat_ping_nodes` (say, the router), else
 * `defaults(v)` (chapter IV: the real servers, as a balancer without them serves nothing; chapter I: the default gateway).
 * Never the peer alone: a node that only pings its peer cannot tell a dead peer (it must take over) from its own cut
 * cables (it must step back).
 */
export function pingNodes(v: HostVars, defaults: (v: HostVars) => string[]): string[] {
  const given = pickList(v, 'heartbeat_ping_nodes', []);
  const nodes = given.length ? given : defaults(v);
  for (const n of nodes) {
    if (!/^[A-Za-z0-9][A-Za-z0-9.:-]*$/.test(n)) throw new Error(`heartbeat_ping_nodes: ${JSON.stringify(n)} is not an address or host name`);
  }
  return nodes;
}

/** On unless `heartbeat_isolation_guard` is false, and only where there are ping nodes. */
function guarded(v: HostVars, defaults: (v: HostVars) => string[]): boolean {
  return pickOn(v, 'heartbeat_isolation_guard') && pingNodes(v, defaults).length > 0;
}

/** How the guard decides that this node is cut off. */
export interface GuardOptions {
  /** Ping nodes when `heartbeat_ping_nodes` is not set (see pingNodes). */
  pingNodes: (v: HostVars) => string[];
  /**
   * The peers' addresses, whose answers also count (a node that reaches its peer is not cut off): where the ping node
   * is one router, its loss alone must not stop both nodes. None where the ping nodes are the servers the node serves
   * (chapter IV): a balancer that reaches its peer but no web server must step back all the same.
   */
  peers?: (v: HostVars) => string[];
}

/**
 * ping, the guard's script and its unit, running and enabled. The guard waits Heartbeat's deadtime before it steps
 * back: a shorter silence is no failover either.
 */
export function isolationGuardTasks(o: GuardOptions): Task[] {
  const when = (v: HostVars) => guarded(v, o.pingNodes);
  return [
    apt({ name: ['iputils-ping'], state: 'present', updateCache: true, cacheValidTime: 3600, installRecommends: false }, { name: 'ping is installed', when }),
    template((v) => ({
      src: 'ha-isolation-guard.ejs', dest: GUARD_PATH, mode: '0755', owner: 'root', group: 'root',
      vars: { targets: pingNodes(v, o.pingNodes), peers: o.peers?.(v) ?? [], limit: pickNumber(v, 'heartbeat_deadtime', TUTORIAL.heartbeatDeadtime) },
    }), { name: 'The isolation guard: Heartbeat steps back on a node cut off from its ping nodes', notify: RESTART_GUARD, when }),
    copy({ content: UNIT, dest: '/etc/systemd/system/ha-isolation-guard.service', mode: '0644', owner: 'root', group: 'root' },
      { name: 'The isolation guard\'s unit', notify: [RELOAD_UNITS, RESTART_GUARD], when }),
    service({ name: 'ha-isolation-guard', state: 'started', enabled: true }, { name: 'The isolation guard runs and starts at boot', when }),
  ];
}

/** The guard's restart handler (after the units were reloaded). */
export function isolationGuardHandlers(): Task[] {
  return [service({ name: 'ha-isolation-guard', state: 'restarted' }, { name: RESTART_GUARD })];
}
