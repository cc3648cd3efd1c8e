// The isolation guard: Heartbeat stops on a node cut off from a network it serves and starts again when it answers, so a cut cable fails over and its heal is no split brain.
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
  name: 'ha-isolation-guard', purpose: 'stops Heartbeat while this node is cut off from a network it serves',
  description: 'Heartbeat isolation guard (stops Heartbeat on a node cut off from its network)', execStart: GUARD_PATH, after: 'heartbeat.service', restartSec: 1,
});

const ADDRESS = /^[A-Za-z0-9][A-Za-z0-9.:-]*$/;

/**
 * `heartbeat_ping_nodes` (say, the router), else `defaults(v)`: the addresses whose answers prove this node still reaches
 * its clients' network. A value that is no address or host name is refused (the guard's script quotes none).
 */
export function pingNodes(v: HostVars, defaults: (v: HostVars) => string[]): string[] {
  const given = pickList(v, 'heartbeat_ping_nodes', []);
  const nodes = given.length ? given : defaults(v);
  for (const n of nodes) {
    if (!ADDRESS.test(n)) throw new Error(`heartbeat_ping_nodes: ${JSON.stringify(n)} is not an address or host name`);
  }
  return nodes;
}

/**
 * One network the node serves, as the guard checks it: the node is cut off from it when none of `targets` and none of
 * `peers` answered for the guard's limit (guardLimit). Never the peer alone: a node that only pings its peer cannot
 * tell a dead peer (it must take over) from its own cut cable (it must step back). The peers' answers count where the ping node is one router, so
 * that its loss alone never stops both nodes; none where the ping nodes are the servers the node serves (chapter IV's
 * web servers: a balancer that reaches its peer but no web server must step back all the same).
 */
export interface PingGroup {
  /** What the guard's log calls it ("the web servers"). */
  label: string;
  targets: string[];
  peers: string[];
}

/** The groups that have ping nodes, each address checked (they are written into a shell script). */
export function checkedGroups(groups: PingGroup[]): PingGroup[] {
  const kept = groups.filter((g) => g.targets.length > 0);
  for (const g of kept) {
    if (!/^[A-Za-z0-9 ._-]+$/.test(g.label)) throw new Error(`isolation guard: label ${JSON.stringify(g.label)} must be plain words`);
    for (const a of [...g.targets, ...g.peers]) {
      if (!ADDRESS.test(a)) throw new Error(`isolation guard (${g.label}): ${JSON.stringify(a)} is not an address or host name`);
    }
  }
  return kept;
}

/**
 * Seconds of silence on a network before the node steps back: `heartbeat_isolation_limit`, else 3 (three silent
 * one-second rounds, as keepalived's `fall 3` on a 1-s track script) or deadtime when that is shorter. Where the
 * peer still hears this node (only its public cable cut), nothing else moves the addresses: the clients wait this long,
 * then for Heartbeat to give the resources up (1.3 s on the lab) and the peer to take them (0.5 s); with deadtime (5 s)
 * that came to 6.7-8.1 s on the lab. A false alarm costs a graceful failover and back (under 1 s without an answer),
 * and needs both the ping node and the peer silent for that long.
 */
export function guardLimit(v: HostVars): number {
  const deadtime = pickNumber(v, 'heartbeat_deadtime', TUTORIAL.heartbeatDeadtime);
  const limit = pickNumber(v, 'heartbeat_isolation_limit', Math.min(3, deadtime));
  if (!(limit >= 1)) throw new Error(`heartbeat_isolation_limit must be at least 1 (seconds), got ${JSON.stringify(v.heartbeat_isolation_limit)}`);
  return limit;
}

/**
 * ping, the guard's script and its unit, running and enabled; on unless `heartbeat_isolation_guard` is false, and only
 * where a group has ping nodes. `groups(v)`: the networks this node serves (see PingGroup).
 */
export function isolationGuardTasks(groups: (v: HostVars) => PingGroup[]): Task[] {
  const when = (v: HostVars) => pickOn(v, 'heartbeat_isolation_guard') && checkedGroups(groups(v)).length > 0;
  return [
    apt({ name: ['iputils-ping'], state: 'present', updateCache: true, cacheValidTime: 3600, installRecommends: false }, { name: 'ping is installed', when }),
    template((v) => ({
      src: 'ha-isolation-guard.ejs', dest: GUARD_PATH, mode: '0755', owner: 'root', group: 'root',
      vars: { groups: checkedGroups(groups(v)), limit: guardLimit(v) },
    }), { name: 'The isolation guard: Heartbeat steps back on a node cut off from a network it serves', notify: RESTART_GUARD, when }),
    copy({ content: UNIT, dest: '/etc/systemd/system/ha-isolation-guard.service', mode: '0644', owner: 'root', group: 'root' },
      { name: 'The isolation guard\'s unit', notify: [RELOAD_UNITS, RESTART_GUARD], when }),
    service({ name: 'ha-isolation-guard', state: 'started', enabled: true }, { name: 'The isolation guard runs and starts at boot', when }),
  ];
}

/** The guard's restart handler (after the units were reloaded). */
export function isolationGuardHandlers(): Task[] {
  return [service({ name: 'ha-isolation-guard', state: 'restarted' }, { name: RESTART_GUARD })];
}
